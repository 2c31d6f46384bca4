import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MailchimpClient } from "../../src/mailchimp"
import { MAILCHIMP_MODULE } from "../../src/modules/mailchimp"
import type MailchimpModuleService from "../../src/modules/mailchimp/service"
import { MAILCHIMP_COMMERCE_MODULE } from "../../src/modules/mailchimp-commerce"
import type MailchimpCommerceService from "../../src/modules/mailchimp-commerce/service"
import type { RunningSandbox } from "@medusa-mailchimp/sandbox"
import { reconcileWorkflow } from "../../src/workflows/reconcile"
import { adminCaller, adminHeaders } from "../support/admin-auth"
import { backfillEnded } from "../support/backfill-run"
import { snapshotWhenIdle } from "../support/keep-state"
import { MailchimpProxy } from "../support/mailchimp-proxy"
import { PluginEnv, startPluginEnv, stopPluginEnv } from "../support/plugin-env"
import { waitFor } from "../support/redis-server"
import { SandboxControl } from "../support/sandbox-control"
import { seedStore } from "../support/seed-store"
import { testDbName } from "../support/test-db"

/**
 * The account health check (GET /admin/mailchimp/health, the same as scripts/health-check) against the stand-in set
 * up right, then wrong in each way; and the store's is_syncing around a backfill (flagged before the first batch,
 * reset by a retried job, a store left syncing shown by the check). A proxy between the store and the stand-in holds
 * or refuses single requests.
 */
jest.setTimeout(240_000)

const SECRET = "health-webhook-secret-0123456789"
let env: PluginEnv
let sandbox: RunningSandbox
let control: SandboxControl
let proxy: MailchimpProxy
let mc: MailchimpClient

beforeAll(async () => {
  env = await startPluginEnv({ env: { MAILCHIMP_WEBHOOK_SECRET: SECRET, MAILCHIMP_RECONCILE_AFTER_S: "0", MAILCHIMP_BACKFILL_BATCH_SIZE: "2" } })
  ;({ sandbox, control } = env)
  proxy = new MailchimpProxy(sandbox.apiBase)
  process.env.MAILCHIMP_API_URL = await proxy.start()
  process.env.MAILCHIMP_WEBHOOK_BASE_URL = `http://localhost:${env.port}`
  mc = new MailchimpClient({ apiKey: sandbox.apiKey, apiUrl: sandbox.apiBase })
})

afterAll(async () => {
  await mc?.close()
  await proxy?.stop()
  await stopPluginEnv(env)
})

type Line = { check: string; title: string; status: string; detail: string; fix: string | null }

