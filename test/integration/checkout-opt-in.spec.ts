import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { MailchimpClient, subscriberHash } from "../../src/mailchimp"
import type { RunningSandbox } from "@medusa-mailchimp/sandbox"
import { recordOrderConsentWorkflow } from "../../src/workflows/record-order-consent"
import { reconcileWorkflow } from "../../src/workflows/reconcile"
import { createConnections } from "../../src/modules/mailchimp/loaders/connections"
import { jobHandlersFor } from "../../src/queue/job-handlers"
import { PluginEnv, startPluginEnv, stopPluginEnv } from "../support/plugin-env"
import { TestRedis, waitFor } from "../support/redis-server"
import type { SandboxControl } from "../support/sandbox-control"
import { testDbName } from "../support/test-db"
import { checkout } from "../support/store-client"
import { addressMaker, audienceReads, useSeededStore } from "../support/spec-store"

jest.setTimeout(180_000)

let env: PluginEnv
let sandbox: RunningSandbox
let control: SandboxControl
let redis: TestRedis

beforeAll(async () => {
  env = await startPluginEnv({
    // No per-IP signup limit: one test signs 40 addresses up from this one client (signup-abuse.spec.ts tests the limits).
    env: { MAILCHIMP_RECONCILE_AFTER_S: "0", MAILCHIMP_TAGS: "store-checkout", MAILCHIMP_SIGNUP_LIMIT_PER_IP: "0" },
  })
  ;({ sandbox, control, redis } = env)
})

afterAll(() => stopPluginEnv(env))

