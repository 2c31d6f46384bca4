import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { RunningSandbox } from "@medusa-mailchimp/sandbox"
import { MAILCHIMP_MODULE } from "../../src/modules/mailchimp"
import type MailchimpModuleService from "../../src/modules/mailchimp/service"
import { adminHeaders } from "../support/admin-auth"
import { PluginEnv, startPluginEnv, stopPluginEnv } from "../support/plugin-env"
import { waitFor } from "../support/redis-server"
import type { SandboxControl } from "../support/sandbox-control"
import { addressMaker } from "../support/spec-store"
import { testDbName } from "../support/test-db"
import { firedAt, formBody } from "../support/webhook-form"
import { registerWebhooks, webhookStateOf } from "../support/webhook-admin"

/**
 * One webhook per audience (docs/webhooks.md, docs/sales-channels.md): with two sales channels on two audiences,
 * each audience gets its own webhook with its own URL secret; a delivery acts on the rows of the audience it names,
 * only with that audience's secret; an audience the store does not use changes nothing.
 */
jest.setTimeout(180_000)

const SECRET = "test-webhook-secret-per-audience-0123"
const B_AUDIENCE = "b0aud00001"
const CHANNELS = {
  sc_hook_a: { storeId: "hook-a", name: "A shop", currency: "EUR", storefrontUrl: "https://a.shop.test" },
  sc_hook_b: { storeId: "hook-b", name: "B shop", currency: "EUR", storefrontUrl: "https://b.shop.test", audienceId: B_AUDIENCE },
}

let env: PluginEnv
let sandbox: RunningSandbox
let control: SandboxControl

beforeAll(async () => {
  env = await startPluginEnv({
    env: { MAILCHIMP_WEBHOOK_SECRET: SECRET, MAILCHIMP_SALES_CHANNELS: JSON.stringify(CHANNELS), MAILCHIMP_RECONCILE_AFTER_S: "3600" },
  })
  process.env.MAILCHIMP_WEBHOOK_BASE_URL = `http://localhost:${env.port}`
  ;({ sandbox, control } = env)
})

afterAll(async () => {
  delete process.env.MAILCHIMP_SALES_CHANNELS
  delete process.env.MAILCHIMP_WEBHOOK_BASE_URL
  delete process.env.MAILCHIMP_WEBHOOK_SECRET
  await stopPluginEnv(env)
})

