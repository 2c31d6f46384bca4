import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { cancelOrderWorkflow, updateCustomersWorkflow, updateProductsWorkflow } from "@medusajs/medusa/core-flows"
import { MailchimpClient } from "../../src/mailchimp"
import { MAILCHIMP_MODULE } from "../../src/modules/mailchimp"
import type MailchimpModuleService from "../../src/modules/mailchimp/service"
import { MAILCHIMP_COMMERCE_MODULE } from "../../src/modules/mailchimp-commerce"
import type MailchimpCommerceService from "../../src/modules/mailchimp-commerce/service"
import type { GraphQuery } from "../../src/modules/mailchimp-commerce/store-data"
import type { RunningSandbox } from "@medusa-mailchimp/sandbox"
import { notFoundAsNull, snapshotWhenIdle } from "../support/keep-state"
import { PluginEnv, startPluginEnv, stopPluginEnv } from "../support/plugin-env"
import { waitFor } from "../support/redis-server"
import { adminCaller, adminHeaders } from "../support/admin-auth"
import { backfillEnded } from "../support/backfill-run"
import { SandboxControl } from "../support/sandbox-control"
import { seedStore, SeededStore } from "../support/seed-store"
import { testDbName } from "../support/test-db"
import { checkout, StoreClient } from "../support/store-client"

/**
 * Objects the store believes Mailchimp holds, deleted on Mailchimp's side (by someone in Mailchimp,
 * or a fresh account beside a database that remembers): the next change in the store creates them
 * again, and their sync rows end synced.
 */
jest.setTimeout(180_000)

let env: PluginEnv
let sandbox: RunningSandbox
let control: SandboxControl
let mc: MailchimpClient

beforeAll(async () => {
  env = await startPluginEnv({ env: { MAILCHIMP_RECONCILE_AFTER_S: "0" } })
  ;({ sandbox, control } = env)
  mc = new MailchimpClient({ apiKey: sandbox.apiKey, apiUrl: sandbox.apiBase })
})

afterAll(async () => {
  await mc?.close()
  await stopPluginEnv(env)
})

const orNull = notFoundAsNull

