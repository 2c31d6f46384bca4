/**
 * Erasure complete and proven (issue 17, finding 6): a registered customer who opted in and bought, erased by
 * the admin route. Every plugin table (found through information_schema, so tables added later are covered),
 * every key of the queue's Redis and the stand-in's e-commerce store are scanned for the address and the
 * customer id. A late webhook or store event then re-creates nothing, until the person opts in afresh.
 */
import { cancelOrderWorkflow } from "@medusajs/medusa/core-flows"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import IORedis from "ioredis"
import { subscriberHash } from "../../src/mailchimp"
import { MAILCHIMP_MODULE } from "../../src/modules/mailchimp"
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

    /** The stand-in's e-commerce stores: their customers and orders. */
    function scanStandIn(needles: string[]): Found[] {
      const found: Found[] = []
      for (const s of sandbox.state.stores.values()) {
        const text = JSON.stringify([...s.customers.values(), ...s.orders.values()]).toLowerCase()
        for (const n of needles) if (text.includes(n.toLowerCase())) found.push({ where: `stand-in store ${s.id}`, text: n })
      }
      return found
    }

    const backfill = async (objects: string[]) => {
      expect((await adminCall("POST", "/admin/mailchimp/backfill", { objects })).status).toBe(202)
      await waitFor(async () => (await adminCall("GET", "/admin/mailchimp/backfill")).body.backfill?.status !== "running", 60_000, 250)
      await drained()
    }

    type Erased = { address: string; customerId: string; orderId: string; account: Awaited<ReturnType<typeof registerCustomer>>; erasedAt: Date }

    /** A registered customer who opted in and bought, then erased by the admin route; `check` runs just before the erasure. */
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
      await drained()
      await check({ address, customerId, orderId: order.id, account })

      const res = await adminCall("POST", `/admin/mailchimp/customers/${customerId}/erase`, {})
      expect(res.status).toBe(202)
      const erasedAt = new Date()
      await waitFor(async () => (await service.listErasures({ subscriber_hash: subscriberHash(address) })).every((e) => e.status === "done"), 30_000)
      await drained()
      return { address, customerId, orderId: order.id, account, erasedAt }
    }

    it("erases a customer who opted in and bought: every plugin table, the queue's Redis, the stand-in's store, the metadata", async () => {
      const { address, customerId, orderId } = await erasedCustomer(async ({ address, customerId }) => {
        // A backfill ran before: its batches list the buyer's ids and address.
        await backfill(["customers", "orders", "merge_fields"])
        // The scans find what is there before the erasure.
        const before = await scanTables([address, customerId])
        for (const table of ["mailchimp_consent", "mailchimp_member", "mailchimp_purchase_order", "mailchimp_purchase_profile", "mailchimp_commerce_sync", "mailchimp_backfill_batch"]) {
          expect(before.map((f) => f.where)).toContain(table)
        }
        expect(await scanRedis(redis, [address, customerId])).not.toEqual([])
        expect(scanStandIn([address])).not.toEqual([])
      })

      expect(await scanTables([address, customerId])).toEqual([])
      expect(await scanRedis(redis, [address, customerId])).toEqual([])
      expect(scanStandIn([address, customerId, orderId])).toEqual([])
      expect((await control.member(sandbox.audienceId, address)).status).toBe("archived")

      // The checkout choice (time, IP, browser) is gone from the order and the cart; the order stays the merchant's.
      const { data: orders } = await getContainer()
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({ entity: "order", fields: ["id", "email", "metadata", "cart.metadata"], filters: { id: orderId } })
      expect(orders[0].email).toBe(address)
      expect(orders[0].metadata?.mailchimp_newsletter).toBeUndefined()
      expect(orders[0].cart?.metadata?.mailchimp_newsletter).toBeUndefined()

      // The receipt: what was removed where, in figures, with nobody's data.
      const proof = await adminCall("GET", `/admin/mailchimp/erasures?email=${encodeURIComponent(address)}`)
      const [record] = proof.body.erasures
      expect(record.receipt).toEqual(
        expect.objectContaining({
          store: expect.objectContaining({ members: 1, purchase_orders: 1, purchase_profiles: 1, order_metadata: 1 }),
          mailchimp: expect.objectContaining({ member: "archived", ecommerce_customers: 1, ecommerce_orders: 1, ecommerce_carts: 0 }),
        })
      )
      expect(record.receipt.store.consents).toBeGreaterThanOrEqual(1)
      expect(record.receipt.store.commerce_sync).toBeGreaterThanOrEqual(3)
      expect(JSON.stringify(proof.body)).not.toContain(address)
      expect(JSON.stringify(proof.body)).not.toContain(customerId)
    })

    it("a late webhook and a store event about the erased address re-create nothing, until the person opts in afresh", async () => {
      const { address, customerId, orderId, account, erasedAt } = await erasedCustomer()
      const hook = (fields: Record<string, string>) =>
        fetch(`${baseUrl}/hooks/mailchimp?secret=${SECRET}`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": "MailChimp.com" },
          body: formBody({ fired_at: firedAt(new Date(erasedAt.getTime() - 60_000)), "data[list_id]": sandbox.audienceId, ...fields }),
        })
      await control.clearRequests()
      // A retry of deliveries fired before the erasure.
      expect((await hook({ type: "subscribe", "data[email]": address, "data[merges][FNAME]": "Ada" })).status).toBe(200)
      expect((await hook({ type: "profile", "data[email]": address, "data[merges][FNAME]": "Ada" })).status).toBe(200)
      expect((await hook({ type: "unsubscribe", "data[email]": address, "data[action]": "unsub", "data[reason]": "manual" })).status).toBe(200)
      // Store events: the order canceled (its purchase and e-commerce writes), the customer edited.
      await cancelOrderWorkflow(getContainer()).run({ input: { order_id: orderId } })
      expect((await adminCall("POST", `/admin/customers/${customerId}`, { first_name: "Augusta" })).status).toBe(200)
      await waitFor(async () => (await service.listWebhookEvents({ status: "received" })).length === 0, 20_000)
      await new Promise((r) => setTimeout(r, 1_500))
      await drained()
      // The merchant backfills the store to Mailchimp: every customer and order, but not the erased buyer's.
      await backfill(["customers", "orders"])

      expect(await scanTables([address, customerId])).toEqual([])
      expect(scanStandIn([address, customerId, orderId])).toEqual([])
      const writes = (await control.requests()).filter((r: any) => r.method !== "GET")
      expect(writes.filter((r: any) => JSON.stringify(r).toLowerCase().includes(address) || r.path.includes(customerId) || r.path.includes(orderId))).toEqual([])
      expect((await control.member(sandbox.audienceId, address)).status).toBe("archived")

      // A fresh opt-in lifts it: the member comes back, through the rules of an archived contact.
      await shop.ok("POST", "/store/customers/me/newsletter", { subscribed: true }, account.headers)
      await waitFor(async () => ["subscribed", "pending"].includes((await control.member(sandbox.audienceId, address))?.status), 20_000)
      expect((await service.erasedSince([address])).size).toBe(0)
      expect(await service.listMembers({ email: address })).toHaveLength(1)
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
