import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  cancelOrderWorkflow,
  createCollectionsWorkflow,
  createProductCategoriesWorkflow,
  createProductsWorkflow,
  deleteProductsWorkflow,
  updateOrderWorkflow,
  updateProductsWorkflow,
} from "@medusajs/medusa/core-flows"
import { MailchimpClient, MailchimpError, subscriberHash } from "../../src/mailchimp"
import { MAILCHIMP_MODULE } from "../../src/modules/mailchimp"
import type MailchimpModuleService from "../../src/modules/mailchimp/service"
import { MAILCHIMP_COMMERCE_MODULE } from "../../src/modules/mailchimp-commerce"
import type MailchimpCommerceService from "../../src/modules/mailchimp-commerce/service"
import { GraphQuery, rebuildPurchaseProfiles } from "../../src/modules/mailchimp-commerce/store-data"
import { startSandbox, RunningSandbox } from "@medusa-mailchimp/sandbox"
import { recordOrderPurchaseWorkflow } from "../../src/workflows/commerce/record-order-purchase"
import { reconcileWorkflow } from "../../src/workflows/reconcile"
import { adminCaller, adminHeaders } from "../support/admin-auth"
import { backfillEnded } from "../support/backfill-run"
import { freePort, TestRedis, waitFor } from "../support/redis-server"
import { notFoundAsNull, snapshotWhenIdle } from "../support/keep-state"
import { SandboxControl } from "../support/sandbox-control"
import { seedStore, SeededStore } from "../support/seed-store"
import { testDbName } from "../support/test-db"
import { checkout, StoreClient } from "../support/store-client"

jest.setTimeout(240_000)

let sandbox: RunningSandbox
let control: SandboxControl
let redis: TestRedis
let mc: MailchimpClient

const BATCH_SIZE = 4

beforeAll(async () => {
  sandbox = await startSandbox({ openapiPath: process.env.MAILCHIMP_OPENAPI })
  control = new SandboxControl(sandbox.url)
  redis = new TestRedis(await freePort())
  await redis.start()
  mc = new MailchimpClient({ apiKey: sandbox.apiKey, apiUrl: sandbox.apiBase })
  Object.assign(process.env, {
    MAILCHIMP_API_KEY: sandbox.apiKey,
    MAILCHIMP_API_URL: sandbox.apiBase,
    MAILCHIMP_AUDIENCE_ID: sandbox.audienceId,
    MAILCHIMP_REDIS_URL: redis.url,
    MAILCHIMP_RETRY_BASE_MS: "50",
    MAILCHIMP_RECONCILE_AFTER_S: "0",
    MAILCHIMP_STOREFRONT_URL: "https://shop.example.com",
    MAILCHIMP_BACKFILL_BATCH_SIZE: String(BATCH_SIZE),
    // A late subscriber signs up here: subscribed at once (signup-abuse.spec.ts tests the confirmation).
    MAILCHIMP_CONFIRM_SIGNUPS: "false",
  })
})

afterAll(async () => {
  await mc?.close()
  await redis?.stop()
  await sandbox?.close()
})

const notFound = notFoundAsNull

