/**
 * Erasure complete and proven (issue 17, finding 6): a registered customer who opted in, bought and left an open
 * cart in Mailchimp, erased by the admin route. Every plugin table (found through information_schema, so tables
 * added later are covered), every key of the queue's Redis and the stand-in's e-commerce store (customers, orders,
 * carts) are scanned for the address and the customer id. A late webhook or store event (the open cart changed
 * included) then re-creates nothing, until the person opts in afresh.
 */
import { cancelOrderWorkflow } from "@medusajs/medusa/core-flows"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import IORedis from "ioredis"
import { subscriberHash } from "../../src/mailchimp"
import { MAILCHIMP_MODULE } from "../../src/modules/mailchimp"
import { MAILCHIMP_COMMERCE_MODULE } from "../../src/modules/mailchimp-commerce"
import type { IMailchimpCommerceService } from "../../src/types/mailchimp-commerce-module"
import type MailchimpModuleService from "../../src/modules/mailchimp/service"
import { RunningSandbox } from "@medusa-mailchimp/sandbox"
import { adminCall as callAdmin, adminHeaders } from "../support/admin-auth"
import { registerCustomer } from "../support/customer-auth"
import { PluginEnv, startPluginEnv, stopPluginEnv } from "../support/plugin-env"
import { waitFor } from "../support/redis-server"
import { scanRedis } from "../support/redis-scan"
import type { SandboxControl } from "../support/sandbox-control"
import { seedStore, SeededStore } from "../support/seed-store"
import { checkout, StoreClient } from "../support/store-client"
import { testDbName } from "../support/test-db"
import { firedAt, formBody } from "../support/webhook-form"

jest.setTimeout(240_000)

const SECRET = "erasure-webhook-secret-0123456789"
let env: PluginEnv
let sandbox: RunningSandbox
let control: SandboxControl

beforeAll(async () => {
  env = await startPluginEnv({ env: { MAILCHIMP_WEBHOOK_SECRET: SECRET, MAILCHIMP_RECONCILE_AFTER_S: "0" } })
  ;({ sandbox, control } = env)
})

afterAll(() => stopPluginEnv(env))

type Found = { where: string; text: string }