medusaIntegrationTestRunner({
  dbName: testDbName("gone"),
  testSuite: ({ api, getContainer, dbUtils }) => {
    let store: SeededStore
    let shop: StoreClient
    let core: MailchimpModuleService
    let commerce: MailchimpCommerceService
    let storeId: string
    let admin: Record<string, string>
    let n = 0
    const email = () => `gone${++n}-${Date.now()}@example.com`

    beforeAll(async () => {
      store = await seedStore(getContainer(), { products: 2 })
      shop = new StoreClient(api.defaults.baseURL, store.publishableKey)
      core = getContainer().resolve(MAILCHIMP_MODULE)
      commerce = getContainer().resolve(MAILCHIMP_COMMERCE_MODULE)
      storeId = commerce.getOptions().storeId
      admin = await adminHeaders(getContainer(), api.defaults.baseURL)
    })

    // Each test starts where the last one ended (the store's sync rows are what these tests are about).
    afterEach(() => snapshotWhenIdle(core.getQueue(), dbUtils))

    const syncOf = (type: string, id: string) => commerce.getSync(type as never, id)
    const adminCall = adminCaller(() => api.defaults.baseURL, () => admin)
    const settled = async (type: string, id: string, revisionAbove = -1, withinMs = 30_000) => {
      let row: any
      await waitFor(async () => {
        row = await syncOf(type, id)
        return !!row && row.status !== "pending" && row.revision > revisionAbove
      }, withinMs, 100)
      return row
    }
    const customerIdOf = async (orderId: string) => {
      const { data } = await getContainer()
        .resolve<GraphQuery>(ContainerRegistrationKeys.QUERY)
        .graph({ entity: "order", fields: ["customer_id"], filters: { id: orderId } })
      return data[0].customer_id as string
    }
    /** A cart's row once its job ran (the cart's changes wait out the 10 s coalescing window first). */
    const cartSettled = (cartId: string, revisionAbove: number) => settled("cart", cartId, revisionAbove, 60_000)
    /** A guest cart with an email and a line (what Mailchimp is sent, docs/carts.md), once Mailchimp holds it. */
    const cartInMailchimp = async () => {
      const { cart } = await shop.ok("POST", "/store/carts", { region_id: store.regionId })
      await shop.ok("POST", `/store/carts/${cart.id}/line-items`, { variant_id: store.variantIds[0], quantity: 1 })
      await shop.ok("POST", `/store/carts/${cart.id}`, { email: email() })
      await waitFor(async () => {
        const row = await syncOf("cart", cart.id)
        return row?.status === "synced" && row.remote_exists
      }, 60_000, 200)
      expect(await mc.ecommerce.carts.get(storeId, cart.id).catch(orNull)).toEqual(expect.objectContaining({ id: cart.id }))
      return cart.id as string
    }
    const addLine = (cartId: string, variantId: string, quantity: number) =>
      shop.ok("POST", `/store/carts/${cartId}/line-items`, { variant_id: variantId, quantity })
    /** The writes of one cart Mailchimp was sent since the request log was cleared, as "METHOD status". */
    const cartWrites = async (cartId: string) =>
      (await control.requests())
        .filter((r: any) => r.method !== "GET" && (r.path.includes(`/carts/${cartId}`) || (r.path.endsWith("/carts") && r.body?.id === cartId)))
        .map((r: any) => `${r.method} ${r.status}`)
    const linesOf = (cart: { lines: { product_variant_id: string; quantity: number }[] } | null) =>
      (cart?.lines ?? []).map((l) => `${l.product_variant_id} x${l.quantity}`).sort()

    const placeOrder = async (address = email()) => {
      const order = await checkout(shop, { regionId: store.regionId, variantId: store.variantIds[0], email: address })
      expect(await settled("order", order.id)).toEqual(expect.objectContaining({ status: "synced", remote_exists: true }))
      return { order, address, customerId: await customerIdOf(order.id) }
    }

    it("a product deleted in Mailchimp, then changed in the store: created again, with the change", async () => {
      await placeOrder()
      const productId = store.productIds[0]
      expect(await syncOf("product", productId)).toEqual(expect.objectContaining({ remote_exists: true }))
      await mc.ecommerce.products.delete(storeId, productId)
      const before = (await syncOf("product", productId))!.revision
      await updateProductsWorkflow(getContainer()).run({ input: { products: [{ id: productId, title: "Renamed while gone" }] } })
      expect(await settled("product", productId, before)).toEqual(expect.objectContaining({ status: "synced", remote_exists: true, error: null }))
      const product = await mc.ecommerce.products.get(storeId, productId).catch(orNull)
      expect(product).toEqual(expect.objectContaining({ id: productId, title: "Renamed while gone" }))
      expect(product!.variants.map((v) => v.id)).toContain(store.variantIds[0])
    })

    it("an order deleted in Mailchimp, then canceled in the store: created again, canceled", async () => {
      const { order } = await placeOrder()
      await mc.ecommerce.orders.delete(storeId, order.id)
      const before = (await syncOf("order", order.id))!.revision
      await cancelOrderWorkflow(getContainer()).run({ input: { order_id: order.id } })
      expect(await settled("order", order.id, before)).toEqual(expect.objectContaining({ status: "synced", remote_exists: true, error: null }))
      const again = await mc.ecommerce.orders.get(storeId, order.id).catch(orNull)
      expect(again).toEqual(expect.objectContaining({ id: order.id, financial_status: "cancelled" }))
      expect(again!.lines.map((l) => l.product_id)).toEqual([store.productIds[0]])
    })

    it("a customer deleted in Mailchimp, then changed in the store: created again, with the change", async () => {
      const { address, customerId } = await placeOrder()
      await mc.ecommerce.customers.delete(storeId, customerId)
      const before = (await syncOf("customer", customerId))!.revision
      await updateCustomersWorkflow(getContainer()).run({ input: { selector: { id: customerId }, update: { first_name: "Grace" } } })
      expect(await settled("customer", customerId, before)).toEqual(expect.objectContaining({ status: "synced", remote_exists: true, error: null }))
      const customer = await mc.ecommerce.customers.get(storeId, customerId).catch(orNull)
      expect(customer).toEqual(expect.objectContaining({ id: customerId, email_address: address, first_name: "Grace" }))
    })

    it("a customer deleted in Mailchimp, then buying again: the new order goes with the customer in full", async () => {
      const { address, customerId } = await placeOrder()
      await mc.ecommerce.customers.delete(storeId, customerId)
      const second = await checkout(shop, { regionId: store.regionId, variantId: store.variantIds[1], email: address })
      expect(await customerIdOf(second.id)).toBe(customerId)
      expect(await settled("order", second.id)).toEqual(expect.objectContaining({ status: "synced", remote_exists: true, error: null }))
      const sent = await mc.ecommerce.orders.get(storeId, second.id).catch(orNull)
      expect(sent?.customer).toEqual(expect.objectContaining({ id: customerId, email_address: address }))
      expect(await mc.ecommerce.customers.get(storeId, customerId).catch(orNull)).toEqual(expect.objectContaining({ email_address: address }))
      expect(await syncOf("customer", customerId)).toEqual(expect.objectContaining({ status: "synced", remote_exists: true }))
    })

    it("a cart deleted in Mailchimp, then changed in the store: created again, with the change", async () => {
      const cartId = await cartInMailchimp()
      await mc.ecommerce.carts.delete(storeId, cartId)
      const before = (await syncOf("cart", cartId))!.revision
      await control.clearRequests()
      await addLine(cartId, store.variantIds[1], 2)
      expect(await cartSettled(cartId, before)).toEqual(expect.objectContaining({ status: "synced", remote_exists: true, error: null }))
      const again = await mc.ecommerce.carts.get(storeId, cartId).catch(orNull)
      expect(linesOf(again)).toEqual([`${store.variantIds[0]} x1`, `${store.variantIds[1]} x2`].sort())
      // The change met Mailchimp's 404, and the cart went again in one POST with its lines.
      expect(await cartWrites(cartId)).toEqual(["PATCH 404", "POST 200"])
    })

    it("the store deleted in Mailchimp (its objects with it): a customer changed is sent into the store made again, the rest marked to send again", async () => {
      const { customerId, order } = await placeOrder()
      await mc.ecommerce.stores.delete(storeId)
      const before = (await syncOf("customer", customerId))!.revision
      await updateCustomersWorkflow(getContainer()).run({ input: { selector: { id: customerId }, update: { last_name: "Hopper" } } })
      expect(await settled("customer", customerId, before)).toEqual(expect.objectContaining({ status: "synced", remote_exists: true, error: null }))
      expect(await mc.ecommerce.stores.get(storeId).catch(orNull)).toEqual(expect.objectContaining({ id: storeId, list_id: sandbox.audienceId }))
      expect(await mc.ecommerce.customers.get(storeId, customerId).catch(orNull)).toEqual(expect.objectContaining({ last_name: "Hopper" }))
      // The deleted store took its orders and products: the store no longer believes Mailchimp holds them.
      expect(await syncOf("order", order.id)).toEqual(expect.objectContaining({ remote_exists: false }))
      expect(await syncOf("product", store.productIds[0])).toEqual(expect.objectContaining({ remote_exists: false }))
      expect((await syncOf("store", storeId))?.note).toMatch(/backfill/i)
    })

    it("the store deleted in Mailchimp, found gone by a backfill's start: made again, its objects marked not held, the backfill sends them", async () => {
      const { order } = await placeOrder()
      await mc.ecommerce.stores.delete(storeId)
      const started = await adminCall("POST", "/admin/mailchimp/backfill", { objects: ["products"] })
      expect(started.status).toBe(202)
      expect((await backfillEnded(adminCall)).status).toBe("completed")
      for (const id of store.productIds) expect(await mc.ecommerce.products.get(storeId, id).catch(orNull)).toEqual(expect.objectContaining({ id }))
      // The order went with the store; the store knows it must send it again.
      expect(await syncOf("order", order.id)).toEqual(expect.objectContaining({ remote_exists: false }))
    })

    it("the store deleted in Mailchimp (its carts with it): a cart changed is created in the store made again, the others marked not held and then created, not changed", async () => {
      const kept = await cartInMailchimp()
      const changed = await cartInMailchimp()
      await mc.ecommerce.stores.delete(storeId)
      const before = (await syncOf("cart", changed))!.revision
      await addLine(changed, store.variantIds[1], 1)
      expect(await cartSettled(changed, before)).toEqual(expect.objectContaining({ status: "synced", remote_exists: true, error: null }))
      expect(await mc.ecommerce.stores.get(storeId).catch(orNull)).toEqual(expect.objectContaining({ id: storeId, list_id: sandbox.audienceId }))
      expect(linesOf(await mc.ecommerce.carts.get(storeId, changed).catch(orNull))).toEqual([`${store.variantIds[0]} x1`, `${store.variantIds[1]} x1`].sort())
      // The deleted store took the other cart along: the store no longer believes Mailchimp holds it ...
      expect(await syncOf("cart", kept)).toEqual(expect.objectContaining({ remote_exists: false }))
      expect(await mc.ecommerce.carts.get(storeId, kept).catch(orNull)).toBeNull()
      // ... so its next change creates it in the new store (one POST), with no PATCH meeting a 404 first.
      const keptBefore = (await syncOf("cart", kept))!.revision
      await control.clearRequests()
      await addLine(kept, store.variantIds[1], 3)
      expect(await cartSettled(kept, keptBefore)).toEqual(expect.objectContaining({ status: "synced", remote_exists: true, error: null }))
      expect(await cartWrites(kept)).toEqual(["POST 200"])
      expect(linesOf(await mc.ecommerce.carts.get(storeId, kept).catch(orNull))).toEqual([`${store.variantIds[0]} x1`, `${store.variantIds[1]} x3`].sort())
    })

    it("a segment's static copy deleted in Mailchimp, then the segment renamed: made again under the new name with every member", async () => {
      const segmentOf = async (id: string) => (await adminCall("GET", `/admin/mailchimp/segments/${id}`)).body.segment
      const buyers = [email(), email()]
      for (const buyer of buyers) {
        const order = await checkout(shop, { regionId: store.regionId, variantId: store.variantIds[1], email: buyer, optIn: "route" })
        await settled("order", order.id)
        await waitFor(async () => (await control.member(sandbox.audienceId, buyer))?.status === "subscribed", 20_000, 100)
      }
      const created = await adminCall("POST", "/admin/mailchimp/segments", {
        name: `bought-1-${Date.now()}`,
        conditions: [{ type: "bought", item: "product", ids: [store.productIds[1]] }],
      })
      expect(created.status).toBe(201)
      const id = created.body.segment.id
      let segment: any
      await waitFor(async () => {
        segment = await segmentOf(id)
        return segment.sync_status === "synced" && segment.pending_changes === 0 && segment.mailchimp_member_count === 2
      }, 30_000, 200)
      const old = segment.mailchimp_segment_id
      await mc.segments.delete(sandbox.audienceId, old)

      expect((await adminCall("POST", `/admin/mailchimp/segments/${id}`, { name: `renamed-${Date.now()}` })).status).toBe(200)
      await waitFor(async () => {
        segment = await segmentOf(id)
        return segment.sync_status !== "pending" && segment.mailchimp_segment_id !== old && segment.pending_changes === 0
      }, 30_000, 200)
      expect(segment).toEqual(expect.objectContaining({ sync_status: "synced", error: null }))
      const remote = await mc.segments.get(sandbox.audienceId, segment.mailchimp_segment_id)
      expect(remote.name).toBe(segment.name)
      const members = await mc.segments.listMembers(sandbox.audienceId, segment.mailchimp_segment_id, { count: 100 })
      expect(members.members.map((m) => m.email_address).sort()).toEqual(buyers.map((b) => b.toLowerCase()).sort())
    })
  },
})
