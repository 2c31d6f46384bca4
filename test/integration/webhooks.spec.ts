import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import fc from "fast-check"
import { MAILCHIMP_MODULE } from "../../src/modules/mailchimp"
import type MailchimpModuleService from "../../src/modules/mailchimp/service"
import { RunningSandbox } from "@medusa-mailchimp/sandbox"
import { adminHeaders } from "../support/admin-auth"
import { PluginEnv, startPluginEnv, stopPluginEnv } from "../support/plugin-env"
import { waitFor } from "../support/redis-server"
import type { SandboxControl } from "../support/sandbox-control"
import { seedStore, SeededStore } from "../support/seed-store"
import { checkout, StoreClient } from "../support/store-client"
import { testDbName } from "../support/test-db"
import { firedAt, formBody } from "../support/webhook-form"
import { registerWebhooks, webhookStateOf } from "../support/webhook-admin"

jest.setTimeout(180_000)

const SECRET = "test-webhook-secret-0123456789"
let env: PluginEnv
let sandbox: RunningSandbox
let control: SandboxControl

beforeAll(async () => {
  env = await startPluginEnv({
    sandbox: { webhookRetryDelaysMs: [100, 300] },
    // Store opt-ins here are signups from one client, repeated per address: subscribed at once, unlimited.
    env: { MAILCHIMP_WEBHOOK_SECRET: SECRET, MAILCHIMP_CONFIRM_SIGNUPS: "false", MAILCHIMP_SIGNUP_LIMIT_PER_IP: "0", MAILCHIMP_SIGNUP_LIMIT_PER_ADDRESS: "0" },
  })
  process.env.MAILCHIMP_WEBHOOK_BASE_URL = `http://localhost:${env.port}`
  ;({ sandbox, control } = env)
})

afterAll(() => stopPluginEnv(env))

