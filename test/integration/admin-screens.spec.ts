import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import reconcileJob from "../../src/jobs/reconcile"
import { MailchimpClient } from "../../src/mailchimp"
import { MAILCHIMP_MODULE } from "../../src/modules/mailchimp"
import type MailchimpModuleService from "../../src/modules/mailchimp/service"
import type { RunningSandbox } from "@medusa-mailchimp/sandbox"
import { adminHeaders } from "../support/admin-auth"
import { PluginEnv, startPluginEnv, stopPluginEnv } from "../support/plugin-env"
import { waitFor } from "../support/redis-server"
import { SandboxControl } from "../support/sandbox-control"
import { seedStore, SeededStore } from "../support/seed-store"
import { checkout, StoreClient } from "../support/store-client"
import { testDbName } from "../support/test-db"

jest.setTimeout(180_000)

// The admin routes behind the merchant's screens: settings, audiences, sync.
let sandbox: RunningSandbox
let control: SandboxControl
let env: PluginEnv

beforeAll(async () => {
  env = await startPluginEnv({
    env: {
      MAILCHIMP_RECONCILE_AFTER_S: "0",
      MAILCHIMP_TAGS: "store-checkout",
    },
  })
  ;({ sandbox, control } = env)
})

afterAll(() => stopPluginEnv(env))

