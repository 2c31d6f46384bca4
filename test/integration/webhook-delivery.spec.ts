/**
 * Webhooks as Mailchimp sends them (issue 17, finding 7): unsigned deliveries with the secret in the URL, a
 * rotation that keeps the previous secret valid through Mailchimp's retries, a request log without the secret,
 * Mailchimp's documented samples read as written.
 */
// Medusa's request logger is off under NODE_ENV=test; in development it writes every request to logger.http.
process.env.NODE_ENV = "development"

import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { MAILCHIMP_MODULE } from "../../src/modules/mailchimp"
import type MailchimpModuleService from "../../src/modules/mailchimp/service"
import { RunningSandbox } from "@medusa-mailchimp/sandbox"
import { adminHeaders } from "../support/admin-auth"
import { PluginEnv, startPluginEnv, stopPluginEnv } from "../support/plugin-env"
import { waitFor } from "../support/redis-server"
import type { SandboxControl } from "../support/sandbox-control"
import { testDbName } from "../support/test-db"
import { firedAt, formBody } from "../support/webhook-form"
import { registerWebhooks, webhookStateOf } from "../support/webhook-admin"

jest.setTimeout(180_000)

const SECRET = "first-webhook-secret-0123456789"
const ROTATED = "second-webhook-secret-9876543210"
let env: PluginEnv
let sandbox: RunningSandbox
let control: SandboxControl

beforeAll(async () => {
  env = await startPluginEnv({ env: { MAILCHIMP_WEBHOOK_SECRET: SECRET } })
  process.env.MAILCHIMP_WEBHOOK_BASE_URL = `http://localhost:${env.port}`
  ;({ sandbox, control } = env)
})

afterAll(() => stopPluginEnv(env))

