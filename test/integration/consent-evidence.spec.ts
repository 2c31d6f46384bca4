import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import fc from "fast-check"
import { subscriberHash } from "../../src/mailchimp"
import {
  NEWSLETTER_METADATA_KEY,
  readNewsletterChoice,
  sealNewsletterChoice,
} from "../../src/modules/mailchimp/newsletter-choice"
import type { RunningSandbox } from "@medusa-mailchimp/sandbox"
import { recordOrderConsentWorkflow } from "../../src/workflows/record-order-consent"
import { adminHeaders } from "../support/admin-auth"
import { PluginEnv, startPluginEnv, stopPluginEnv } from "../support/plugin-env"
import { waitFor } from "../support/redis-server"
import type { SandboxControl } from "../support/sandbox-control"
import { checkout, US_ADDRESS } from "../support/store-client"
import { testDbName } from "../support/test-db"
import { addressMaker, audienceReads, useSeededStore } from "../support/spec-store"

jest.setTimeout(240_000)

// Issue 17, findings 1 and 2: the evidence sent to Mailchimp is the server's, never what a client wrote.

const FORGED = { opt_in: true, at: "2001-01-01T00:00:00.000Z", ip: "203.0.113.66", user_agent: "forged-agent", label: "forged label" }
const LABEL = "Email me news and offers"

let env: PluginEnv
let sandbox: RunningSandbox
let control: SandboxControl

beforeAll(async () => {
  env = await startPluginEnv()
  ;({ sandbox, control } = env)
})

afterAll(() => stopPluginEnv(env))