medusaIntegrationTestRunner({
  dbName: testDbName("admin_screens"),
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let shop: StoreClient
    let service: MailchimpModuleService
    let admin: Record<string, string>
    let baseUrl: string
    let n = 0
    const email = () => `screen${++n}-${Date.now()}@example.com`

    beforeAll(async () => {
      store = await seedStore(getContainer())
    })

    beforeEach(async () => {
      await control.reset()
      baseUrl = api.defaults.baseURL
      shop = new StoreClient(baseUrl, store.publishableKey)
      service = getContainer().resolve(MAILCHIMP_MODULE)
      admin = await adminHeaders(getContainer(), baseUrl)
      // Every test starts from the plugin options, with nothing saved over them.
      await service.saveSettings({ audience_id: null, double_opt_in: null, checkout_label: null, tags: null, merge_fields: null })
      await service.refreshSettings()
    })

    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(baseUrl + path, {
        method,
        headers: { ...admin, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await res.text()
      return { status: res.status, body: text ? JSON.parse(text) : undefined, text }
    }
    const keySecret = () => sandbox.apiKey.split("-")[0]

    it("refuses the routes without an admin login", async () => {
      for (const path of ["/admin/mailchimp/settings", "/admin/mailchimp/audiences", "/admin/mailchimp/sync"]) {
        expect((await fetch(baseUrl + path)).status).toBe(401)
      }
    })

    it("shows the connection, the account, the masked key and the audience's figures; never the key", async () => {
      const client = new MailchimpClient({ apiKey: sandbox.apiKey, apiUrl: sandbox.apiBase })
      for (const [i, status] of ["subscribed", "subscribed", "subscribed", "unsubscribed"].entries()) {
        await client.members.upsert(sandbox.audienceId, `fig${i}@example.com`, { email_address: `fig${i}@example.com`, status_if_new: status as any })
      }
      await control.call("POST", `/lists/${sandbox.audienceId}/members/fig0@example.com/clean`, { reason: "hard" })
      await client.close()

      const { status, body, text } = await call("GET", "/admin/mailchimp/settings")
      expect(status).toBe(200)
      const view = body.mailchimp
      expect(view.connection).toEqual(
        expect.objectContaining({
          ok: true,
          health_status: "Everything's Chimpy!",
          account: { id: expect.any(String), name: "Mailchimp stand-in" },
          api_key: "••••••••-us1",
          data_center: "us1",
          error: null,
        })
      )
      expect(view.audience).toEqual({
        id: sandbox.audienceId,
        name: "Sandbox Audience",
        double_optin: false,
        member_count: 2,
        unsubscribe_count: 1,
        cleaned_count: 1,
        error: null,
      })
      expect(view.settings).toEqual({
        audience_id: sandbox.audienceId,
        double_opt_in: "audience",
        checkout_label: "Email me news and offers",
        tags: ["store-checkout"],
        merge_fields: { first_name: "FNAME", last_name: "LNAME", phone: "PHONE", address: "ADDRESS" },
        // None offered until the merchant picks some (docs/interests-and-permissions.md).
        interest_categories: [],
      })
      expect(view.overridden).toEqual([])
      expect(view.webhook).toEqual(expect.objectContaining({ registered: false }))
      expect(text).not.toContain(keySecret())
    })

    it("reports a refused key as a failed connection, in Mailchimp's words, without the key", async () => {
      await control.faults({ error_rate: 1, error_status: 401 })
      const { status, body, text } = await call("GET", "/admin/mailchimp/settings")
      await control.clearFaults()
      expect(status).toBe(200)
      expect(body.mailchimp.connection).toEqual(
        expect.objectContaining({ ok: false, api_key: "••••••••-us1", error: expect.objectContaining({ status: 401 }) })
      )
      expect(body.mailchimp.audience.error).toEqual(expect.objectContaining({ status: 401 }))
      expect(text).not.toContain(keySecret())
    })

    it("lists the account's audiences with their figures", async () => {
      await control.call("POST", "/lists", { id: "b2c3d4e5f6", name: "Wholesale", double_optin: true })
      const { status, body } = await call("GET", "/admin/mailchimp/audiences")
      expect(status).toBe(200)
      expect(body.count).toBe(2)
      expect(body.current).toBe(sandbox.audienceId)
      expect(body.audiences).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: sandbox.audienceId, name: "Sandbox Audience", member_count: 0 }),
          expect.objectContaining({ id: "b2c3d4e5f6", name: "Wholesale", double_optin: true }),
        ])
      )
      expect((await call("GET", "/admin/mailchimp/audiences?limit=0")).status).toBe(400)
      expect((await call("GET", "/admin/mailchimp/audiences?colour=blue")).status).toBe(400)
    })

    it("refuses bad settings with 400 naming the field, and stores nothing", async () => {
      const bad: [unknown, string][] = [
        [{}, "nothing to change"],
        [{ checkout_label: "" }, "checkout_label"],
        [{ checkout_label: "x".repeat(501) }, "checkout_label"],
        [{ double_opt_in: "sometimes" }, "double_opt_in"],
        [{ tags: ["vip", "VIP"] }, "tags"],
        [{ merge_fields: { first_name: "first name" } }, "merge_fields"],
        [{ merge_fields: { favourite: "FAV" } }, "favourite"],
        [{ api_key: "abc-us1" }, "api_key"],
        [{ audience_id: "nope000000" }, "audience_id"],
        [{ merge_fields: { first_name: "FIRSTNAME" } }, "merge_fields.first_name"],
      ]
      for (const [body, field] of bad) {
        const res = await call("POST", "/admin/mailchimp/settings", body)
        expect([res.status, body]).toEqual([400, body])
        expect(res.body.message).toContain(field)
      }
      expect(await service.listSettings({})).toEqual([
        expect.objectContaining({ checkout_label: null, tags: null, audience_id: null, merge_fields: null }),
      ])
    })

    it("saves settings over the options: the storefront's label, the tags and double opt-in of the next opt-in", async () => {
      const res = await call("POST", "/admin/mailchimp/settings", {
        checkout_label: "Send me the monthly letter",
        tags: ["vip", "autumn-2026"],
        double_opt_in: "on",
      })
      expect(res.status).toBe(200)
      expect(res.body.mailchimp.settings).toEqual(
        expect.objectContaining({ checkout_label: "Send me the monthly letter", tags: ["vip", "autumn-2026"], double_opt_in: "on" })
      )
      expect(res.body.mailchimp.overridden.sort()).toEqual(["checkout_label", "double_opt_in", "tags"])
      expect(res.body.mailchimp.updated_by).toEqual(expect.stringMatching(/^user_/))

      const settings = await shop.call("GET", "/store/newsletter/settings")
      expect(settings.body.newsletter).toEqual(expect.objectContaining({ checkout_label: "Send me the monthly letter", double_opt_in: true }))

      const address = email()
      await checkout(shop, { regionId: store.regionId, variantId: store.variantIds[0], email: address, optIn: "route" })
      await waitFor(async () => !!(await control.member(sandbox.audienceId, address)), 20_000)
      const member = await control.member(sandbox.audienceId, address)
      expect(member.status).toBe("pending")
      expect(member.tags.sort()).toEqual(["autumn-2026", "vip"])
      const [consent] = await service.listConsents({ email: address })
      expect(consent.evidence.label).toBe("Send me the monthly letter")

      // null puts a setting back to its option
      const reset = await call("POST", "/admin/mailchimp/settings", { checkout_label: null, tags: null, double_opt_in: null })
      expect(reset.body.mailchimp.settings).toEqual(
        expect.objectContaining({ checkout_label: "Email me news and offers", tags: ["store-checkout"], double_opt_in: "audience" })
      )
      expect(reset.body.mailchimp.overridden).toEqual([])
    })

    it("switches to another audience and renamed merge fields: the next opt-in lands there, with those tags", async () => {
      await control.call("POST", "/lists", { id: "c3d4e5f6a7", name: "Second audience" })
      const client = new MailchimpClient({ apiKey: sandbox.apiKey, apiUrl: sandbox.apiBase })
      await client.mergeFields.create("c3d4e5f6a7", { tag: "FIRST", name: "First", type: "text" })
      await client.close()
      const res = await call("POST", "/admin/mailchimp/settings", { audience_id: "c3d4e5f6a7", merge_fields: { first_name: "FIRST" } })
      expect(res.status).toBe(200)
      expect(res.body.mailchimp.audience).toEqual(expect.objectContaining({ id: "c3d4e5f6a7", name: "Second audience" }))

      const address = email()
      await checkout(shop, { regionId: store.regionId, variantId: store.variantIds[0], email: address, firstName: "Mary", optIn: "route" })
      await waitFor(async () => !!(await control.member("c3d4e5f6a7", address)), 20_000)
      const member = await control.member("c3d4e5f6a7", address)
      expect(member.merge_fields).toEqual(expect.objectContaining({ FIRST: "Mary", LNAME: "Lovelace" }))
      expect(await control.member(sandbox.audienceId, address)).toBeUndefined()
      const [consent] = await service.listConsents({ email: address })
      expect(consent.audience_id).toBe("c3d4e5f6a7")
    })

    it("shows a failed job with Mailchimp's reason; retry runs it again and the member arrives", async () => {
      await control.faults({ error_rate: 1, error_status: 400 })
      const address = email()
      await checkout(shop, { regionId: store.regionId, variantId: store.variantIds[0], email: address, optIn: "route" })
      await waitFor(async () => (await service.listConsents({ email: address }))[0]?.sync_status === "failed", 20_000)
      await control.clearFaults()
      const [consent] = await service.listConsents({ email: address })

      let sync: any
      await waitFor(async () => {
        sync = (await call("GET", "/admin/mailchimp/sync")).body.sync
        return sync.failed_jobs.some((j: any) => j.data.consent_id === consent.id)
      }, 10_000)
      const job = sync.failed_jobs.find((j: any) => j.data.consent_id === consent.id)
      expect(job).toEqual(
        expect.objectContaining({ id: `consent.sync-${consent.id}`, name: "consent.sync", failed_reason: expect.stringMatching(/\S/) })
      )
      expect(sync.queue).toEqual(expect.objectContaining({ available: true, failed: expect.any(Number) }))
      expect(sync.queue.failed).toBeGreaterThanOrEqual(1)
      expect(sync.consents.failed).toBeGreaterThanOrEqual(1)

      expect((await call("POST", `/admin/mailchimp/sync/jobs/${encodeURIComponent(job.id)}/retry`, { now: true })).status).toBe(400)
      const retried = await call("POST", `/admin/mailchimp/sync/jobs/${encodeURIComponent(job.id)}/retry`, {})
      expect(retried.status).toBe(200)
      expect(retried.body.job).toEqual(expect.objectContaining({ retried: true, row_reopened: true }))
      await waitFor(async () => (await control.member(sandbox.audienceId, address))?.status === "subscribed", 20_000)
      await waitFor(async () => (await service.listConsents({ email: address }))[0].sync_status === "synced", 10_000)

      // It is no longer failed: a second retry finds nothing.
      expect((await call("POST", `/admin/mailchimp/sync/jobs/${encodeURIComponent(job.id)}/retry`, {})).status).toBe(404)
      expect((await call("POST", "/admin/mailchimp/sync/jobs/nothing-here/discard", {})).status).toBe(404)
    })

    it("discards a failed job: gone from the queue, its consent stays failed and the reconciler leaves it", async () => {
      await control.faults({ error_rate: 1, error_status: 400 })
      const address = email()
      await checkout(shop, { regionId: store.regionId, variantId: store.variantIds[0], email: address, optIn: "route" })
      await waitFor(async () => (await service.listConsents({ email: address }))[0]?.sync_status === "failed", 20_000)
      await control.clearFaults()
      const [consent] = await service.listConsents({ email: address })
      const id = `consent.sync-${consent.id}`
      await waitFor(async () => !!(await service.getQueue().failedJob(id)), 10_000)

      const res = await call("POST", `/admin/mailchimp/sync/jobs/${encodeURIComponent(id)}/discard`, {})
      expect(res.status).toBe(200)
      expect(res.body.job).toEqual(expect.objectContaining({ discarded: true }))
      expect(await service.getQueue().failedJob(id)).toBeUndefined()
      const sync = (await call("GET", "/admin/mailchimp/sync")).body.sync
      expect(sync.failed_jobs.map((j: any) => j.id)).not.toContain(id)

      await reconcileJob(getContainer())
      const [after] = await service.listConsents({ id: consent.id })
      expect(after.sync_status).toBe("failed")
      expect(await control.member(sandbox.audienceId, address)).toBeUndefined()
    })

    it("a discarded job whose consent was still pending is marked failed, so the reconciler does not send it", async () => {
      // A pending consent whose job failed (e.g. out of attempts on 503s): discarding gives up on it.
      await control.faults({ error_rate: 1, error_status: 400 })
      const address = email()
      await checkout(shop, { regionId: store.regionId, variantId: store.variantIds[0], email: address, optIn: "route" })
      await waitFor(async () => (await service.listConsents({ email: address }))[0]?.sync_status === "failed", 20_000)
      await control.clearFaults()
      const [consent] = await service.listConsents({ email: address })
      await service.updateConsents({ id: consent.id, sync_status: "pending" })
      const id = `consent.sync-${consent.id}`
      expect((await call("POST", `/admin/mailchimp/sync/jobs/${encodeURIComponent(id)}/discard`, {})).body.job).toEqual(
        expect.objectContaining({ discarded: true, row_marked_failed: true })
      )
      const [after] = await service.listConsents({ id: consent.id })
      expect(after.sync_status).toBe("failed")
      expect(after.sync_error).toEqual(expect.objectContaining({ title: "Discarded", discarded_by: expect.stringMatching(/^user_/) }))
      // The reason replaces Mailchimp's 400 (its status and field errors), never merged into it.
      expect(Object.keys(after.sync_error).sort()).toEqual(["at", "detail", "discarded_by", "title"])
      await reconcileJob(getContainer())
      expect(await control.member(sandbox.audienceId, address)).toBeUndefined()
    })

    it("records the reconciler's last run and shows it with the queue figures and the work still to do", async () => {
      const before = Date.now()
      await reconcileJob(getContainer())
      const { status, body } = await call("GET", "/admin/mailchimp/sync")
      expect(status).toBe(200)
      const run = body.sync.reconciler.last_run
      expect(run).toEqual(expect.objectContaining({ name: "mailchimp-reconcile", outcome: "ok", error: null }))
      expect(new Date(run.finished_at).getTime()).toBeGreaterThanOrEqual(before)
      expect(run.result).toEqual(expect.objectContaining({ found: expect.any(Object), queued: expect.any(Number) }))
      expect(body.sync.queue).toEqual(
        expect.objectContaining({ waiting: expect.any(Number), active: expect.any(Number), delayed: expect.any(Number), failed: expect.any(Number) })
      )
      expect(body.sync.consents).toEqual({ pending: expect.any(Number), failed: expect.any(Number) })
      expect((await call("GET", "/admin/mailchimp/sync?failed_limit=500")).status).toBe(400)
    })
  },
})