medusaIntegrationTestRunner({
  dbName: testDbName("webhook-delivery"),
  testSuite: ({ api, getContainer }) => {
    let service: MailchimpModuleService
    let admin: Record<string, string>
    let baseUrl: string
    let n = 0
    const email = () => `delivery${++n}-${Date.now()}@example.com`

    beforeEach(async () => {
      await control.reset()
      baseUrl = api.defaults.baseURL
      service = getContainer().resolve(MAILCHIMP_MODULE)
      ;(service.getOptions() as { webhookSecret: string }).webhookSecret = SECRET
      await service.deleteWebhookRegistrations((await service.listWebhookRegistrations({})).map((r) => r.id))
      service.forgetWebhookSecrets()
      admin = await adminHeaders(getContainer(), baseUrl)
    })

    const register = () => registerWebhooks(baseUrl, admin)
    const webhookState = () => webhookStateOf(baseUrl, admin)
    const post = (body: string, secret = SECRET) =>
      fetch(`${baseUrl}/hooks/mailchimp?secret=${encodeURIComponent(secret)}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": "MailChimp.com" },
        body,
      })
    const memberRow = async (address: string) => (await service.listMembers({ email: address.toLowerCase() }))[0]
    const settled = () => waitFor(async () => (await service.listWebhookEvents({ status: "received" })).length === 0, 20_000)
    const subscribed = async (address: string) => {
      const res = await post(formBody({ type: "subscribe", fired_at: firedAt(new Date(Date.now() - 60_000)), "data[email]": address, "data[list_id]": sandbox.audienceId }))
      expect(res.status).toBe(200)
      await settled()
      expect((await memberRow(address)).status).toBe("subscribed")
    }

    it("Medusa's request log shows the webhook URL without its secret", async () => {
      const logger = getContainer().resolve("logger") as { http: (message: string) => void }
      const logged: string[] = []
      const spy = jest.spyOn(logger, "http").mockImplementation((message: string) => void logged.push(String(message)))
      try {
        expect((await fetch(`${baseUrl}/hooks/mailchimp?secret=${SECRET}`)).status).toBe(200)
        expect((await post(formBody({ type: "campaign", "data[id]": "c1", "data[list_id]": sandbox.audienceId }))).status).toBe(200)
        expect((await post("", "a-wrong-secret-that-must-not-be-logged")).status).toBe(401)
        await waitFor(async () => logged.filter((l) => l.includes("/hooks/mailchimp")).length >= 3, 5_000)
      } finally {
        spy.mockRestore()
      }
      const lines = logged.filter((l) => l.includes("/hooks/mailchimp"))
      expect(lines.some((l) => l.startsWith("GET /hooks/mailchimp?secret=••••"))).toBe(true)
      expect(lines.some((l) => l.startsWith("POST /hooks/mailchimp?secret=••••"))).toBe(true)
      for (const line of logged) {
        expect(line).not.toContain(SECRET)
        expect(line).not.toContain("a-wrong-secret-that-must-not-be-logged")
      }
    })

    it("answers an empty POST with the right secret 200 and stores nothing; a wrong secret still gets 401", async () => {
      expect((await post("")).status).toBe(200)
      expect((await post("", "wrong-secret")).status).toBe(401)
      expect(await service.listWebhookEvents({})).toHaveLength(0)
    })

    it("reads Mailchimp's documented upemail sample's fired_at (stray backslash) as that time: a retry is a duplicate", async () => {
      // Mailchimp's "Sync audience data with webhooks" guide, upemail sample: fired_at=2009-03-26\ 22:15:09.
      const sample = formBody({
        type: "upemail",
        fired_at: "2009-03-26\\ 22:15:09",
        "data[list_id]": sandbox.audienceId,
        "data[new_id]": "51da8c3259",
        "data[new_email]": `new-${email()}`,
        "data[old_email]": email(),
      })
      const first = await (await post(sample)).json()
      await new Promise((r) => setTimeout(r, 1_100))
      const retry = await (await post(sample)).json()
      expect(first.duplicate).toBe(false)
      expect(retry.duplicate).toBe(true)
      const [event] = await service.listWebhookEvents({ type: "upemail" })
      expect(new Date(event.fired_at).toISOString()).toBe("2009-03-26T22:15:09.000Z")
    })

    it("stores a fired_at later than the receipt as the receipt time: a forged date does not freeze the member", async () => {
      const a = email()
      await subscribed(a)
      const before = Date.now()
      const future = formBody({ type: "unsubscribe", fired_at: "2099-01-01 00:00:00", "data[email]": a, "data[list_id]": sandbox.audienceId, "data[action]": "unsub", "data[reason]": "manual" })
      expect((await post(future)).status).toBe(200)
      await settled()
      const [event] = await service.listWebhookEvents({ email: a, type: "unsubscribe" })
      expect(new Date(event.fired_at).getTime()).toBeGreaterThanOrEqual(before - 1_000)
      expect(new Date(event.fired_at).getTime()).toBeLessThanOrEqual(Date.now())
      expect((await memberRow(a)).status).toBe("unsubscribed")
      // The person opts in again in Mailchimp a moment later: that newer event applies.
      await new Promise((r) => setTimeout(r, 1_100))
      expect((await post(formBody({ type: "subscribe", fired_at: firedAt(new Date()), "data[email]": a, "data[list_id]": sandbox.audienceId }))).status).toBe(200)
      await settled()
      expect((await memberRow(a)).status).toBe("subscribed")
    })

    it("does not apply a delivery without data[list_id] to the audience", async () => {
      const a = email()
      await subscribed(a)
      const unsubscribe = formBody({ type: "unsubscribe", fired_at: firedAt(new Date()), "data[email]": a, "data[action]": "unsub", "data[reason]": "manual" })
      expect((await post(unsubscribe)).status).toBe(200)
      await settled()
      const [event] = await service.listWebhookEvents({ email: a, type: "unsubscribe" })
      expect(event).toEqual(expect.objectContaining({ status: "ignored", outcome: expect.stringMatching(/list_id/) }))
      expect((await memberRow(a)).status).toBe("subscribed")
    })

    it("rotating the secret updates the same webhook's URL; the previous secret stays valid through Mailchimp's retries", async () => {
      const first = await register()
      const options = service.getOptions() as { webhookSecret: string }
      options.webhookSecret = ROTATED
      const second = await register()
      expect(second).toEqual(expect.objectContaining({ webhook_id: first.webhook_id, created: false, rotated: true }))
      const hooks = (await control.state()).lists.find((l: any) => l.id === sandbox.audienceId).webhooks
      expect(hooks).toHaveLength(1)
      expect(hooks[0].url).toContain(`secret=${ROTATED}`)

      const a = email()
      const event = (secret: string) =>
        post(formBody({ type: "subscribe", fired_at: firedAt(new Date()), "data[email]": a, "data[list_id]": sandbox.audienceId }), secret)
      expect((await event(ROTATED)).status).toBe(200)
      // A retry of a delivery first sent to the previous URL.
      expect((await event(SECRET)).status).toBe(200)
      expect((await event("never-this-one-0123456789")).status).toBe(401)
      const state = await webhookState()
      expect(new Date(state.previous_secret_until).getTime()).toBeGreaterThanOrEqual(Date.now() + 75 * 60_000)
      expect(JSON.stringify(state)).not.toContain(SECRET)
      expect(JSON.stringify(state)).not.toContain(ROTATED)

      // Once the grace is over, the previous secret is refused.
      const [registration] = await service.listWebhookRegistrations({})
      await service.updateWebhookRegistrations({ id: registration.id, previous_url_until: new Date(Date.now() - 1_000) })
      service.forgetWebhookSecrets()
      expect((await event(SECRET)).status).toBe(401)
      expect((await event(ROTATED)).status).toBe(200)
    })

    it("the stand-in's deliveries (MailChimp.com, unsigned, data[web_id]) are accepted and applied", async () => {
      await register()
      const a = email()
      await control.call("POST", `/lists/${sandbox.audienceId}/members/${a}/subscribe`, {})
      await settled()
      expect((await memberRow(a)).status).toBe("subscribed")
      const deliveries = (await control.call("GET", "/deliveries")).deliveries as { status: number; body: string }[]
      expect(deliveries.map((d) => d.status)).toContain(200)
      expect(deliveries.every((d) => /data%5Bweb_id%5D=\d+/.test(d.body))).toBe(true)
    })
  },
})