medusaIntegrationTestRunner({
  dbName: testDbName("purchases"),
  testSuite: ({ api, getContainer, dbUtils }) => {
    let store: SeededStore
    let shop: StoreClient
    let core: MailchimpModuleService
    let commerce: MailchimpCommerceService
    let storeId: string
    let admin: Record<string, string>
    let n = 0
    const email = () => `buyer${++n}-${Date.now()}@example.com`

    beforeAll(async () => {
      store = await seedStore(getContainer(), { products: 3 })
      shop = new StoreClient(api.defaults.baseURL, store.publishableKey)
      core = getContainer().resolve(MAILCHIMP_MODULE)
      commerce = getContainer().resolve(MAILCHIMP_COMMERCE_MODULE)
      storeId = commerce.getOptions().storeId
      admin = await adminHeaders(getContainer(), api.defaults.baseURL)
    })

    // Each test starts where the previous one ended (the backfill and the rebuild count the orders placed before them).
    afterEach(() => snapshotWhenIdle(core.getQueue(), dbUtils))

    const adminCall = adminCaller(() => api.defaults.baseURL, () => admin)
    const profileOf = async (address: string) => (await commerce.listPurchaseProfiles({ email: address.toLowerCase() }))[0]
    const mcOrder = (id: string) => mc.ecommerce.orders.get(storeId, id).catch(notFound)
    const waitForOrder = async (id: string, check: (o: any) => boolean = () => true) => {
      let last: any
      await waitFor(async () => {
        last = await mcOrder(id)
        return !!last && check(last)
      }, 20_000, 100)
      return last
    }
    const syncOf = (type: string, id: string) => commerce.getSync(type as never, id)
    const query = () => getContainer().resolve<GraphQuery>(ContainerRegistrationKeys.QUERY)
    const paymentOf = async (orderId: string) => {
      const { data } = await query().graph({
        entity: "order",
        fields: ["payment_collections.payments.id"],
        filters: { id: orderId },
      })
      return data[0].payment_collections[0].payments[0].id as string
    }
    const comparable = (rows: any[]) =>
      rows
        .map(({ id: _i, created_at: _c, updated_at: _u, deleted_at: _d, raw_total_spent: _r1, raw_average_order: _r2, ...rest }) => ({
          ...rest,
          total_spent: Number(rest.total_spent),
          average_order: Number(rest.average_order),
        }))
        .sort((a, b) => a.email.localeCompare(b.email))

    it("order placed → the store is connected, the order is in Mailchimp with its lines, totals, customer and campaign, and the profile counts it", async () => {
      const address = email()
      // A campaign of this audience: Mailchimp refuses an order naming any other.
      await control.call("POST", "/campaigns/4f3a9c2b1d/finish", { list_id: sandbox.audienceId })
      const order = await checkout(shop, {
        regionId: store.regionId,
        variantId: store.variantIds[0],
        email: address,
        quantity: 2,
        metadata: { mc_cid: "4f3a9c2b1d" },
      })
      // The store API's order leaves customer_id out (an allowed extra field, not a default one).
      const { data: placed } = await query().graph({ entity: "order", fields: ["customer_id"], filters: { id: order.id } })
      const customerId = placed[0].customer_id as string
      expect(customerId).toMatch(/^cus_/)
      const sent = await waitForOrder(order.id)
      expect(sent).toEqual(
        expect.objectContaining({
          id: order.id,
          currency_code: "USD",
          order_total: 60,
          shipping_total: 10,
          campaign_id: "4f3a9c2b1d",
          financial_status: "pending",
          processed_at_foreign: expect.any(String),
        })
      )
      expect(sent.customer).toEqual(expect.objectContaining({ id: customerId, email_address: address, opt_in_status: false }))
      expect(sent.lines).toEqual([
        expect.objectContaining({ product_id: store.productIds[0], product_variant_id: store.variantIds[0], quantity: 2, price: 25 }),
      ])
      expect(sent.shipping_address).toEqual(expect.objectContaining({ name: "Ada Lovelace", city: "Austin", country_code: "US" }))

      const connected = await mc.ecommerce.stores.get(storeId)
      expect(connected).toEqual(expect.objectContaining({ list_id: sandbox.audienceId, currency_code: "USD", platform: "Medusa", domain: "shop.example.com" }))
      const product = await mc.ecommerce.products.get(storeId, store.productIds[0])
      expect(product.variants.map((v) => v.id)).toContain(store.variantIds[0])

      const profile = await profileOf(address)
      expect(profile).toEqual(
        expect.objectContaining({
          orders_count: 1,
          spent_orders_count: 1,
          canceled_count: 0,
          currency_code: "usd",
          customer_id: customerId,
          product_ids: [store.productIds[0]],
          variant_ids: [store.variantIds[0]],
        })
      )
      expect(Number(profile.total_spent)).toBe(60)
      expect(Number(profile.average_order)).toBe(60)
      expect(new Date(profile.first_order_at!).getTime()).toBe(new Date(order.created_at).getTime())
      const [purchase] = await commerce.listPurchaseOrders({ order_id: order.id })
      expect(purchase.campaign_id).toBe("4f3a9c2b1d")
      expect((await syncOf("order", order.id))).toEqual(expect.objectContaining({ status: "synced", remote_exists: true, attempts: 1 }))
    })

    it("the profile files what was bought under the product's categories and collection, as Query reads them", async () => {
      const productId = store.productIds[2]
      const { result: collections } = await createCollectionsWorkflow(getContainer()).run({ input: { collections: [{ title: "Summer" }] } })
      const { result: categories } = await createProductCategoriesWorkflow(getContainer()).run({
        input: { product_categories: [{ name: "Shirts", is_active: true }, { name: "Cotton", is_active: true }] },
      })
      await updateProductsWorkflow(getContainer()).run({
        input: { products: [{ id: productId, collection_id: collections[0].id, category_ids: categories.map((c) => c.id) }] },
      })
      const address = email()
      const order = await checkout(shop, { regionId: store.regionId, variantId: store.variantIds[2], email: address })
      await waitForOrder(order.id)
      const { data } = await query().graph({ entity: "product", fields: ["id", "collection_id", "categories.id"], filters: { id: productId } })
      const fromQuery = (data[0].categories as { id: string }[]).map((c) => c.id).sort()
      expect(fromQuery).toEqual(categories.map((c) => c.id).sort())
      const profile = await profileOf(address)
      expect([...profile.category_ids].sort()).toEqual(fromQuery)
      expect(profile.collection_ids).toEqual([collections[0].id])
      expect(profile.product_ids).toEqual([productId])
    })

    it("merge fields: created in the audience, written for a member; a buyer without opt-in never becomes subscribed", async () => {
      const member = email()
      await checkout(shop, { regionId: store.regionId, variantId: store.variantIds[1], email: member, optIn: "route" })
      await checkout(shop, { regionId: store.regionId, variantId: store.variantIds[2], email: member })
      await waitFor(async () => (await control.member(sandbox.audienceId, member))?.merge_fields?.ORDERS === 2, 20_000, 100)
      const m = await control.member(sandbox.audienceId, member)
      const today = new Date().toISOString().slice(0, 10)
      expect(m.status).toBe("subscribed")
      expect(m.merge_fields).toEqual(expect.objectContaining({ ORDERS: 2, SPENT: 70, FIRSTORDER: today, LASTORDER: today }))
      const fields = await mc.mergeFields.list(sandbox.audienceId, { count: 100 })
      expect(fields.merge_fields.filter((f) => ["ORDERS", "SPENT", "FIRSTORDER", "LASTORDER"].includes(f.tag)).map((f) => [f.tag, f.type])).toEqual(
        expect.arrayContaining([
          ["ORDERS", "number"],
          ["SPENT", "number"],
          ["FIRSTORDER", "date"],
          ["LASTORDER", "date"],
        ])
      )

      const buyer = email()
      const order = await checkout(shop, { regionId: store.regionId, variantId: store.variantIds[0], email: buyer })
      await waitForOrder(order.id)
      await waitFor(async () => (await syncOf("merge", buyer))?.status !== "pending", 20_000, 100)
      const contact = await control.member(sandbox.audienceId, buyer)
      // Mailchimp keeps e-commerce customers who did not opt in as transactional contacts.
      expect(contact?.status ?? "absent").not.toMatch(/subscribed|pending/)
      const puts = (await control.requests()).filter(
        (r: any) => r.path.includes(subscriberHash(buyer)) && ["PUT", "POST"].includes(r.method)
      )
      expect(puts).toHaveLength(0)
    })

    it("a buyer who subscribes after buying: the opt-in's member write carries the purchase merge fields, no PATCH follows", async () => {
      const buyer = email()
      await core.getQueue().runAndWait("commerce.merge-fields.ensure", {})
      const order = await checkout(shop, { regionId: store.regionId, variantId: store.variantIds[0], email: buyer })
      await waitForOrder(order.id)
      // Whether the merge job found no member or already the order's transactional contact depends on which of the
      // order's jobs ran first; the late subscriber's case is the first: the merge fields had nowhere to go.
      await waitFor(async () => ["skipped", "synced"].includes((await syncOf("merge", buyer))?.status ?? ""), 20_000, 100)
      const [ref] = await commerce.requestSync([{ object_type: "merge", object_id: buyer }])
      await commerce.completeSync(ref, { status: "skipped", remote_exists: false, note: "not a member of the audience" })
      await control.clearRequests()
      await shop.ok("POST", "/store/newsletter", { email: buyer })
      await waitFor(async () => (await core.listConsents({ email: buyer }))[0]?.sync_status === "synced", 20_000, 100)
      const m = await control.member(sandbox.audienceId, buyer)
      expect(m.status).toBe("subscribed")
      expect(m.merge_fields).toEqual(expect.objectContaining({ ORDERS: 1, SPENT: 35 }))
      expect(await syncOf("merge", buyer)).toEqual(expect.objectContaining({ status: "synced", note: "sent with the opt-in" }))
      // The buyer was a transactional contact (their order's customer): a second PUT sets the status.
      const writes = (await control.requests()).filter((r: any) => r.path.includes(subscriberHash(buyer)) && r.method !== "GET")
      expect(writes.map((r: any) => r.method)).toEqual(["PUT", "PUT"])
      expect(writes[0].body.merge_fields).toEqual(expect.objectContaining({ ORDERS: 1, SPENT: 35 }))
    })

    it("orders recorded together (a burst): one run writes each order's row and each buyer's profile, and requests each sync", async () => {
      const buyers = [email(), email(), email()]
      const orders = []
      for (const buyer of buyers) orders.push(await checkout(shop, { regionId: store.regionId, variantId: store.variantIds[0], email: buyer }))
      for (const order of orders) await waitForOrder(order.id)
      const ids = orders.map((o) => o.id)
      // As if the burst's events had not been recorded yet: no rows, profiles at zero.
      await commerce.deletePurchaseOrders((await commerce.listPurchaseOrders({ order_id: ids })).map((r) => r.id))
      await commerce.refreshProfiles(buyers.map((b) => b.toLowerCase()), "usd")
      expect((await profileOf(buyers[0]))?.orders_count ?? 0).toBe(0)

      const { result } = await recordOrderPurchaseWorkflow(getContainer()).run({ input: { order_ids: ids } })
      expect([...result.found_ids].sort()).toEqual([...ids].sort())
      expect([...result.emails_changed].sort()).toEqual(buyers.map((b) => b.toLowerCase()).sort())
      expect(await commerce.listPurchaseOrders({ order_id: ids })).toHaveLength(3)
      for (const buyer of buyers) expect(await profileOf(buyer)).toEqual(expect.objectContaining({ orders_count: 1 }))
      for (const id of ids) await waitFor(async () => (await syncOf("order", id))?.status !== "pending", 20_000, 100)
    })

    it("order canceled → cancelled in Mailchimp, dropped from the profile and the merge fields", async () => {
      const address = email()
      const order = await checkout(shop, { regionId: store.regionId, variantId: store.variantIds[0], email: address, optIn: "route" })
      await waitForOrder(order.id)
      await waitFor(async () => (await control.member(sandbox.audienceId, address))?.merge_fields?.ORDERS === 1, 20_000, 100)
      await cancelOrderWorkflow(getContainer()).run({ input: { order_id: order.id } })
      const sent = await waitForOrder(order.id, (o) => o.financial_status === "cancelled")
      expect(sent.cancelled_at_foreign).toBeTruthy()
      const profile = await profileOf(address)
      expect(profile).toEqual(expect.objectContaining({ orders_count: 0, canceled_count: 1, first_order_at: null, last_order_at: null }))
      expect(Number(profile.total_spent)).toBe(0)
      await waitFor(async () => (await control.member(sandbox.audienceId, address))?.merge_fields?.ORDERS === 0, 20_000, 100)
      expect((await control.member(sandbox.audienceId, address)).merge_fields).toEqual(
        expect.objectContaining({ ORDERS: 0, SPENT: 0, FIRSTORDER: "", LASTORDER: "" })
      )
    })

    it("an order canceled as soon as it is placed: the last write Mailchimp gets is the canceled order", async () => {
      await control.clearRequests()
      const order = await checkout(shop, { regionId: store.regionId, variantId: store.variantIds[1], email: email() })
      // Within syncDelayMs of the placing: the two events' reads and requests race the order's one job.
      await cancelOrderWorkflow(getContainer()).run({ input: { order_id: order.id } })
      await waitForOrder(order.id, (o) => o.financial_status === "cancelled")
      await new Promise((r) => setTimeout(r, 1_500))
      const writes = (await control.requests()).filter(
        (r: any) =>
          (r.method === "POST" && r.path.endsWith("/orders") && r.body?.id === order.id) ||
          (r.method === "PATCH" && r.path.endsWith(`/orders/${order.id}`))
      )
      expect(writes.length).toBeGreaterThanOrEqual(1)
      expect(writes.length).toBeLessThanOrEqual(2)
      expect(writes.at(-1).body).toEqual(expect.objectContaining({ financial_status: "cancelled" }))
      expect((await syncOf("order", order.id))?.status).toBe("synced")
    })

    it("an order moved to another email: the old address's profile goes, the new one counts the order", async () => {
      const before = email()
      const after = email()
      const order = await checkout(shop, { regionId: store.regionId, variantId: store.variantIds[0], email: before })
      await waitFor(async () => (await profileOf(before))?.orders_count === 1, 20_000, 100)
      await updateOrderWorkflow(getContainer()).run({ input: { id: order.id, user_id: "user_test", email: after } })
      await waitFor(async () => (await profileOf(after))?.orders_count === 1, 20_000, 100)
      expect(await profileOf(before)).toBeUndefined()
    })

    it("refund (admin payment refund route, payment.refunded) → partially refunded in Mailchimp, SPENT lowered", async () => {
      const address = email()
      const order = await checkout(shop, { regionId: store.regionId, variantId: store.variantIds[0], email: address })
      await waitForOrder(order.id)
      const paymentId = await paymentOf(order.id)
      expect((await adminCall("POST", `/admin/payments/${paymentId}/capture`, {})).status).toBe(200)
      await waitForOrder(order.id, (o) => o.financial_status === "paid")
      const refund = await adminCall("POST", `/admin/payments/${paymentId}/refund`, { amount: 10 })
      expect(refund.status).toBe(200)
      const sent = await waitForOrder(order.id, (o) => o.financial_status === "partially_refunded")
      expect(sent.order_total).toBe(25)
      await waitFor(async () => Number((await profileOf(address))?.total_spent) === 25, 10_000, 100)
      const [purchase] = await commerce.listPurchaseOrders({ order_id: order.id })
      expect(Number(purchase.refunded_total)).toBe(10)
      expect(Number(purchase.total)).toBe(35)
    })

    it("rapid changes to one product coalesce into one write of its latest state", async () => {
      const productId = store.productIds[2]
      await waitFor(async () => (await syncOf("product", productId))?.status === "synced", 20_000, 100)
      await control.clearRequests()
      const update = (title: string) => updateProductsWorkflow(getContainer()).run({ input: { products: [{ id: productId, title }] } })
      await Promise.all([1, 2, 3, 4, 5].map((i) => update(`Shirt v${i}`)))
      await update("Shirt final")
      await waitFor(async () => (await mc.ecommerce.products.get(storeId, productId)).title === "Shirt final", 20_000, 100)
      await new Promise((r) => setTimeout(r, 1_500))
      const writes = (await control.requests()).filter((r: any) => r.method === "PATCH" && r.path.endsWith(`/products/${productId}`))
      expect(writes.length).toBeLessThanOrEqual(2)
      expect(writes.at(-1).body.title).toBe("Shirt final")
    })

    it("a product deleted before its order syncs: the order is still accepted (the product is sent as a hidden stand-in)", async () => {
      const container = getContainer()
      const queue = core.getQueue()
      await queue.stopWorker()
      const [profile] = await container.resolve(Modules.FULFILLMENT).listShippingProfiles({ type: "default" })
      const { result } = await createProductsWorkflow(container).run({
        input: {
          products: [
            {
              title: "Limited poster",
              handle: `poster-${Date.now()}`,
              status: ProductStatus.PUBLISHED,
              shipping_profile_id: profile.id,
              options: [{ title: "Size", values: ["A2"] }],
              variants: [{ title: "A2", sku: `POSTER-${Date.now()}`, manage_inventory: false, options: { Size: "A2" }, prices: [{ amount: 40, currency_code: "usd" }] }],
              sales_channels: [{ id: store.salesChannelId }],
            },
          ],
        },
      })
      const poster = result[0]
      const order = await checkout(shop, { regionId: store.regionId, variantId: poster.variants[0].id, email: email() })
      await deleteProductsWorkflow(container).run({ input: { ids: [poster.id] } })
      await queue.startWorker()
      const sent = await waitForOrder(order.id)
      expect(sent.lines).toEqual([expect.objectContaining({ product_id: poster.id, product_variant_id: poster.variants[0].id, price: 40 })])
      // Mailchimp holds the order a moment before the job settles its row.
      await waitFor(async () => (await syncOf("order", order.id))?.status !== "pending", 10_000)
      expect(await syncOf("order", order.id)).toEqual(expect.objectContaining({ status: "synced", error: null }))
      const orderFailures = (await control.requests()).filter((r: any) => r.path.endsWith("/orders") && r.status >= 400)
      expect(orderFailures).toHaveLength(0)
    })

    it("profiles: orders in other currencies are kept apart, and a rebuild from the orders equals the incremental profiles", async () => {
      const address = `multi-${Date.now()}@example.com`
      const base = { email: address, customer_id: null, status: "placed" as const, refunded_total: 0, canceled_at: null, product_ids: ["p1"], variant_ids: ["v1"], category_ids: [], collection_ids: [], campaign_id: null }
      await commerce.upsertPurchaseOrders([
        { ...base, order_id: `synthetic-usd-${n}`, currency_code: "usd", total: 30, net_total: 30, placed_at: "2025-01-01T00:00:00.000Z" },
        { ...base, order_id: `synthetic-eur-${n}`, currency_code: "eur", total: 80, net_total: 80, placed_at: "2025-02-01T00:00:00.000Z" },
      ])
      await commerce.refreshProfiles([address], "usd")
      const mixed = await profileOf(address)
      expect(mixed).toEqual(expect.objectContaining({ orders_count: 2, spent_orders_count: 1, other_currencies: { eur: { orders: 1, spent: "80" } } }))
      expect(Number(mixed.total_spent)).toBe(30)
      // Synthetic rows have no order behind them: a rebuild from the orders forgets them.
      const synthetic = await commerce.listPurchaseOrders({ email: address })
      await commerce.deletePurchaseOrders(synthetic.map((r) => r.id))
      await commerce.refreshProfiles([address], "usd")
      expect(await profileOf(address)).toBeUndefined()

      await waitFor(async () => (await commerce.listCommerceSyncs({ status: "pending" })).length === 0, 20_000, 100)
      const incremental = comparable(await commerce.listPurchaseProfiles({}))
      expect(incremental.length).toBeGreaterThanOrEqual(6)
      const { orders } = await rebuildPurchaseProfiles(
        { query: query(), db: getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION) },
        commerce,
        { fresh: true, pageSize: 3 }
      )
      // Every order the tests above placed (1 + 3 + 1 + 1 + 1), read back from the store.
      expect(orders).toBeGreaterThanOrEqual(7)
      expect(orders).toBe((await storeObjects()).orders.length)
      expect(comparable(await commerce.listPurchaseProfiles({}))).toEqual(incremental)

      // The backfill's sweep answers a count, not the addresses: nothing changed, then one profile put wrong
      // and one orphan (a profile with no purchase row) are mended.
      expect(await commerce.refreshAllProfilesCounted("usd")).toBe(0)
      const [victim] = await commerce.listPurchaseProfiles({}, { take: 1, order: { email: "ASC" } })
      await commerce.updatePurchaseProfiles({ id: victim.id, orders_count: victim.orders_count + 5 })
      const orphan = `orphan-${Date.now()}@example.com`
      await commerce.createPurchaseProfiles({
        email: orphan, currency_code: "usd", orders_count: 1, spent_orders_count: 1, total_spent: 10, average_order: 10,
        canceled_count: 0, other_currencies: {}, product_ids: [], variant_ids: [], category_ids: [], collection_ids: [],
      })
      expect(await commerce.refreshAllProfilesCounted("usd")).toBe(2)
      expect(await profileOf(orphan)).toBeUndefined()
      expect(comparable(await commerce.listPurchaseProfiles({}))).toEqual(incremental)
    })

    const storeObjects = async () => {
      const q = query()
      const { data: products } = await q.graph({ entity: "product", fields: ["id", "title", "variants.id"] })
      const { data: customers } = await q.graph({ entity: "customer", fields: ["id", "email"] })
      const { data: orders } = await q.graph({ entity: "order", fields: ["id", "total", "currency_code", "customer_id", "status", "items.id", "items.product_id"], filters: { is_draft_order: false } })
      return { products, customers, orders }
    }
    const mailchimpObjects = async () => {
      const page = { count: 1000 }
      return {
        products: (await mc.ecommerce.products.list(storeId, page)).products,
        customers: (await mc.ecommerce.customers.list(storeId, page)).customers,
        orders: (await mc.ecommerce.orders.list(storeId, page)).orders,
      }
    }
    const expectSameObjects = async () => {
      const s = await storeObjects()
      const m = await mailchimpObjects()
      for (const p of s.products) {
        const held = m.products.find((x) => x.id === p.id)
        expect({ id: p.id, title: held?.title }).toEqual({ id: p.id, title: p.title })
        expect(held!.variants.map((v) => v.id)).toEqual(expect.arrayContaining(p.variants.map((v: any) => v.id)))
      }
      expect(m.customers.map((c) => [c.id, c.email_address]).sort()).toEqual(s.customers.map((c: any) => [c.id, c.email]).sort())
      expect(m.orders.map((o) => o.id).sort()).toEqual(s.orders.map((o: any) => o.id).sort())
      for (const o of s.orders) {
        const held = m.orders.find((x) => x.id === o.id)!
        expect({ id: o.id, total: held.order_total, currency: held.currency_code, customer: held.customer.id, lines: held.lines.map((l) => l.id).sort() }).toEqual({
          id: o.id,
          // Query answers computed totals as BigNumber objects.
          total: Number(o.total),
          currency: o.currency_code.toUpperCase(),
          customer: o.customer_id,
          lines: o.items.map((i: any) => i.id).sort(),
        })
        if (o.status === "canceled") expect(held.financial_status).toBe("cancelled")
      }
      return { store: s, mailchimp: m }
    }
    const forgetMailchimp = async () => {
      // A store that never synced: Mailchimp empty, no sync rows.
      await control.reset()
      await commerce.deleteCommerceSyncs((await commerce.listCommerceSyncs({}, { select: ["id"] })).map((r) => r.id))
      core.forgetAudienceProfile()
    }
    const waitForBackfill = (timeoutMs = 120_000) => backfillEnded(adminCall, timeoutMs)

    it("backfill of the seeded store (route): Mailchimp then holds the store, object for object, and the count check agrees", async () => {
      const customers = getContainer().resolve(Modules.CUSTOMER)
      await customers.createCustomers(
        Array.from({ length: 9 }, (_, i) => ({ email: `seeded${i}-${Date.now()}@example.com`, first_name: `Seeded${i}` }))
      )
      await forgetMailchimp()

      expect((await adminCall("POST", "/admin/mailchimp/backfill", { objects: ["orders", "nope"] })).status).toBe(400)
      expect((await adminCall("POST", "/admin/mailchimp/backfill", { since: "yesterday" })).status).toBe(400)
      const started = await adminCall("POST", "/admin/mailchimp/backfill", {})
      expect(started.status).toBe(202)
      expect(started.body.backfill).toEqual(expect.objectContaining({ status: "running", objects: ["products", "customers", "orders", "merge_fields"] }))
      expect((await adminCall("POST", "/admin/mailchimp/backfill", {})).status).toBe(409)

      const report = await waitForBackfill()
      expect(report.status).toBe("completed")
      expect(report.failures).toEqual([])
      expect(report.count_check).toEqual(expect.objectContaining({ ok: true }))
      for (const kind of report.kinds) {
        expect(kind.done + kind.skipped).toBe(kind.total)
        expect(kind.failed).toBe(0)
      }
      expect(report.progress).toEqual(expect.objectContaining({ failed: 0, seconds_left: 0, percent: 100 }))
      const { store: s } = await expectSameObjects()
      expect(s.orders.length).toBeGreaterThan(BATCH_SIZE)
      expect(s.customers.length).toBeGreaterThan(BATCH_SIZE)
      // Bulk endpoints only: e-commerce objects went through /batches, never one by one.
      const log = await control.requests()
      expect(log.filter((r: any) => r.path.startsWith("/3.0/batches") && r.method === "POST").length).toBeGreaterThan(3)
      const single = log.filter((r: any) => !r.batch_id && r.method === "POST" && /\/ecommerce\/stores\/[^/]+\/orders$/.test(r.path))
      expect(single).toHaveLength(0)
      // The merge fields of the members came along.
      const subscribed = (await control.members(sandbox.audienceId)).filter((m: any) => m.status === "subscribed")
      for (const m of subscribed) {
        const profile = await profileOf(m.email_address)
        if (profile) expect(m.merge_fields.ORDERS).toBe(profile.orders_count)
      }
    })

    it("a backfill interrupted (Redis stopped mid-way) resumes where it was: nothing missing, nothing doubled", async () => {
      await forgetMailchimp()
      await control.pauseBatches()
      expect((await adminCall("POST", "/admin/mailchimp/backfill", { objects: ["products", "customers", "orders"] })).status).toBe(202)
      await waitFor(async () => (await commerce.listBackfillBatches({ status: "submitted" })).length >= 2, 20_000, 100)
      await redis.stop()
      await control.resumeBatches()
      await new Promise((r) => setTimeout(r, 1_000))
      await redis.start()
      await reconcileWorkflow(getContainer()).run({ input: { olderThanSeconds: 0, limit: 1_000 } })
      const report = await waitForBackfill()
      expect(report.status).toBe("completed")
      expect(report.count_check).toEqual(expect.objectContaining({ ok: true }))
      for (const kind of report.kinds) {
        expect({ kind: kind.kind, counted: kind.done + kind.skipped + kind.failed }).toEqual({ kind: kind.kind, counted: kind.total })
      }
      await expectSameObjects()
    })
  },
})