medusaIntegrationTestRunner({
  dbName: testDbName("consent_evidence"),
  testSuite: ({ api, getContainer }) => {
    const spec = useSeededStore({ api, getContainer }, () => env)
    const { memberOf } = audienceReads(() => env)
    const email = addressMaker("evidence")

    const consentsFor = (address: string) => spec.service.listConsents({ email: address.toLowerCase() })
    const syncedConsent = async (address: string) => {
      await waitFor(async () => (await consentsFor(address))[0]?.sync_status === "synced", 20_000)
      return (await consentsFor(address))[0]
    }
    const memberWrites = async (address: string) =>
      (await control.requests()).filter((r: any) => r.path.includes(subscriberHash(address)) && ["PUT", "POST", "PATCH"].includes(r.method))

    it("forged evidence in the cart's creation → the member gets the server's IP, time and agent, not the forged ones", async () => {
      const address = email()
      const started = Date.now()
      await checkout(spec.shop, {
        regionId: spec.store.regionId,
        variantId: spec.store.variantIds[0],
        email: address,
        createMetadata: { [NEWSLETTER_METADATA_KEY]: FORGED },
        headers: { "user-agent": "real-agent/1.0" },
      })
      const consent = await syncedConsent(address)
      expect(consent.evidence).toEqual(expect.objectContaining({ ip: "127.0.0.1", user_agent: "real-agent/1.0", label: LABEL }))
      expect(new Date(consent.evidence.at as string).getTime()).toBeGreaterThanOrEqual(started - 1_000)
      const member = await memberOf(address)
      expect(member.status).toBe("subscribed")
      expect(member.ip_signup).toBe("127.0.0.1")
      expect(new Date(member.timestamp_signup).getTime()).toBeGreaterThanOrEqual(started - 2_000)
      expect(JSON.stringify(await memberWrites(address))).not.toMatch(/203\.0\.113\.66|2001-01-01|forged/)
    })

    it("metadata under the key that the plugin did not write (any other path to the cart) → no consent, no member write", async () => {
      const address = email()
      const witness = email()
      const cartModule = getContainer().resolve(Modules.CART)
      // A genuine seal over other evidence, pasted onto this cart with one field changed: still refused.
      const tampered = { ...sealNewsletterChoice({ ...FORGED, ip: "127.0.0.1" }, spec.service.getEvidenceKey()), ip: FORGED.ip }
      const orders: any[] = []
      for (const [i, forged] of [FORGED, tampered].entries()) {
        const target = i === 0 ? address : `${i}-${address}`
        orders.push(await checkout(spec.shop, {
          regionId: spec.store.regionId,
          variantId: spec.store.variantIds[0],
          email: target,
          beforeComplete: async (cartId) => {
            const cart = await cartModule.retrieveCart(cartId, { select: ["metadata"] })
            await cartModule.updateCarts(cartId, { metadata: { ...(cart.metadata ?? {}), [NEWSLETTER_METADATA_KEY]: forged } })
          },
        }))
      }
      // A later opted-in order proves the orders before it were handled.
      await checkout(spec.shop, { regionId: spec.store.regionId, variantId: spec.store.variantIds[0], email: witness, optIn: "route" })
      await syncedConsent(witness)
      expect(await consentsFor(address)).toHaveLength(0)
      expect(await consentsFor(`1-${address}`)).toHaveLength(0)
      for (const target of [address, `1-${address}`]) {
        const writes = await memberWrites(target)
        // The order's e-commerce customer may leave a transactional contact, never a list member with evidence.
        expect(writes.filter((r: any) => r.body?.status === "subscribed" || r.body?.status_if_new === "subscribed")).toEqual([])
        expect(JSON.stringify(writes)).not.toMatch(/203\.0\.113\.66|forged/)
      }
      // The order's page tells the merchant what was ignored, never showing it as a choice.
      const admin = await adminHeaders(getContainer(), api.defaults.baseURL)
      const view = await (await fetch(`${api.defaults.baseURL}/admin/mailchimp/orders/${orders[0].id}/newsletter`, { headers: admin })).json()
      expect(view.newsletter.choice).toEqual({ opt_in: false, at: null, label: null, ignored: "not written by the plugin" })
      expect(view.newsletter.consent).toBeNull()
    })

    it("a client writing the key after the plugin stored the choice cannot change the stored evidence", async () => {
      const { cart } = await spec.shop.ok("POST", "/store/carts", { region_id: spec.store.regionId })
      await spec.shop.ok("POST", `/store/carts/${cart.id}/newsletter`, { opt_in: true }, { "user-agent": "real-agent/1.0" })
      const stored = (await spec.shop.ok("GET", `/store/carts/${cart.id}`)).cart.metadata[NEWSLETTER_METADATA_KEY]
      expect(readNewsletterChoice({ [NEWSLETTER_METADATA_KEY]: stored }, spec.service.getEvidenceKey())).toEqual(
        expect.objectContaining({ opt_in: true, ip: "127.0.0.1", user_agent: "real-agent/1.0", label: LABEL })
      )
      // The stored seal copied onto forged fields: the capture takes opt_in alone and writes its own evidence.
      const { cart: after } = await spec.shop.ok(
        "POST",
        `/store/carts/${cart.id}`,
        { metadata: { [NEWSLETTER_METADATA_KEY]: { ...FORGED, seal: stored.seal } } },
        { "user-agent": "real-agent/1.0" }
      )
      const choice = readNewsletterChoice(after.metadata, spec.service.getEvidenceKey())
      expect(choice).toEqual(expect.objectContaining({ opt_in: true, ip: "127.0.0.1", user_agent: "real-agent/1.0", label: LABEL }))
      expect(JSON.stringify(after.metadata)).not.toMatch(/203\.0\.113\.66|2001-01-01|forged/)
    })

    it("X-Forwarded-For written by the client → the IP is the entry the store's proxy appended (one trusted hop)", async () => {
      const address = email()
      const xff = { "x-forwarded-for": "203.0.113.66, 192.0.2.9" }
      await checkout(spec.shop, { regionId: spec.store.regionId, variantId: spec.store.variantIds[0], email: address, optIn: "route", headers: xff })
      const consent = await syncedConsent(address)
      expect(consent.evidence.ip).toBe("192.0.2.9")
      expect((await memberOf(address)).ip_signup).toBe("192.0.2.9")

      const signup = email()
      await spec.shop.ok("POST", "/store/newsletter", { email: signup }, xff)
      await waitFor(async () => (await consentsFor(signup)).length === 1, 10_000)
      expect((await consentsFor(signup))[0].evidence.ip).toBe("192.0.2.9")

      // A deployment with two proxies in front says so; the entry the outer one appended is the client.
      const options = spec.service.getOptions()
      options.trustedProxyHops = 2
      try {
        const { cart } = await spec.shop.ok("POST", "/store/carts", { region_id: spec.store.regionId })
        const res = await spec.shop.ok("POST", `/store/carts/${cart.id}`, { metadata: { [NEWSLETTER_METADATA_KEY]: true } }, xff)
        expect(res.cart.metadata[NEWSLETTER_METADATA_KEY].ip).toBe("203.0.113.66")
      } finally {
        options.trustedProxyHops = 1
      }
    })

    it("property: no client-supplied cart or order metadata ever becomes consent evidence or a member write", async () => {
      const key = spec.service.getEvidenceKey()
      const genuine = sealNewsletterChoice({ ...FORGED, ip: "127.0.0.1" }, key)
      const field = fc.constantFrom("opt_in", "at", "ip", "user_agent", "label", "seal")
      const text = fc.oneof(fc.string({ maxLength: 40 }), fc.ipV4(), fc.date({ min: new Date(0), max: new Date(4e12) }).map((d) => d.toISOString()))
      const value = fc.oneof(text, fc.boolean(), fc.constant(null), fc.integer())
      // What a client may put under the key: made-up choices, made-up seals, a genuine seal over changed fields.
      const forged = fc.oneof(
        fc.record(
          { opt_in: fc.oneof(fc.constant(true), fc.boolean()), at: text, ip: text, user_agent: text, label: text, seal: fc.oneof(text, fc.constant(genuine.seal), fc.string().map((s) => `v1.${s}`)) },
          { requiredKeys: ["opt_in"] }
        ),
        fc.tuple(field, value).filter(([f, v]) => (genuine as any)[f] !== v).map(([f, v]) => ({ ...genuine, [f]: v })),
        fc.constant(true),
        fc.anything()
      )
      const headers = fc.record({ "user-agent": fc.stringMatching(/^[a-z][a-z0-9./-]{0,20}$/), "x-forwarded-for": fc.array(fc.ipV4(), { minLength: 1, maxLength: 3 }).map((a) => a.join(", ")) })

      // 1. Through the store's cart routes: what is stored under the key is the server's, sealed, or the request is refused.
      await fc.assert(
        fc.asyncProperty(forged, headers, fc.boolean(), async (value, h, create) => {
          const metadata = { [NEWSLETTER_METADATA_KEY]: value, other: "kept" }
          const before = Date.now()
          const res = create
            ? await spec.shop.call("POST", "/store/carts", { region_id: spec.store.regionId, metadata }, h)
            : await spec.shop.call("POST", `/store/carts/${(await spec.shop.ok("POST", "/store/carts", { region_id: spec.store.regionId })).cart.id}`, { metadata }, h)
          if (res.status === 400) return
          expect(res.status).toBe(200)
          const stored = res.body.cart.metadata?.[NEWSLETTER_METADATA_KEY]
          // Nothing under the key reached the store (JSON drops undefined): nothing stored either.
          if (value === undefined) return expect(stored).toBeUndefined()
          const choice = readNewsletterChoice(res.body.cart.metadata, key)
          expect(choice).not.toBeNull()
          expect(stored).toEqual({ ...choice, seal: expect.any(String) })
          expect(choice).toEqual({
            opt_in: typeof value === "boolean" ? value : (value as any).opt_in,
            ip: h["x-forwarded-for"].split(", ").pop(),
            user_agent: h["user-agent"],
            label: LABEL,
            at: expect.any(String),
          })
          expect(new Date(choice!.at).getTime()).toBeGreaterThanOrEqual(before - 1_000)
          expect(new Date(choice!.at).getTime()).toBeLessThanOrEqual(Date.now())
        }),
        { numRuns: 40 }
      )

      // 2. Written onto orders directly (any path but the plugin's): never a consent, never a member write.
      const orderModule = getContainer().resolve(Modules.ORDER)
      const addresses: string[] = []
      await fc.assert(
        fc.asyncProperty(forged, async (value) => {
          const address = email()
          addresses.push(address)
          const [order] = await orderModule.createOrders([
            {
              email: address,
              region_id: spec.store.regionId,
              currency_code: "usd",
              shipping_address: { first_name: "Mallory", ...US_ADDRESS },
              items: [{ title: "Medusa T-Shirt", quantity: 1, unit_price: 25 }],
              metadata: { [NEWSLETTER_METADATA_KEY]: value },
            } as any,
          ])
          const { result } = await recordOrderConsentWorkflow(getContainer()).run({ input: { order_ids: [order.id] } })
          expect(result).toEqual([])
          expect(await consentsFor(address)).toHaveLength(0)
        }),
        { numRuns: 40 }
      )
      // The control: the genuine seal, unchanged, does make a consent (so the property above can fail).
      const control_ = email()
      const [order] = await orderModule.createOrders([
        {
          email: control_,
          region_id: spec.store.regionId,
          currency_code: "usd",
          items: [{ title: "Medusa T-Shirt", quantity: 1, unit_price: 25 }],
          metadata: { [NEWSLETTER_METADATA_KEY]: genuine },
        } as any,
      ])
      await recordOrderConsentWorkflow(getContainer()).run({ input: { order_ids: [order.id] } })
      await syncedConsent(control_)
      const writes = (await control.requests()).filter((r: any) => addresses.some((a) => r.path.includes(subscriberHash(a))))
      expect(writes).toEqual([])
    })
  },
})