medusaIntegrationTestRunner({
  dbName: testDbName("checkout"),
  testSuite: ({ api, getContainer }) => {
    const spec = useSeededStore({ api, getContainer }, () => env)
    const { memberOf, waitForMember } = audienceReads(() => env)
    const email = addressMaker("shopper")

    const consentsFor = (address: string) => spec.service.listConsents({ email: address.toLowerCase() })

    it("tells the storefront the label, that the box starts unchecked, and the double opt-in rule", async () => {
      const { body, status } = await spec.shop.call("GET", "/store/newsletter/settings")
      expect(status).toBe(200)
      expect(body.newsletter).toEqual(
        expect.objectContaining({ checkout_label: "Email me news and offers", default_checked: false, double_opt_in: false })
      )
    })

    it("opt-in at checkout → a subscribed member with name, phone, address and tags, and a synced consent with its evidence", async () => {
      const address = email()
      const order = await checkout(spec.shop, {
        regionId: spec.store.regionId,
        variantId: spec.store.variantIds[0],
        email: address,
        firstName: "Grace",
        lastName: "Hopper",
        optIn: "route",
        headers: { "user-agent": "jest-shopper/1.0" },
      })
      const member = await waitForMember(address, "subscribed")
      expect(member.merge_fields).toEqual(
        expect.objectContaining({
          FNAME: "Grace",
          LNAME: "Hopper",
          PHONE: "+15125550100",
          ADDRESS: expect.objectContaining({ addr1: "1 Main Street", city: "Austin", state: "TX", zip: "78701", country: "US" }),
        })
      )
      // Tags are a call of their own after the member write (Mailchimp's PUT takes none): wait for it.
      await waitFor(async () => ((await memberOf(address))?.tags ?? []).includes("store-checkout"), 10_000)
      expect((await memberOf(address)).tags).toContain("store-checkout")

      await waitFor(async () => (await consentsFor(address))[0]?.sync_status === "synced", 10_000)
      const [consent] = await consentsFor(address)
      expect(consent).toEqual(
        expect.objectContaining({
          order_id: order.id,
          source: "checkout",
          action: "opt_in",
          mailchimp_status: "subscribed",
          sync_error: null,
        })
      )
      expect(consent.evidence).toEqual(
        expect.objectContaining({ label: "Email me news and offers", user_agent: "jest-shopper/1.0", ip: expect.any(String) })
      )
      expect(new Date(consent.evidence.at as string).getTime()).toBeLessThanOrEqual(Date.now())
    })

    it("opt-in sent in the storefront's own cart update (metadata) works the same, with server-side evidence", async () => {
      const address = email()
      await checkout(spec.shop, { regionId: spec.store.regionId, variantId: spec.store.variantIds[0], email: address, optIn: "metadata" })
      await waitForMember(address, "subscribed")
      const [consent] = await consentsFor(address)
      expect(consent.evidence.label).toBe("Email me news and offers")
    })

    it("no opt-in → no consent and nothing sent to Mailchimp for that shopper", async () => {
      const address = email()
      const order = await checkout(spec.shop, { regionId: spec.store.regionId, variantId: spec.store.variantIds[0], email: address })
      // A later opted-in order proves the worker ran in the meantime.
      const witness = email()
      await checkout(spec.shop, { regionId: spec.store.regionId, variantId: spec.store.variantIds[0], email: witness, optIn: "route" })
      await waitForMember(witness)
      // The order's e-commerce customer makes Mailchimp keep a transactional contact: never a list member.
      const contact = await memberOf(address)
      if (contact) expect(contact.status).toBe("transactional")
      expect(await consentsFor(address)).toHaveLength(0)
      const hash = subscriberHash(address)
      const memberCalls = (await control.requests()).filter((r: any) => r.path.includes(hash))
      expect(memberCalls.filter((r: any) => r.method !== "GET" && r.method !== "PATCH")).toEqual([])
      for (const call of memberCalls.filter((r: any) => r.method === "PATCH")) expect(Object.keys(call.body)).toEqual(["merge_fields"])
      expect(order.id).toBeDefined()
    })

    it("double opt-in on the audience → the member is pending", async () => {
      await control.setList(sandbox.audienceId, { double_optin: true })
      const address = email()
      await checkout(spec.shop, { regionId: spec.store.regionId, variantId: spec.store.variantIds[0], email: address, optIn: "route" })
      const member = await waitForMember(address)
      expect(member.status).toBe("pending")
      const { body } = await spec.shop.call("GET", "/store/newsletter/settings")
      expect(body.newsletter.double_opt_in).toBe(true)
    })

    it("a member who unsubscribed and opts in again is sent through pending, never forced to subscribed", async () => {
      const address = email()
      const mailchimp = new MailchimpClient({ apiKey: sandbox.apiKey, apiUrl: sandbox.apiBase })
      await mailchimp.members.upsert(sandbox.audienceId, subscriberHash(address), {
        email_address: address,
        status_if_new: "unsubscribed",
      })
      await mailchimp.close()
      await control.clearRequests()
      await checkout(spec.shop, { regionId: spec.store.regionId, variantId: spec.store.variantIds[0], email: address, optIn: "route" })
      await waitFor(async () => (await consentsFor(address))[0]?.sync_status === "synced", 20_000)
      expect((await memberOf(address)).status).toBe("pending")
      const puts = (await control.requests()).filter((r: any) => r.method === "PUT" && r.path.includes(subscriberHash(address)))
      // The first write could only add a new member (status_if_new) and left this one unsubscribed; the status
      // Mailchimp answered with decides the second, which asks for re-confirmation. No write sets "subscribed".
      expect(puts.map((r: any) => [r.body.status, r.body.status_if_new])).toEqual([
        [undefined, "subscribed"],
        ["pending", "pending"],
      ])
    })

    it("bad bodies → 400 naming the field, 404 for an unknown cart, and nothing stored", async () => {
      const { cart } = await spec.shop.ok("POST", "/store/carts", { region_id: spec.store.regionId })
      for (const body of [{}, { opt_in: "yes" }, { opt_in: true, extra: 1 }]) {
        const res = await spec.shop.call("POST", `/store/carts/${cart.id}/newsletter`, body)
        expect(res.status).toBe(400)
        expect(JSON.stringify(res.body)).toMatch(/opt_in|extra/)
      }
      const metadataRes = await spec.shop.call("POST", `/store/carts/${cart.id}`, { metadata: { mailchimp_newsletter: "yes" } })
      expect(metadataRes.status).toBe(400)
      const after = await spec.shop.ok("GET", `/store/carts/${cart.id}`)
      expect(after.cart.metadata?.mailchimp_newsletter).toBeUndefined()

      expect((await spec.shop.call("POST", `/store/carts/cart_missing/newsletter`, { opt_in: true })).status).toBe(404)

      for (const body of [{ email: "not-an-email" }, {}, { email: "a@example.com", first_name: 3 }]) {
        const res = await spec.shop.call("POST", "/store/newsletter", body)
        expect(res.status).toBe(400)
      }
      expect(await spec.service.listConsents({})).toHaveLength(0)
      const noKey = await fetch(`${api.defaults.baseURL}/store/newsletter/settings`)
      expect(noKey.status).toBe(400)
    })

    it("standalone signup → consent with evidence and a member, pending until its owner confirms", async () => {
      const address = email()
      const res = await spec.shop.call("POST", "/store/newsletter", { email: address, first_name: "Linus" })
      expect(res.status).toBe(202)
      const member = await waitForMember(address, "pending")
      expect(member.merge_fields.FNAME).toBe("Linus")
      await waitFor(async () => (await consentsFor(address))[0]?.sync_status === "synced", 10_000)
      const [consent] = await consentsFor(address)
      expect(consent).toEqual(expect.objectContaining({ source: "signup", sync_status: "synced" }))
      expect(consent.evidence.label).toBe("Subscribe to our newsletter")
    })

    it("429 and 500 bursts → delivered in the end, exactly one member and one consent", async () => {
      await control.faults({ burst_429: 4, burst_500: 3 })
      const address = email()
      await checkout(spec.shop, { regionId: spec.store.regionId, variantId: spec.store.variantIds[0], email: address, optIn: "route" })
      await waitForMember(address, "subscribed")
      await waitFor(async () => (await consentsFor(address))[0]?.sync_status === "synced", 20_000)
      const members = (await control.members(sandbox.audienceId)).filter((m: any) => m.email_address === address)
      expect(members).toHaveLength(1)
      expect(await consentsFor(address)).toHaveLength(1)
      const statuses = (await control.requests()).map((r: any) => r.status)
      expect(statuses).toEqual(expect.arrayContaining([429, 500]))
    })

    it("the same order recorded twice and its job run twice yield one consent and one write", async () => {
      const address = email()
      const order = await checkout(spec.shop, { regionId: spec.store.regionId, variantId: spec.store.variantIds[0], email: address, optIn: "route" })
      await waitFor(async () => (await consentsFor(address))[0]?.sync_status === "synced", 20_000)
      await recordOrderConsentWorkflow(getContainer()).run({ input: { order_ids: [order.id] } })
      const [consent] = await consentsFor(address)
      await spec.service.getQueue().enqueue("consent.sync", { consent_id: consent.id })
      await new Promise((r) => setTimeout(r, 1_000))
      expect(await consentsFor(address)).toHaveLength(1)
      const puts = (await control.requests()).filter((r: any) => r.method === "PUT" && r.path.includes(subscriberHash(address)))
      expect(puts).toHaveLength(1)
    })

    it("a 400 from Mailchimp is not retried: the reason is kept on the consent", async () => {
      // An address permanently deleted from the audience: Mailchimp will not take it back from the API.
      // (A refused merge field no longer fails the opt-in: see mailchimp-recoveries.spec.ts.)
      const address = email()
      const mailchimp = new MailchimpClient({ apiKey: sandbox.apiKey, apiUrl: sandbox.apiBase })
      await mailchimp.members.upsert(sandbox.audienceId, address, { email_address: address, status_if_new: "subscribed" })
      await mailchimp.members.deletePermanent(sandbox.audienceId, address)
      await mailchimp.close()
      await control.clearRequests()
      await checkout(spec.shop, { regionId: spec.store.regionId, variantId: spec.store.variantIds[0], email: address, optIn: "route" })
      await waitFor(async () => (await consentsFor(address))[0]?.sync_status === "failed", 20_000)
      const [consent] = await consentsFor(address)
      expect(consent.sync_error).toEqual(expect.objectContaining({ status: 400, title: "Forgotten Email Not Subscribed" }))
      await new Promise((r) => setTimeout(r, 500))
      const puts = (await control.requests()).filter((r: any) => r.method === "PUT" && r.path.includes(subscriberHash(address)))
      expect(puts).toHaveLength(1)
      expect(JSON.stringify(consent)).not.toContain(sandbox.apiKey)
    })

    it("Redis down while the order is placed → the member arrives once Redis is back (reconciler)", async () => {
      await redis.stop()
      const address = email()
      await checkout(spec.shop, { regionId: spec.store.regionId, variantId: spec.store.variantIds[0], email: address, optIn: "route" })
      await waitFor(async () => (await consentsFor(address)).length === 1, 10_000)
      expect((await consentsFor(address))[0].sync_status).toBe("pending")
      expect(await memberOf(address)).toBeUndefined()

      await redis.start()
      // As the scheduled reconciler does: a pass that runs while the queue is still reconnecting leaves the
      // consent pending, and a later pass sends it.
      await waitFor(async () => {
        await reconcileWorkflow(getContainer()).run({ input: { olderThanSeconds: 0, limit: 100 } })
        return (await memberOf(address))?.status === "subscribed"
      }, 30_000, 1_000)
      await waitFor(async () => (await consentsFor(address))[0].sync_status === "synced", 10_000)
    })

    it("two workers on one Redis never have more than 10 calls in flight to Mailchimp", async () => {
      // A second worker, as another Medusa worker process would run, sharing the queue through Redis.
      const second = createConnections(spec.service.getOptions(), spec.service.getLogger()).mailchimpQueue
      second.registerJobHandlers(jobHandlersFor(spec.service))
      await second.startWorker()
      await control.faults({ latency_ms: 150 })
      await control.clearRequests()
      let peak = 0
      const sampler = setInterval(() => (peak = Math.max(peak, (sandbox.state as any).inFlight)), 2)
      try {
        const addresses = Array.from({ length: 40 }, () => email())
        await Promise.all(addresses.map((a) => spec.shop.ok("POST", "/store/newsletter", { email: a })))
        await waitFor(async () => (await spec.service.listConsents({ sync_status: "synced" })).length === 40, 60_000, 200)
        expect((await control.members(sandbox.audienceId)).length).toBe(40)
      } finally {
        clearInterval(sampler)
        await second.close()
      }
      const statuses = (await control.requests()).map((r: any) => r.status)
      expect(statuses).not.toContain(429)
      expect(peak).toBeGreaterThan(1)
      expect(peak).toBeLessThanOrEqual(10)
    })
  },
})