medusaIntegrationTestRunner({
  dbName: testDbName("webhooks"),
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let shop: StoreClient
    let service: MailchimpModuleService
    let admin: Record<string, string>
    let baseUrl: string
    let n = 0
    const email = () => `hook${++n}-${Date.now()}@example.com`

    beforeAll(async () => {
      store = await seedStore(getContainer())
    })

    beforeEach(async () => {
      await control.reset()
      baseUrl = api.defaults.baseURL
      shop = new StoreClient(baseUrl, store.publishableKey)
      service = getContainer().resolve(MAILCHIMP_MODULE)
      service.forgetAudienceProfile()
      service.forgetWebhookSecrets()
      admin = await adminHeaders(getContainer(), baseUrl)
    })

    const register = () => registerWebhooks(baseUrl, admin)
    const memberRow = async (address: string) => (await service.listMembers({ email: address.toLowerCase() }))[0]
    const settled = () =>
      waitFor(async () => (await service.listWebhookEvents({ status: "received" })).length === 0, 20_000)
    const subscribedAtCheckout = async (address: string) => {
      await checkout(shop, { regionId: store.regionId, variantId: store.variantIds[0], email: address, optIn: "route" })
      await waitFor(async () => (await memberRow(address))?.status === "subscribed", 20_000)
    }
    // As Mailchimp sends them: form-encoded, no signature, the secret in the URL.
    const deliver = async (fields: Record<string, string>, opts: { secret?: string } = {}) => {
      const body = formBody(fields)
      const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", "user-agent": "MailChimp.com" }
      return fetch(`${baseUrl}/hooks/mailchimp?secret=${encodeURIComponent(opts.secret ?? SECRET)}`, { method: "POST", headers, body })
    }

    it("answers Mailchimp's URL check, and 401 to a wrong or missing secret", async () => {
      const ok = await fetch(`${baseUrl}/hooks/mailchimp?secret=${SECRET}&anything=1`)
      expect(ok.status).toBe(200)
      expect(await ok.text()).toBe("")
      expect((await fetch(`${baseUrl}/hooks/mailchimp`)).status).toBe(401)
      expect((await fetch(`${baseUrl}/hooks/mailchimp?secret=wrong`)).status).toBe(401)
      const post = await deliver({ type: "subscribe", "data[email]": "x@example.com" }, { secret: "nope" })
      expect(post.status).toBe(401)
      expect(await service.listWebhookEvents({})).toHaveLength(0)
    })

    it("registers the webhook once, without the api source, and shows its state", async () => {
      const first = await register()
      const second = await register()
      expect(second.webhook_id).toBe(first.webhook_id)
      expect(first.created).toBe(true)
      expect(second.created).toBe(false)
      const state = await control.state()
      const hooks = state.lists.find((l: any) => l.id === sandbox.audienceId).webhooks
      expect(hooks).toHaveLength(1)
      expect(hooks[0].sources).toEqual({ user: true, admin: true, api: false })
      expect(hooks[0].events).toEqual(
        expect.objectContaining({ subscribe: true, unsubscribe: true, profile: true, cleaned: true, upemail: true, campaign: true })
      )
      const res = await fetch(`${baseUrl}/admin/mailchimp/webhook`, { headers: admin })
      const { webhook } = await res.json()
      expect(webhook).toEqual(expect.objectContaining({ registered: true, webhook_id: first.webhook_id }))
      expect(webhook).not.toHaveProperty("signed")
      // Without salesChannels, one audience, one webhook: exactly as before.
      expect(state.lists.flatMap((l: any) => l.webhooks)).toHaveLength(1)
      expect(webhook.audiences).toEqual([expect.objectContaining({ audience_id: sandbox.audienceId, registered: true, webhook_id: first.webhook_id })])
      expect(first.audiences).toHaveLength(1)
      expect(JSON.stringify(webhook)).not.toContain(SECRET)
    })

    it("unsubscribe, profile, upemail, cleaned, subscribe and campaign arrive from Mailchimp and are applied", async () => {
      await register()
      const a = email()
      await subscribedAtCheckout(a)

      await control.call("POST", `/lists/${sandbox.audienceId}/members/${a}/profile`, { merges: { FNAME: "Renamed" } })
      await settled()
      expect((await memberRow(a)).merge_fields.FNAME).toBe("Renamed")

      const b = `${a}.moved`.replace("@", "+new@")
      await control.call("POST", `/lists/${sandbox.audienceId}/members/${a}/upemail`, { new_email: b })
      await settled()
      expect(await memberRow(a)).toBeUndefined()
      expect((await memberRow(b)).status).toBe("subscribed")

      await control.call("POST", `/lists/${sandbox.audienceId}/members/${b}/unsubscribe`, { reason: "manual", campaign_id: "cmp1" })
      await settled()
      const unsubscribed = await memberRow(b)
      expect(unsubscribed).toEqual(expect.objectContaining({ status: "unsubscribed", reason: "manual", campaign_id: "cmp1", status_source: "mailchimp" }))
      const history = await service.listConsents({ email: b }, { order: { created_at: "ASC" } })
      expect(history.map((c) => `${c.source}:${c.action}`)).toEqual(["mailchimp:email_changed", "mailchimp:opt_out"])

      const c = email()
      await subscribedAtCheckout(c)
      await control.call("POST", `/lists/${sandbox.audienceId}/members/${c}/clean`, { reason: "hard" })
      await settled()
      expect((await memberRow(c)).status).toBe("cleaned")

      const d = email()
      await control.call("POST", `/lists/${sandbox.audienceId}/members/${d}/subscribe`, {})
      await settled()
      expect((await memberRow(d)).status).toBe("subscribed")

      await control.call("POST", `/campaigns/cmp42/finish`, { list_id: sandbox.audienceId, subject: "Hello" })
      await settled()
      const [campaign] = await service.listWebhookEvents({ type: "campaign" })
      expect(campaign.status).toBe("applied")

      const webhook = await webhookStateOf(baseUrl, admin)
      expect(webhook.deliveries.by_type).toEqual(
        expect.objectContaining({ profile: expect.any(Number), upemail: 1, unsubscribe: 1, cleaned: 1, subscribe: 1, campaign: 1 })
      )
    })

    it("a cleaned member is never re-subscribed by a later opt-in at checkout", async () => {
      await register()
      const a = email()
      await subscribedAtCheckout(a)
      await control.call("POST", `/lists/${sandbox.audienceId}/members/${a}/clean`, { reason: "hard" })
      await settled()
      await checkout(shop, { regionId: store.regionId, variantId: store.variantIds[0], email: a, optIn: "route" })
      await waitFor(async () => (await service.listConsents({ email: a, sync_status: "failed" })).length === 1, 20_000)
      expect((await control.member(sandbox.audienceId, a)).status).toBe("cleaned")
      expect((await memberRow(a)).status).toBe("cleaned")
    })

    it("an unsubscribed member who orders without opting in stays unsubscribed, in Mailchimp and in the store", async () => {
      await register()
      const a = email()
      await subscribedAtCheckout(a)
      await control.call("POST", `/lists/${sandbox.audienceId}/members/${a}/unsubscribe`, {})
      await settled()
      await control.clearRequests()
      await checkout(shop, { regionId: store.regionId, variantId: store.variantIds[0], email: a })
      await new Promise((r) => setTimeout(r, 1_500))
      expect((await control.member(sandbox.audienceId, a)).status).toBe("unsubscribed")
      expect((await memberRow(a)).status).toBe("unsubscribed")
      // Purchase history may follow the order (merge fields, e-commerce data), but nothing may touch the status.
      const writes = (await control.requests()).filter((r: any) => r.method !== "GET")
      const memberWrites = writes.filter((r: any) => r.path.includes("/members"))
      expect(memberWrites.filter((r: any) => r.method !== "PATCH")).toEqual([])
      for (const w of memberWrites) expect(Object.keys(w.body)).toEqual(["merge_fields"])
      for (const w of writes.filter((r: any) => r.path.endsWith("/orders") || r.path.includes("/customers"))) {
        expect(w.body.customer?.opt_in_status ?? w.body.opt_in_status ?? false).toBe(false)
      }
    })

    it("takes a delivery as Mailchimp sends it (no signature, the secret in the URL), and nothing without the secret", async () => {
      await register()
      const fields = { type: "subscribe", fired_at: firedAt(new Date()), "data[email]": "plain@example.com", "data[list_id]": sandbox.audienceId }
      expect((await deliver(fields, { secret: "not-the-secret" })).status).toBe(401)
      expect(await service.listWebhookEvents({})).toHaveLength(0)
      expect((await deliver(fields)).status).toBe(200)
      await settled()
      expect((await memberRow("plain@example.com")).status).toBe("subscribed")
    })

    it("stores a repeated delivery once, and lets no older event undo a newer one", async () => {
      await register()
      const a = email()
      const now = Date.now()
      const unsubscribe = { type: "unsubscribe", fired_at: firedAt(new Date(now)), "data[email]": a, "data[list_id]": sandbox.audienceId, "data[action]": "unsub", "data[reason]": "manual" }
      const olderSubscribe = { type: "subscribe", fired_at: firedAt(new Date(now - 60_000)), "data[email]": a, "data[list_id]": sandbox.audienceId }
      const first = await (await deliver(unsubscribe)).json()
      const again = await (await deliver(unsubscribe)).json()
      expect(first.duplicate).toBe(false)
      expect(again.duplicate).toBe(true)
      await settled()
      expect((await deliver(olderSubscribe)).status).toBe(200)
      await settled()
      expect((await memberRow(a)).status).toBe("unsubscribed")
      const events = await service.listWebhookEvents({ email: a }, { order: { fired_at: "ASC" } })
      expect(events.map((e) => [e.type, e.status])).toEqual([
        ["subscribe", "ignored"],
        ["unsubscribe", "applied"],
      ])
    })

    it("tolerates untidy deliveries, refuses what cannot be applied, and caps the body size", async () => {
      await register()
      const a = email()
      const untidy = `type=subscribe&fired_at=%20${encodeURIComponent(firedAt(new Date()))}xx&data[email]=${encodeURIComponent(a.toUpperCase())}&data[email]=${encodeURIComponent(a)}&data[merges][FNAME]=&data[list_id]=${sandbox.audienceId}&data[unknown][deep]=1&%ZZ=1`
      const send = (body: string) =>
        fetch(`${baseUrl}/hooks/mailchimp?secret=${SECRET}`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body,
        })
      expect((await send(untidy)).status).toBe(200)
      await settled()
      expect((await memberRow(a)).status).toBe("subscribed")
      expect((await send(`type=sms_subscribe&data[phone]=1&data[list_id]=${sandbox.audienceId}`)).status).toBe(200)
      expect((await send(`type=unsubscribe&data[list_id]=${sandbox.audienceId}`)).status).toBe(400)
      expect((await send("fired_at=2026-01-01")).status).toBe(400)
      expect((await send(`type=subscribe&data[email]=x@example.com&data[list_id]=another1`)).status).toBe(200)
      await settled()
      const ignored = await service.listWebhookEvents({ status: "ignored" })
      expect(ignored.map((e) => e.type).sort()).toEqual(["sms_subscribe", "subscribe"])
      const huge = `type=profile&data[email]=${a}&data[merges][NOTE]=${"x".repeat(200_000)}`
      const before = (await service.listWebhookEvents({})).length
      expect((await send(huge)).status).toBe(413)
      // At the limit the body is still read; over it nothing is stored.
      const atLimit = `type=profile&data[email]=${a}&data[list_id]=${sandbox.audienceId}&data[merges][NOTE]=`
      expect((await send(atLimit + "x".repeat(64 * 1024 - atLimit.length))).status).toBe(200)
      expect((await service.listWebhookEvents({})).length).toBe(before + 1)
    })

    it("property: no sequence of store opt-ins, orders and Mailchimp events subscribes someone who left", async () => {
      await register()
      type Step = "store-opt-in" | "order-without-opt-in" | "unsubscribe" | "clean" | "own-resubscribe"
      const steps = fc.array(
        fc.constantFrom<Step>("store-opt-in", "order-without-opt-in", "unsubscribe", "clean", "own-resubscribe"),
        { minLength: 1, maxLength: 5 }
      )
      await fc.assert(
        fc.asyncProperty(steps, async (sequence) => {
          const a = email()
          // What the person last did: only their own opt-in (in Mailchimp) may make them "subscribed" again.
          let left: "none" | "unsubscribed" | "cleaned" = "none"
          let everOptedIn = false
          let reconfirmAsked = false
          for (const step of sequence) {
            const current = (await control.member(sandbox.audienceId, a))?.status
            if (step === "store-opt-in") {
              const before = (await service.listConsents({ email: a, source: "signup" })).length
              await shop.ok("POST", "/store/newsletter", { email: a })
              await waitFor(async () => {
                const rows = await service.listConsents({ email: a, source: "signup" }, { order: { created_at: "ASC" } })
                return rows.length > before && rows[rows.length - 1].sync_status !== "pending"
              }, 20_000)
              everOptedIn = true
              reconfirmAsked = left === "unsubscribed"
            } else if (step === "order-without-opt-in") {
              await checkout(shop, { regionId: store.regionId, variantId: store.variantIds[0], email: a })
            } else if (step === "unsubscribe" && (current === "subscribed" || current === "pending")) {
              await control.call("POST", `/lists/${sandbox.audienceId}/members/${a}/unsubscribe`, {})
              left = "unsubscribed"
              reconfirmAsked = false
            } else if (step === "clean" && current && current !== "cleaned") {
              await control.call("POST", `/lists/${sandbox.audienceId}/members/${a}/clean`, { reason: "hard" })
              left = "cleaned"
            } else if (step === "own-resubscribe" && current && current !== "subscribed") {
              await control.call("POST", `/lists/${sandbox.audienceId}/members/${a}/subscribe`, {})
              left = "none"
              everOptedIn = true
            }
            await settled()
            const status = (await control.member(sandbox.audienceId, a))?.status
            // An order without opt-in may leave a transactional contact (the e-commerce customer, which Mailchimp
            // can also clean after a bounce), never a subscribed or pending member.
            if (!everOptedIn) expect(["subscribed", "pending"]).not.toContain(status)
            if (left === "cleaned") expect(status).toBe("cleaned")
            // Someone who left and opts in again at the store is asked to re-confirm: pending, never subscribed.
            if (left === "unsubscribed") expect(status).toBe(reconfirmAsked ? "pending" : "unsubscribed")
            const local = (await memberRow(a))?.status
            if (status && local) expect(local).toBe(status)
          }
        }),
        // A CI run once failed on this one: both unsubscribes fell in the same second, and the second was taken for a retry.
        { numRuns: 8, examples: [[["store-opt-in", "unsubscribe", "store-opt-in", "unsubscribe"]]] }
      )
    })
  },
})