medusaIntegrationTestRunner({
  dbName: testDbName("webhooks-per-audience"),
  testSuite: ({ api, getContainer }) => {
    let service: MailchimpModuleService
    let admin: Record<string, string>
    let baseUrl: string
    const email = addressMaker("aud")

    beforeEach(async () => {
      await control.reset()
      sandbox.state.createList({ id: B_AUDIENCE, name: "B" })
      baseUrl = api.defaults.baseURL!
      service = getContainer().resolve(MAILCHIMP_MODULE)
      service.forgetWebhookSecrets()
      admin = await adminHeaders(getContainer(), baseUrl)
    })

    const register = () => registerWebhooks(baseUrl, admin)
    // The webhooks Mailchimp (the stand-in) holds, by audience.
    const hooksOf = async (audienceId: string) => (await control.state()).lists.find((l: any) => l.id === audienceId).webhooks
    const secretOf = (url: string) => new URL(url).searchParams.get("secret")!
    const memberIn = async (audienceId: string, address: string) =>
      (await service.listMembers({ audience_id: audienceId, email: address.toLowerCase() }))[0]
    const settled = () => waitFor(async () => (await service.listWebhookEvents({ status: "received" })).length === 0, 40_000)
    const deliver = (fields: Record<string, string>, secret: string) =>
      fetch(`${baseUrl}/hooks/mailchimp?secret=${encodeURIComponent(secret)}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": "MailChimp.com" },
        body: formBody(fields),
      })

    it("two channels on two audiences: two webhooks, each with its own URL, listed in the admin state", async () => {
      const first = await register()
      const [a] = await hooksOf(sandbox.audienceId)
      const [b, ...more] = await hooksOf(B_AUDIENCE)
      expect(more).toEqual([])
      expect((await hooksOf(sandbox.audienceId)).length).toBe(1)
      // The same address, a secret of its own each; the plugin's own audience keeps the configured secret.
      expect(a.url.replace(/\?.*$/, "")).toBe(b.url.replace(/\?.*$/, ""))
      expect(secretOf(a.url)).toBe(SECRET)
      expect(secretOf(b.url)).not.toBe(SECRET)
      expect(b.sources).toEqual({ user: true, admin: true, api: false })
      expect(first.audiences.map((r: any) => [r.audience_id, r.webhook_id, r.created])).toEqual([
        [sandbox.audienceId, a.id, true],
        [B_AUDIENCE, b.id, true],
      ])

      // Safe to repeat: the same two webhooks.
      const again = await register()
      expect(again.audiences.map((r: any) => [r.webhook_id, r.created])).toEqual([
        [a.id, false],
        [b.id, false],
      ])
      expect(await hooksOf(B_AUDIENCE)).toHaveLength(1)

      const webhook = await webhookStateOf(baseUrl, admin)
      // The plugin's own audience's fields as before, and every audience's in the list.
      expect(webhook).toEqual(expect.objectContaining({ registered: true, webhook_id: a.id }))
      expect(webhook.audiences).toEqual([
        expect.objectContaining({ audience_id: sandbox.audienceId, registered: true, webhook_id: a.id }),
        expect.objectContaining({ audience_id: B_AUDIENCE, registered: true, webhook_id: b.id }),
      ])
      expect(JSON.stringify(webhook)).not.toContain(SECRET)
      expect(JSON.stringify(webhook)).not.toContain(secretOf(b.url))
      // Mailchimp's URL check reaches the route with either secret.
      expect((await fetch(`${baseUrl}/hooks/mailchimp?secret=${encodeURIComponent(secretOf(b.url))}`)).status).toBe(200)
    })

    it("an unsubscribe in audience B changes B's member rows only", async () => {
      await register()
      const address = email()
      await control.call("POST", `/lists/${sandbox.audienceId}/members/${address}/subscribe`, {})
      await control.call("POST", `/lists/${B_AUDIENCE}/members/${address}/subscribe`, {})
      await waitFor(async () => (await memberIn(B_AUDIENCE, address))?.status === "subscribed", 40_000)
      await waitFor(async () => (await memberIn(sandbox.audienceId, address))?.status === "subscribed", 40_000)

      await control.call("POST", `/lists/${B_AUDIENCE}/members/${address}/unsubscribe`, { reason: "manual" })
      await waitFor(async () => (await memberIn(B_AUDIENCE, address))?.status === "unsubscribed", 40_000)
      await settled()
      expect((await memberIn(sandbox.audienceId, address)).status).toBe("subscribed")
      const optOuts = await service.listConsents({ email: address, action: "opt_out" })
      expect(optOuts.map((c) => c.audience_id)).toEqual([B_AUDIENCE])
    })

    it("a delivery signed for A but naming B is refused; one naming an audience the store does not use changes nothing", async () => {
      await register()
      const bSecret = secretOf((await hooksOf(B_AUDIENCE))[0].url)
      const address = email()
      const unsubscribe = (listId: string) => ({
        type: "unsubscribe",
        fired_at: firedAt(new Date()),
        "data[email]": address,
        "data[list_id]": listId,
        "data[action]": "unsub",
        "data[reason]": "manual",
      })
      const subscribe = (listId: string) => ({ type: "subscribe", fired_at: firedAt(new Date()), "data[email]": address, "data[list_id]": listId })

      expect((await deliver(unsubscribe(B_AUDIENCE), SECRET)).status).toBe(401)
      expect((await deliver(subscribe(sandbox.audienceId), bSecret)).status).toBe(401)
      expect(await service.listWebhookEvents({ email: address })).toHaveLength(0)

      // Each with its own audience's secret: applied to that audience's rows.
      expect((await deliver(subscribe(B_AUDIENCE), bSecret)).status).toBe(200)
      expect((await deliver(subscribe(sandbox.audienceId), SECRET)).status).toBe(200)
      await settled()
      expect((await memberIn(B_AUDIENCE, address)).status).toBe("subscribed")
      expect((await memberIn(sandbox.audienceId, address)).status).toBe("subscribed")

      // An audience the store does not use: stored, ignored with the reason, no member row anywhere.
      const stranger = email()
      const res = await deliver({ type: "subscribe", fired_at: firedAt(new Date()), "data[email]": stranger, "data[list_id]": "notours001" }, bSecret)
      expect(res.status).toBe(200)
      await settled()
      const [ignored] = await service.listWebhookEvents({ email: stranger })
      expect(ignored).toEqual(expect.objectContaining({ status: "ignored", outcome: expect.stringContaining("not one this store uses") }))
      expect(await service.listMembers({ email: stranger })).toEqual([])
    })
  },
})