medusaIntegrationTestRunner({
  dbName: testDbName("erasure"),
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let shop: StoreClient
    let service: MailchimpModuleService
    let admin: Record<string, string>
    let baseUrl: string
    let redis: IORedis

    beforeAll(async () => {
      store = await seedStore(getContainer())
      redis = new IORedis(env.redis.url, { maxRetriesPerRequest: null })
    })
    afterAll(() => redis?.disconnect())

    beforeEach(async () => {
      baseUrl = api.defaults.baseURL
      shop = new StoreClient(baseUrl, store.publishableKey)
      service = getContainer().resolve(MAILCHIMP_MODULE)
      admin = await adminHeaders(getContainer(), baseUrl)
    })

    const adminCall = (method: string, path: string, body?: unknown) => callAdmin(baseUrl, admin, method, path, body)
    const pg = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const drained = () =>
      waitFor(async () => {
        const counts = await service.getQueue().counts()
        return (counts.waiting ?? 0) + (counts.active ?? 0) + (counts.delayed ?? 0) + (counts.paused ?? 0) === 0
      }, 30_000)

    /** Every text and JSON column of every plugin table (mailchimp_*), soft-deleted rows included. */
    async function scanTables(needles: string[]): Promise<Found[]> {
      const { rows: columns } = await pg().raw(
        `SELECT table_name, column_name FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name LIKE 'mailchimp\\_%'
           AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'ARRAY')`
      )
      const tables = new Map<string, string[]>()
      for (const c of columns) tables.set(c.table_name, [...(tables.get(c.table_name) ?? []), c.column_name])
      expect(tables.size).toBeGreaterThanOrEqual(15)
      const found: Found[] = []
      for (const [table, cols] of tables) {
        const text = cols.map((c) => `coalesce("${c}"::text, '')`).join(" || ' ' || ")
        const { rows } = await pg().raw(`SELECT ${text} AS text FROM "${table}"`)
        for (const row of rows) {
          for (const n of needles) if (String(row.text).toLowerCase().includes(n.toLowerCase())) found.push({ where: table, text: row.text })
        }
      }
      return found
    }

    /** The stand-in's e-commerce stores: their customers, orders and carts. */
    function scanStandIn(needles: string[]): Found[] {
      const found: Found[] = []
      for (const s of sandbox.state.stores.values()) {
        const text = JSON.stringify([...s.customers.values(), ...s.orders.values(), ...s.carts.values()]).toLowerCase()
        for (const n of needles) if (text.includes(n.toLowerCase())) found.push({ where: `stand-in store ${s.id}`, text: n })
      }
      return found
    }

    const backfill = async (objects: string[]) => {
      expect((await adminCall("POST", "/admin/mailchimp/backfill", { objects })).status).toBe(202)
      await waitFor(async () => (await adminCall("GET", "/admin/mailchimp/backfill")).body.backfill?.status !== "running", 60_000, 250)
      await drained()
    }

    type Erased = {
      address: string
      customerId: string
      orderId: string
      cartId: string
      account: Awaited<ReturnType<typeof registerCustomer>>
      erasedAt: Date
    }
    const heldCart = (cartId: string) => [...sandbox.state.stores.values()].some((s) => s.carts.has(cartId))

    /**
     * A registered customer who opted in, bought, and left a cart with a line in Mailchimp (cart sync is on by
     * default), then erased by the admin route; `check` runs just before the erasure.
     */
    async function erasedCustomer(check: (p: Omit<Erased, "erasedAt">) => Promise<void> = async () => undefined): Promise<Erased> {
      const address = `erase.me+${Date.now()}@example.com`
      const account = await registerCustomer(shop, { email: address, first_name: "Ada", last_name: "Lovelace" })
      const customerId = account.customer.id
      await shop.ok("POST", "/store/customers/me/newsletter", { subscribed: true }, account.headers)
      const order = await checkout(shop, {
        regionId: store.regionId,
        variantId: store.variantIds[0],
        email: address,
        optIn: "route",
        headers: account.headers,
      })
      await waitFor(async () => (await control.member(sandbox.audienceId, address))?.merge_fields?.ORDERS === 1, 30_000, 100)
      await waitFor(() => scanStandIn([customerId, order.id]).length >= 2, 30_000, 100)
      // An open cart, sent once its coalescing window (10 s) is over.
      const { cart } = await shop.ok("POST", "/store/carts", { region_id: store.regionId, email: address }, account.headers)
      await shop.ok("POST", `/store/carts/${cart.id}/line-items`, { variant_id: store.variantIds[0], quantity: 1 }, account.headers)
      await waitFor(() => heldCart(cart.id), 60_000, 200)
      await drained()
      await check({ address, customerId, orderId: order.id, cartId: cart.id, account })

      const res = await adminCall("POST", `/admin/mailchimp/customers/${customerId}/erase`, {})
      expect(res.status).toBe(202)
      const erasedAt = new Date()
      await waitFor(async () => (await service.listErasures({ subscriber_hash: subscriberHash(address) })).every((e) => e.status === "done"), 30_000)
      await drained()
      return { address, customerId, orderId: order.id, cartId: cart.id, account, erasedAt }
    }

    /** A delivery from Mailchimp's audience webhook, form-encoded, to the secret URL. */
    const hook = (fields: Record<string, string>, fired: Date) =>
      fetch(`${baseUrl}/hooks/mailchimp?secret=${SECRET}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": "MailChimp.com" },
        body: formBody({ fired_at: firedAt(fired), "data[list_id]": sandbox.audienceId, ...fields }),
      })

    /**
     * Rows of the person in the tables no checkout fills: a campaign's email activity and a segment's member (as
     * a report pull and a segment sync write them), a webhook delivery applied and one still waiting (its member
     * leased by a worker that has not finished). Answers the ids of the two deliveries.
     */
    async function personRowsElsewhere(address: string, customerId: string) {
      await pg().raw(
        `INSERT INTO mailchimp_email_activity (id, campaign_id, email, customer_id, action, occurred_at, created_at, updated_at)
         VALUES (?, 'erasure-campaign', ?, ?, 'open', now(), now(), now())`,
        [`mcea_erasure_${Date.now()}`, address, customerId]
      )
      await pg().raw(
        `INSERT INTO mailchimp_segment_member (id, segment_id, email, customer_id, in_segment, in_mailchimp, added_at, created_at, updated_at)
         VALUES (?, 'mcseg_erasure', ?, ?, true, true, now(), now(), now())`,
        [`mcsm_erasure_${Date.now()}`, address, customerId]
      )
      expect((await hook({ type: "profile", "data[email]": address, "data[merges][FNAME]": "Ada", "data[merges][LNAME]": "Lovelace" }, new Date())).status).toBe(200)
      await waitFor(async () => (await service.listWebhookEvents({ email: address })).some((e) => e.status === "applied"), 30_000, 100)
      const [applied] = await service.listWebhookEvents({ email: address, status: "applied" })
      const waiting = `mcwe_erasure_${Date.now()}`
      await pg().raw(
        `INSERT INTO mailchimp_webhook_event (id, fingerprint, type, audience_id, email, fired_at, payload, status, claimed_until, created_at, updated_at)
         VALUES (?, ?, 'profile', ?, ?, now(), ?::jsonb, 'received', now() + interval '1 hour', now(), now())`,
        [waiting, `erasure-${waiting}`, sandbox.audienceId, address, JSON.stringify({ type: "profile", data: { email: address, merges: { FNAME: "Ada" } } })]
      )
      await drained()
      return { applied: applied.id, waiting }
    }

    it("erases a customer who opted in, bought and left a cart: every plugin table, the queue's Redis, the stand-in's store, the metadata", async () => {
      let events: { applied: string; waiting: string } | undefined
      const { address, customerId, orderId, cartId } = await erasedCustomer(async ({ address, customerId, cartId }) => {
        // A backfill ran before: its batches list the buyer's ids and address.
        await backfill(["customers", "orders", "merge_fields"])
        events = await personRowsElsewhere(address, customerId)
        // The scans find what is there before the erasure.
        const before = await scanTables([address, customerId])
        for (const table of [
          "mailchimp_consent",
          "mailchimp_member",
          "mailchimp_purchase_order",
          "mailchimp_purchase_item",
          "mailchimp_purchase_profile",
          "mailchimp_commerce_sync",
          "mailchimp_backfill_batch",
          "mailchimp_email_activity",
          "mailchimp_segment_member",
          "mailchimp_webhook_event",
        ]) {
          expect(before.map((f) => f.where)).toContain(table)
        }
        const [applied] = await service.listWebhookEvents({ id: events.applied })
        const [waiting] = await service.listWebhookEvents({ id: events.waiting })
        expect([applied.status, waiting.status]).toEqual(["applied", "received"])
        expect(await scanRedis(redis, [address, customerId])).not.toEqual([])
        expect(scanStandIn([address])).not.toEqual([])
        // The open cart is in Mailchimp, under their account.
        const carts = [...sandbox.state.stores.values()].flatMap((s) => [...s.carts.values()])
        expect(carts.find((c) => c.id === cartId)?.customer_id).toBe(customerId)
      })

      expect(await scanTables([address, customerId])).toEqual([])
      expect(await scanRedis(redis, [address, customerId])).toEqual([])
      expect(scanStandIn([address, customerId, orderId, cartId])).toEqual([])
      expect(heldCart(cartId)).toBe(false)
      expect((await control.member(sandbox.audienceId, address)).status).toBe("archived")
      // The deliveries keep their fingerprint only; the one still waiting is settled as ignored.
      const [applied] = await service.listWebhookEvents({ id: events!.applied })
      const [waiting] = await service.listWebhookEvents({ id: events!.waiting })
      expect(applied).toEqual(expect.objectContaining({ status: "applied", email: null, payload: {}, outcome: "erased" }))
      expect(waiting).toEqual(expect.objectContaining({ status: "ignored", email: null, payload: {}, outcome: "erased" }))
      // The cart's sync row went with it.
      expect(await getContainer().resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE).getSync("cart", cartId)).toBeNull()

      // The checkout choice (time, IP, browser) is gone from the order and the cart; the order stays the merchant's.
      const { data: orders } = await getContainer()
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({ entity: "order", fields: ["id", "email", "metadata", "cart.metadata"], filters: { id: orderId } })
      expect(orders[0].email).toBe(address)
      expect(orders[0].metadata?.mailchimp_newsletter).toBeUndefined()
      expect(orders[0].cart?.metadata?.mailchimp_newsletter).toBeUndefined()

      // The receipt: what was removed where, in figures, with nobody's data. The checkout's cart was never sent
      // (its order came within the cart's window): only the open one counts.
      const proof = await adminCall("GET", `/admin/mailchimp/erasures?email=${encodeURIComponent(address)}`)
      const [record] = proof.body.erasures
      expect(record.receipt).toEqual(
        expect.objectContaining({
          store: expect.objectContaining({
            members: 1,
            purchase_orders: 1,
            purchase_profiles: 1,
            order_metadata: 1,
            email_activity: 1,
            segment_members: 1,
          }),
          mailchimp: expect.objectContaining({ member: "archived", ecommerce_customers: 1, ecommerce_orders: 1, ecommerce_carts: 1 }),
        })
      )
      expect(record.receipt.store.consents).toBeGreaterThanOrEqual(1)
      // Merge fields, customer, order and the open cart.
      expect(record.receipt.store.commerce_sync).toBeGreaterThanOrEqual(4)
      expect(record.receipt.store.webhook_events).toBeGreaterThanOrEqual(2)
      expect(JSON.stringify(proof.body)).not.toContain(address)
      expect(JSON.stringify(proof.body)).not.toContain(customerId)
      expect(JSON.stringify(proof.body)).not.toContain(cartId)
    })

    it("a late webhook and a store event about the erased address re-create nothing, until the person opts in afresh", async () => {
      const { address, customerId, orderId, cartId, account, erasedAt } = await erasedCustomer()
      const before = new Date(erasedAt.getTime() - 60_000)
      await control.clearRequests()
      // A retry of deliveries fired before the erasure.
      expect((await hook({ type: "subscribe", "data[email]": address, "data[merges][FNAME]": "Ada" }, before)).status).toBe(200)
      expect((await hook({ type: "profile", "data[email]": address, "data[merges][FNAME]": "Ada" }, before)).status).toBe(200)
      expect((await hook({ type: "unsubscribe", "data[email]": address, "data[action]": "unsub", "data[reason]": "manual" }, before)).status).toBe(200)
      // Store events: the order canceled (its purchase and e-commerce writes), the customer edited, their open cart
      // changed (a cart with an email and a line: it would be sent again after its window).
      await cancelOrderWorkflow(getContainer()).run({ input: { order_id: orderId } })
      expect((await adminCall("POST", `/admin/customers/${customerId}`, { first_name: "Augusta" })).status).toBe(200)
      await shop.ok("POST", `/store/carts/${cartId}/line-items`, { variant_id: store.variantIds[0], quantity: 1 }, account.headers)
      const commerce = getContainer().resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
      await waitFor(async () => (await commerce.getSync("cart", cartId))?.status === "skipped", 60_000, 200)
      expect((await commerce.getSync("cart", cartId))?.note).toBe("the buyer's address was erased")
      await waitFor(async () => (await service.listWebhookEvents({ status: "received" })).length === 0, 20_000)
      await new Promise((r) => setTimeout(r, 1_500))
      await drained()
      // The merchant backfills the store to Mailchimp: every customer and order, but not the erased buyer's.
      await backfill(["customers", "orders"])

      expect(await scanTables([address, customerId])).toEqual([])
      expect(scanStandIn([address, customerId, orderId, cartId])).toEqual([])
      const writes = (await control.requests()).filter((r: any) => r.method !== "GET")
      const naming = (r: any) => JSON.stringify(r).toLowerCase().includes(address) || [customerId, orderId, cartId].some((id) => r.path.includes(id))
      expect(writes.filter(naming)).toEqual([])
      expect((await control.member(sandbox.audienceId, address)).status).toBe("archived")

      // A fresh opt-in lifts it: the member comes back, through the rules of an archived contact.
      await shop.ok("POST", "/store/customers/me/newsletter", { subscribed: true }, account.headers)
      await waitFor(async () => ["subscribed", "pending"].includes((await control.member(sandbox.audienceId, address))?.status), 20_000)
      expect((await service.erasedSince([address])).size).toBe(0)
      // The store's member row is written once Mailchimp has answered: after the stand-in shows the member.
      await waitFor(async () => (await service.listMembers({ email: address })).length === 1, 20_000)
    })

    it("an address the store wrote to another audience before is erased there too", async () => {
      const OLD = "f6e5d4c3b2"
      await control.call("POST", "/lists", { id: OLD, name: "The store's previous audience" })
      const address = `moved.audience+${Date.now()}@example.com`
      const account = await registerCustomer(shop, { email: address })
      expect((await adminCall("POST", "/admin/mailchimp/settings", { audience_id: OLD })).status).toBe(200)
      try {
        await shop.ok("POST", "/store/customers/me/newsletter", { subscribed: true }, account.headers)
        await waitFor(async () => (await control.member(OLD, address))?.status === "subscribed", 20_000, 100)
      } finally {
        expect((await adminCall("POST", "/admin/mailchimp/settings", { audience_id: null })).status).toBe(200)
      }
      await shop.ok("POST", "/store/customers/me/newsletter", { subscribed: true }, account.headers)
      await waitFor(async () => (await control.member(sandbox.audienceId, address))?.status === "subscribed", 20_000, 100)
      await drained()

      expect((await adminCall("POST", `/admin/mailchimp/customers/${account.customer.id}/erase`, {})).status).toBe(202)
      await waitFor(async () => {
        const rows = await service.listErasures({ subscriber_hash: subscriberHash(address) })
        return rows.length >= 2 && rows.every((e) => e.status === "done")
      }, 30_000)
      const rows = await service.listErasures({ subscriber_hash: subscriberHash(address) })
      expect(rows.map((r) => r.audience_id)).toEqual(expect.arrayContaining([OLD, sandbox.audienceId]))
      expect((await control.member(OLD, address)).status).toBe("archived")
      const proof = await adminCall("GET", `/admin/mailchimp/erasures?email=${encodeURIComponent(address)}`)
      expect(proof.body.erasures.map((e: any) => e.receipt.mailchimp.member)).toEqual(["archived", "archived"])
      expect((await control.member(sandbox.audienceId, address)).status).toBe("archived")
      await drained()
      expect(await scanTables([address, account.customer.id])).toEqual([])
    })
  },
})