medusaIntegrationTestRunner({
  dbName: testDbName("health"),
  testSuite: ({ api, getContainer, dbUtils }) => {
    let core: MailchimpModuleService
    let commerce: MailchimpCommerceService
    let storeId: string
    let admin: Record<string, string>
    let audienceId: string

    beforeAll(async () => {
      await seedStore(getContainer(), { products: 3 })
      core = getContainer().resolve(MAILCHIMP_MODULE)
      commerce = getContainer().resolve(MAILCHIMP_COMMERCE_MODULE)
      storeId = commerce.getOptions().storeId
      audienceId = sandbox.audienceId
      admin = await adminHeaders(getContainer(), api.defaults.baseURL)
    })

    afterEach(async () => {
      proxy.clear()
      await snapshotWhenIdle(core.getQueue(), dbUtils)
    })

    const adminCall = adminCaller(() => api.defaults.baseURL, () => admin)
    const health = async () => {
      const res = await adminCall("GET", "/admin/mailchimp/health")
      expect(res.status).toBe(200)
      // Never the key nor the webhook's secret.
      expect(res.text).not.toContain(sandbox.apiKey)
      expect(res.text).not.toContain(SECRET)
      return res.body.health as { status: string; lines: Line[] }
    }
    const line = (h: { lines: Line[] }, check: string) => {
      const found = h.lines.find((l) => l.check === check)
      if (!found) throw new Error(`no line ${check} in ${JSON.stringify(h.lines.map((l) => l.check))}`)
      return found
    }
    const startBackfill = async (objects: string[]) => {
      const started = await adminCall("POST", "/admin/mailchimp/backfill", { objects })
      expect(started.status).toBe(202)
    }
    const backfill = async (objects: string[] | null) => {
      if (objects) await startBackfill(objects)
      const report = await backfillEnded(adminCall)
      expect(report.status).toBe("completed")
      return report
    }
    const storePatch = (r: { method: string; path: string }) => r.method === "PATCH" && r.path === `/ecommerce/stores/${storeId}`
    const mailchimpStore = () => mc.ecommerce.stores.get(storeId)

    it("an account set up right: every line ok", async () => {
      expect((await adminCall("POST", "/admin/mailchimp/webhook")).status).toBe(200)
      await core.getQueue().runAndWait("commerce.merge-fields.ensure", {})
      await core.getQueue().runAndWait("commerce.store.connect", {})
      const h = await health()
      expect(h.lines.filter((l) => l.status !== "ok")).toEqual([])
      expect(h.status).toBe("ok")
      expect(h.lines.map((l) => l.check)).toEqual([
        "connection",
        "audience",
        "double_opt_in",
        "merge_fields.purchase",
        "merge_fields.required",
        "merge_fields.phone",
        "webhook",
        "store",
        "store.currency",
        "store.is_syncing",
        "batches",
      ])
      expect(line(h, "connection").detail).toMatch(/accepted/)
      expect(line(h, "double_opt_in").detail).toMatch(/^Off .*Mailchimp's own signup forms/)
    })

    it("is_syncing: a backfill flags the store before its first batch, keeps it flagged while it runs, and resets it after", async () => {
      expect((await mailchimpStore()).is_syncing).toBe(false)
      // A connection of the store that read "no backfill" is in flight (Mailchimp slow to answer its read) when the
      // backfill starts, and lands after the run flagged the store; batches wait at Mailchimp meanwhile.
      await getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION).raw(`UPDATE mailchimp_commerce_sync SET payload_hash = NULL WHERE object_type = 'store'`)
      const storeRead = (r: { method: string; path: string }) => r.method === "GET" && r.path === `/ecommerce/stores/${storeId}`
      proxy.rule({ match: storeRead, delayMs: 1_500, times: 1 })
      await core.getQueue().enqueue("commerce.store.connect", {})
      await waitFor(() => proxy.log.some(storeRead), 10_000, 20)
      await control.pauseBatches()
      await startBackfill(["products"])
      await waitFor(() => proxy.log.some((r) => storePatch(r) && r.body?.is_syncing === false && r.status === 200), 10_000, 50)
      // The older write undid the flag: the store is written once more, flagged, while the run is still running.
      await waitFor(async () => (await mailchimpStore()).is_syncing === true, 5_000, 100)
      expect((await adminCall("GET", "/admin/mailchimp/backfill")).body.backfill.status).toBe("running")
      await control.resumeBatches()
      await backfill(null)
      const firstBatch = proxy.log.find((r) => r.method === "POST" && r.path === "/batches")
      const firstWrite = proxy.log.find((r) => storePatch(r))
      expect(firstWrite?.body.is_syncing).toBe(true)
      expect(firstWrite!.answered).toBeLessThanOrEqual(firstBatch!.arrived)
      await waitFor(async () => (await mailchimpStore()).is_syncing === false, 20_000, 100)
    })

    it("is_syncing: the reset refused once with 503 is retried as a job, and the store ends not syncing", async () => {
      proxy.rule({ match: (r) => storePatch(r) && r.body?.is_syncing === false, status: 503, times: 1 })
      await backfill(["products"])
      await waitFor(async () => (await mailchimpStore()).is_syncing === false, 20_000, 100)
      const resets = proxy.log.filter((r) => storePatch(r) && r.body?.is_syncing === false)
      expect(resets.map((r) => r.status)).toEqual([503, 200])
      await waitFor(async () => (await commerce.getSync("store", storeId))?.status === "synced", 20_000, 100)
    })

    it("a store left syncing (the reset refused every time) is an error line in the health check until the reconciler's job gets through", async () => {
      proxy.rule({ match: (r) => storePatch(r) && r.body?.is_syncing === false, status: 503 })
      await backfill(["products"])
      // Every attempt of the reset job refused: the store's row keeps Mailchimp's words, and stays pending.
      await waitFor(async () => (await commerce.getSync("store", storeId))?.error?.status === 503, 20_000, 100)
      expect((await mailchimpStore()).is_syncing).toBe(true)
      const left = line(await health(), "store.is_syncing")
      expect(left).toEqual(expect.objectContaining({ status: "error", detail: expect.stringMatching(/left is_syncing/), fix: expect.stringMatching(/commerce\.store\.connect/) }))
      expect((await commerce.getSync("store", storeId))?.status).toBe("pending")

      proxy.clear()
      await reconcileWorkflow(getContainer()).run({ input: { olderThanSeconds: 0, limit: 100 } })
      await waitFor(async () => (await mailchimpStore()).is_syncing === false, 20_000, 200)
      expect(line(await health(), "store.is_syncing").status).toBe("ok")
    })

    it("the account set up wrong in each way: each line says what is wrong and how to fix it", async () => {
      await control.setList(audienceId, { double_optin: true })
      const { merge_fields } = await mc.mergeFields.list(audienceId, { count: 100 })
      const idOf = (tag: string) => merge_fields.find((f) => f.tag === tag)!.merge_id
      await mc.request("DELETE", `/lists/${audienceId}/merge-fields/${idOf("ORDERS")}`)
      await mc.request("DELETE", `/lists/${audienceId}/merge-fields/${idOf("PHONE")}`)
      await mc.mergeFields.create(audienceId, { tag: "PHONE", name: "Phone", type: "phone", options: { phone_format: "US" } })
      await mc.mergeFields.create(audienceId, { tag: "SHOESIZE", name: "Shoe size", type: "number", required: true })
      const { webhooks } = await mc.webhooks.list(audienceId)
      const ours = webhooks.find((w) => w.url.startsWith(`http://localhost:${env.port}/`))!
      await mc.webhooks.update(audienceId, ours.id, { events: { ...ours.events, campaign: false, upemail: false } })
      await mc.ecommerce.stores.update(storeId, { is_syncing: true, currency_code: "EUR" })
      // One of the store's batches with an operation Mailchimp refused (a product it does not hold).
      const batch = await mc.batches.create([{ method: "PATCH", path: `/ecommerce/stores/${storeId}/products/no-such-product`, body: JSON.stringify({ title: "x" }) }])
      await commerce.createBackfillBatches({ run_id: "mcbr_health", kind: "products", page: 0, mailchimp_batch_id: batch.id, object_ids: ["no-such-product"], operations: 1, submitted_at: new Date() })
      await waitFor(async () => (await mc.batches.get(batch.id)).status === "finished", 20_000, 100)

      const h = await health()
      expect(h.status).toBe("error")
      expect(line(h, "connection").status).toBe("ok")
      expect(line(h, "audience").status).toBe("ok")
      expect(line(h, "double_opt_in")).toEqual(expect.objectContaining({ status: "ok", detail: expect.stringMatching(/^On .*not the plugin's writes/) }))
      expect(line(h, "merge_fields.purchase")).toEqual(expect.objectContaining({ status: "warning", detail: expect.stringMatching(/lacks ORDERS:/) }))
      expect(line(h, "merge_fields.required")).toEqual(expect.objectContaining({ status: "warning", detail: expect.stringMatching(/^SHOESIZE \("Shoe size"\) is required/) }))
      expect(line(h, "merge_fields.phone")).toEqual(expect.objectContaining({ status: "warning", detail: expect.stringMatching(/US-format/), fix: expect.stringMatching(/International/) }))
      expect(line(h, "webhook")).toEqual(expect.objectContaining({ status: "error", detail: expect.stringMatching(/off for events upemail, campaign/) }))
      expect(line(h, "store.currency")).toEqual(expect.objectContaining({ status: "warning", detail: expect.stringMatching(/in EUR, the store sells in USD/) }))
      expect(line(h, "store.is_syncing")).toEqual(expect.objectContaining({ status: "error", detail: expect.stringMatching(/left is_syncing/) }))
      expect(line(h, "batches")).toEqual(expect.objectContaining({ status: "warning", detail: expect.stringContaining(`1 batch had 1 operation refused or failed (${batch.id})`) }))
      for (const l of h.lines.filter((x) => x.status !== "ok")) expect(l.fix).toEqual(expect.any(String))

      // No webhook at all; the store on another audience, then gone.
      await mc.webhooks.delete(audienceId, ours.id)
      expect(line(await health(), "webhook")).toEqual(expect.objectContaining({ status: "error", detail: expect.stringMatching(/no webhook to http:\/\/localhost:\d+\/hooks\/mailchimp/) }))
      await control.call("POST", "/lists", { id: "0ab0ab0ab0", name: "Other" })
      await mc.ecommerce.stores.delete(storeId)
      await mc.ecommerce.stores.create({ id: storeId, list_id: "0ab0ab0ab0", name: "Elsewhere", currency_code: "USD" })
      expect(line(await health(), "store")).toEqual(expect.objectContaining({ status: "error", detail: expect.stringMatching(/belongs to audience 0ab0ab0ab0/) }))
      await mc.ecommerce.stores.delete(storeId)
      expect(line(await health(), "store")).toEqual(expect.objectContaining({ status: "error", detail: expect.stringMatching(/has no store .* any more/) }))
    })

    it("a key Mailchimp refuses, and an audience it does not have", async () => {
      proxy.rule({ match: (r) => r.path === "/ping", apiKey: "0123456789abcdef0123456789abcdef-us6" })
      let h = await health()
      expect(h.lines).toEqual([
        expect.objectContaining({ check: "connection", status: "error", detail: expect.stringMatching(/refused the key .*API Key Invalid/), fix: expect.stringMatching(/API keys/) }),
      ])
      proxy.clear()
      proxy.rule({ match: (r) => r.path === `/lists/${audienceId}`, path: () => "/lists/nosuchlist" })
      h = await health()
      expect(line(h, "audience")).toEqual(
        expect.objectContaining({ status: "error", detail: expect.stringMatching(new RegExp(`Audience ${audienceId} was not found.*\\(${audienceId}\\)`)), fix: expect.stringMatching(/MAILCHIMP_AUDIENCE_ID/) })
      )
    })
  },
})
