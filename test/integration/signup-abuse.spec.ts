import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import IORedis from "ioredis"
import { MailchimpClient, subscriberHash } from "../../src/mailchimp"
import type { PluginOptions } from "../../src/options"
import type { RunningSandbox } from "@medusa-mailchimp/sandbox"
import { PluginEnv, startPluginEnv, stopPluginEnv } from "../support/plugin-env"
import { waitFor } from "../support/redis-server"
import type { SandboxControl } from "../support/sandbox-control"
import { checkout } from "../support/store-client"
import { testDbName } from "../support/test-db"
import { addressMaker, audienceReads, useSeededStore } from "../support/spec-store"

jest.setTimeout(180_000)

// Issue 17, findings 3, 4 and 5: anonymous signups are confirmed by email, never rename a member, and are limited.
// The store runs with the default options: confirmSignups on, 5 signups per IP per 10 minutes, 3 per address a day.

let env: PluginEnv
let sandbox: RunningSandbox
let control: SandboxControl

beforeAll(async () => {
  env = await startPluginEnv()
  ;({ sandbox, control } = env)
})

afterAll(() => stopPluginEnv(env))

medusaIntegrationTestRunner({
  dbName: testDbName("signup_abuse"),
  testSuite: ({ api, getContainer }) => {
    const spec = useSeededStore({ api, getContainer }, () => env)
    const { memberOf } = audienceReads(() => env)
    const email = addressMaker("signup")
    let ip = 0
    // Each test signs up from addresses of its own (the one proxy hop makes the rightmost entry the client's IP).
    const fromNewIp = () => ({ "x-forwarded-for": `198.51.100.${++ip}` })
    const signup = (body: Record<string, unknown>, headers = fromNewIp()) => spec.shop.call("POST", "/store/newsletter", body, headers)

    // Every write to the member: at its hash (PUT, PATCH) or adding it (POST to the audience's members).
    const writesFor = async (address: string) =>
      (await control.requests()).filter(
        (r: any) => r.method !== "GET" && (r.path.includes(subscriberHash(address)) || (r.method === "POST" && r.body?.email_address === address))
      )
    const consentsFor = (address: string) => spec.service.listConsents({ email: address.toLowerCase() }, { order: { created_at: "ASC" } })
    const settled = async (address: string, count = 1) => {
      await waitFor(async () => {
        const rows = await consentsFor(address)
        return rows.length >= count && rows.every((r: any) => r.sync_status !== "pending")
      }, 20_000)
      return consentsFor(address)
    }
    const withOptions = async (patch: Partial<PluginOptions>, run: () => Promise<void>) => {
      const options = spec.service.getOptions()
      const before = { ...options }
      Object.assign(options, patch)
      try {
        await run()
      } finally {
        for (const key of Object.keys(patch)) delete (options as Record<string, unknown>)[key]
        Object.assign(options, before)
      }
    }

    it("an anonymous signup makes a pending member (Mailchimp asks the owner to confirm), though the audience is single opt-in", async () => {
      const address = email()
      const res = await signup({ email: address, first_name: "Linus" }, { "x-forwarded-for": "203.0.113.5, 192.0.2.77" })
      expect(res.status).toBe(202)
      expect(res.body.newsletter).toEqual({ email: address, double_opt_in: true })
      const [consent] = await settled(address)
      expect(consent).toEqual(expect.objectContaining({ source: "signup", sync_status: "synced", mailchimp_status: "pending" }))
      const member = await memberOf(address)
      expect(member.status).toBe("pending")
      expect(member.merge_fields.FNAME).toBe("Linus")
      // Read first, then added with POST (create only): it could not have changed a member that arrived meanwhile.
      expect(await writesFor(address)).toEqual([
        expect.objectContaining({ method: "POST", body: expect.objectContaining({ status: "pending", ip_signup: "192.0.2.77" }) }),
      ])
    })

    it("confirmSignups: false (the merchant's explicit choice) → the audience's rule, here subscribed at once", async () => {
      await withOptions({ confirmSignups: false }, async () => {
        const address = email()
        const res = await signup({ email: address })
        expect(res.body.newsletter.double_opt_in).toBe(false)
        await settled(address)
        expect((await memberOf(address)).status).toBe("subscribed")
      })
    })

    it("subscribed at checkout as Ada, then an anonymous signup as Mallory → FNAME stays Ada, evidence and status unchanged", async () => {
      const address = email()
      await checkout(spec.shop, { regionId: spec.store.regionId, variantId: spec.store.variantIds[0], email: address, firstName: "Ada", optIn: "route", headers: { "x-forwarded-for": "192.0.2.44" } })
      await settled(address)
      const before = await memberOf(address)
      expect(before).toEqual(expect.objectContaining({ status: "subscribed", ip_signup: "192.0.2.44" }))
      expect(before.merge_fields.FNAME).toBe("Ada")
      await control.clearRequests()

      expect((await signup({ email: address, first_name: "Mallory", last_name: "Evil" })).status).toBe(202)
      await settled(address, 2)
      const after = await memberOf(address)
      expect(after.merge_fields.FNAME).toBe("Ada")
      expect(after.merge_fields.LNAME).toBe(before.merge_fields.LNAME)
      expect(after).toEqual(expect.objectContaining({ status: "subscribed", ip_signup: "192.0.2.44", timestamp_signup: before.timestamp_signup }))
      const writes = await writesFor(address)
      expect(writes.filter((w: any) => w.method === "PUT")).toHaveLength(1)
      // Only the address, the status for a new member and the store's own purchase fields: no name, no evidence.
      for (const w of writes) {
        expect(["email_address", "merge_fields", "status_if_new"]).toEqual(expect.arrayContaining(Object.keys(w.body)))
        expect(Object.keys(w.body.merge_fields ?? {}).filter((tag) => ["FNAME", "LNAME", "PHONE", "ADDRESS"].includes(tag))).toEqual([])
      }
    })

    it("a member who unsubscribed and signs up anonymously → pending (re-confirmation), their name untouched", async () => {
      const address = email()
      const client = new MailchimpClient({ apiKey: sandbox.apiKey, apiUrl: sandbox.apiBase })
      await client.members.upsert(sandbox.audienceId, subscriberHash(address), { email_address: address, status_if_new: "unsubscribed", merge_fields: { FNAME: "Grace" } })
      await client.close()
      await signup({ email: address, first_name: "Mallory" })
      await settled(address)
      const member = await memberOf(address)
      expect(member.status).toBe("pending")
      expect(member.merge_fields.FNAME).toBe("Grace")
    })

    it("at most 5 signups per IP in 10 minutes: the 6th → 429 with Retry-After; another IP is not held back", async () => {
      const headers = fromNewIp()
      for (let i = 0; i < 5; i++) expect((await signup({ email: email() }, headers)).status).toBe(202)
      const refusedAddress = email()
      const refused = await spec.shop.call("POST", "/store/newsletter", { email: refusedAddress }, headers)
      expect(refused.status).toBe(429)
      expect(JSON.stringify(refused.body)).not.toContain(refusedAddress)
      const res = await fetch(`${api.defaults.baseURL}/store/newsletter`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-publishable-api-key": spec.store.publishableKey, ...headers },
        body: JSON.stringify({ email: email() }),
      })
      expect(res.status).toBe(429)
      const retryAfter = Number(res.headers.get("retry-after"))
      expect(retryAfter).toBeGreaterThan(500)
      expect(retryAfter).toBeLessThanOrEqual(600)
      expect((await signup({ email: email() })).status).toBe(202)
      expect(await consentsFor(refusedAddress)).toHaveLength(0)
    })

    it("at most 3 signups per address a day, whatever IP the client claims; Redis keys hold neither address nor IP", async () => {
      const address = email()
      for (let i = 0; i < 3; i++) expect((await signup({ email: address })).status).toBe(202)
      const refused = await fetch(`${api.defaults.baseURL}/store/newsletter`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-publishable-api-key": spec.store.publishableKey, ...fromNewIp() },
        body: JSON.stringify({ email: address.toUpperCase() }),
      })
      expect(refused.status).toBe(429)
      const retryAfter = Number(refused.headers.get("retry-after"))
      expect(retryAfter).toBeGreaterThan(86_000)
      expect(retryAfter).toBeLessThanOrEqual(86_400)
      expect(await settled(address, 3)).toHaveLength(3)

      // Counted in the Redis every process shares, under the plugin's Cluster-safe prefix, by HMAC only.
      const redis = new IORedis(env.redis.url)
      try {
        const keys = await redis.keys("*rate-limit*")
        expect(keys.length).toBeGreaterThan(0)
        for (const key of keys) expect(key.startsWith(`${spec.service.getOptions().queuePrefix}:rate-limit:signup:`)).toBe(true)
        const all = (await redis.keys("*")).join("\n")
        expect(all).not.toContain(address)
        expect(all).not.toContain(subscriberHash(address))
        expect(all).not.toMatch(/198\.51\.100\./)
      } finally {
        redis.disconnect()
      }
    })

    it("a signup guard (a CAPTCHA check) decides: refused → 403 with its reason and nothing recorded; a guard that throws refuses", async () => {
      const guard = async (req: any) =>
        req.headers["x-captcha-token"] === "solved" ? true : { allowed: false as const, reason: "Please complete the CAPTCHA" }
      await withOptions({ signupGuard: guard }, async () => {
        const address = email()
        const refused = await signup({ email: address })
        expect(refused.status).toBe(403)
        expect(refused.body.message).toBe("Please complete the CAPTCHA")
        expect((await signup({ email: address }, { ...fromNewIp(), "x-captcha-token": "solved" } as any)).status).toBe(202)
        expect(await settled(address)).toHaveLength(1)
      })
      await withOptions({ signupGuard: async () => { throw new Error("provider down") } }, async () => {
        const address = email()
        expect((await signup({ email: address })).status).toBe(403)
        await new Promise((r) => setTimeout(r, 300))
        expect(await consentsFor(address)).toHaveLength(0)
      })
    })
  },
})
