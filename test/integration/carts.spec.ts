import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Queue } from "bullmq"
import { MailchimpClient } from "../../src/mailchimp"
import { MAILCHIMP_MODULE } from "../../src/modules/mailchimp"
import { MAILCHIMP_COMMERCE_MODULE } from "../../src/modules/mailchimp-commerce"
import { makeRecoveryToken, recoveryKey } from "../../src/modules/mailchimp-commerce/carts/recovery-token"
import type { IMailchimpCommerceService } from "../../src/types/mailchimp-commerce-module"
import type { IMailchimpModuleService } from "../../src/types/mailchimp-module"
import { requestCartSyncWorkflow } from "../../src/workflows/commerce/request-cart-sync"
import { reconcileWorkflow } from "../../src/workflows/reconcile"
import type { RunningSandbox } from "@medusa-mailchimp/sandbox"
import { adminCaller, adminHeaders } from "../support/admin-auth"
import { backfillEnded } from "../support/backfill-run"
import { PluginEnv, startPluginEnv, stopPluginEnv } from "../support/plugin-env"
import { waitFor } from "../support/redis-server"
import type { SandboxControl } from "../support/sandbox-control"
import { seedStore, SeededStore } from "../support/seed-store"
import { checkout, CheckoutInput, StoreClient, US_ADDRESS } from "../support/store-client"
import { testDbName } from "../support/test-db"

/**
 * Abandoned carts (docs/carts.md) through the store API. The coalescing window is an hour here, so a cart's job
 * waits (delayed in the queue) until the test releases it: what runs, and in which order, is the test's choice.
 */
jest.setTimeout(240_000)

const STOREFRONT = "http://shop.test"
let env: PluginEnv
let sandbox: RunningSandbox
let control: SandboxControl
let mc: MailchimpClient
let queue: Queue

beforeAll(async () => {
  env = await startPluginEnv({
    env: { MAILCHIMP_CART_SYNC_WINDOW_MS: "3600000", MAILCHIMP_STOREFRONT_URL: STOREFRONT, MAILCHIMP_RECONCILE_AFTER_S: "3600" },
  })
  ;({ sandbox, control } = env)
  mc = new MailchimpClient({ apiKey: sandbox.apiKey, apiUrl: sandbox.apiBase })
  queue = new Queue("mailchimp", { connection: { url: env.redis.url }, prefix: "{mailchimp}" })
})

afterAll(async () => {
  await queue?.close()
  await mc?.close()
  await stopPluginEnv(env)
})

medusaIntegrationTestRunner({
  dbName: testDbName("carts"),
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let shop: StoreClient
    let commerce: IMailchimpCommerceService
    let storeId: string
    let n = 0
    const email = () => `cart${++n}-${Date.now()}@example.com`

    beforeAll(async () => {
      store = await seedStore(getContainer(), { products: 2 })
    })

    beforeEach(async () => {
      shop = new StoreClient(api.defaults.baseURL, store.publishableKey)
      commerce = getContainer().resolve(MAILCHIMP_COMMERCE_MODULE)
      storeId = commerce.getOptions().storeId
    })

    const jobOf = (cartId: string) => queue.getJob(`commerce.cart-${cartId}`)
    /** Lets a cart's held job run now, and waits until it ran. */
    const release = async (cartId: string) => {
      await waitFor(async () => (await (await jobOf(cartId))?.getState()) === "delayed", 30_000)
      await (await jobOf(cartId))!.promote()
      await waitFor(async () => (await (await jobOf(cartId))?.getState()) === "completed", 30_000)
    }
    /** Every job of this cart (held, follow-ups, the deletion at checkout) has run. */
    const cartJobsDone = async (cartId: string) => {
      const jobs = await queue.getJobs(["waiting", "prioritized", "delayed", "active"], 0, -1)
      return !jobs.some((j) => j?.id?.startsWith(`commerce.cart-${cartId}`))
    }
    const remoteCart = (cartId: string) =>
      mc.ecommerce.carts.get(storeId, cartId).catch((e) => {
        if (e.status === 404) return null
        throw e
      })
    const cartRow = (cartId: string) => commerce.getSync("cart", cartId)

    /** A guest cart with a line and an email, as a storefront builds it before the checkout. */
    const guestCart = async (address: string, extra: Record<string, unknown> = {}) => {
      const { cart } = await shop.ok("POST", "/store/carts", { region_id: store.regionId })
      await shop.ok("POST", `/store/carts/${cart.id}/line-items`, { variant_id: store.variantIds[0], quantity: 1 })
      await shop.ok("POST", `/store/carts/${cart.id}`, { email: address, ...extra })
      return cart.id as string
    }
    /** A guest checkout without an opt-in; `beforeComplete` runs with the cart's id before it is completed. */
    const guestOrder = (beforeComplete: (cartId: string) => Promise<void>, extra: Partial<CheckoutInput> = {}) =>
      checkout(shop, { regionId: store.regionId, variantId: store.variantIds[0], email: email(), optIn: false, beforeComplete, ...extra })
    const recover = (token: string) => shop.call("POST", "/store/mailchimp/cart-recovery", { token })
    const tokenOf = (checkoutUrl: string) => new URL(checkoutUrl).searchParams.get("token")!

    it("a guest cart with an email reaches Mailchimp once, with a recovery link that opens it", async () => {
      await control.clearRequests()
      const cartId = await guestCart(email())
      // Three changes so far (created, line, email): one job waits, and nothing reached Mailchimp yet.
      expect(await remoteCart(cartId)).toBeNull()
      await release(cartId)
      const remote = await remoteCart(cartId)
      expect(remote).toEqual(expect.objectContaining({ id: cartId, currency_code: "USD", order_total: expect.any(Number) }))
      expect(remote!.lines).toEqual([expect.objectContaining({ product_variant_id: store.variantIds[0], quantity: 1 })])
      expect(remote!.customer.opt_in_status).toBe(false)
      expect(remote!.checkout_url).toMatch(new RegExp(`^${STOREFRONT}/cart/recover\\?token=`))
      const writes = (await control.requests()).filter((r: any) => r.method !== "GET" && r.path.includes("/carts"))
      expect(writes.map((w: any) => `${w.method} ${w.status}`)).toEqual(["POST 200"])

      const opened = await recover(tokenOf(remote!.checkout_url!))
      expect(opened).toEqual({ status: 200, body: { cart_id: cartId } })
      expect((await commerce.getCart(cartId))?.recovery_uses).toBe(1)

      // A line changed, one added, then the first removed: the lines go by their own endpoints.
      const { cart } = await shop.ok("GET", `/store/carts/${cartId}`)
      const first = cart.items[0].id
      await shop.ok("POST", `/store/carts/${cartId}/line-items`, { variant_id: store.variantIds[1], quantity: 2 })
      await shop.ok("DELETE", `/store/carts/${cartId}/line-items/${first}`)
      await control.clearRequests()
      await release(cartId)
      const after = await remoteCart(cartId)
      expect(after!.lines.map((l) => [l.product_variant_id, l.quantity])).toEqual([[store.variantIds[1], 2]])
      const lineWrites = (await control.requests()).filter((r: any) => r.method !== "GET" && r.path.includes("/lines"))
      expect(lineWrites.map((w: any) => w.method).sort()).toEqual(["DELETE", "POST"])
    })

    it("the order deletes its cart in Mailchimp, and a late cart event does not bring it back", async () => {
      const address = email()
      let cartId = ""
      const order = await checkout(shop, {
        regionId: store.regionId,
        variantId: store.variantIds[0],
        email: address,
        optIn: false,
        beforeComplete: async (id) => {
          cartId = id
          await release(id)
          expect(await remoteCart(id)).not.toBeNull()
        },
      })
      await waitFor(async () => (await commerce.getSync("order", order.id))?.status === "synced", 30_000)
      await waitFor(() => cartJobsDone(cartId), 30_000)
      expect(await remoteCart(cartId)).toBeNull()
      // A cart.updated that arrives after the order (replayed): no request, no job.
      const { result } = await requestCartSyncWorkflow(getContainer()).run({ input: { cart_ids: [cartId] } })
      expect(result.refs).toEqual([])
      expect(await cartRow(cartId)).toEqual(expect.objectContaining({ action: "delete", status: "synced", remote_exists: false }))
    })

    it("THE RACE: cart jobs held back while the order is placed, then released: no cart of a placed order remains", async () => {
      const orders: { cartId: string; orderId: string }[] = []
      for (let i = 0; i < 3; i++) {
        let cartId = ""
        const order = await checkout(shop, {
          regionId: store.regionId,
          variantId: store.variantIds[i % store.variantIds.length],
          email: email(),
          optIn: false,
          beforeComplete: async (id) => {
            cartId = id
            if (i > 0) {
              // Sent once; then changed again: that change's job is held when the order is placed.
              await release(id)
              await shop.ok("POST", `/store/carts/${id}`, { shipping_address: { ...US_ADDRESS, first_name: "Late" } })
            }
            expect((await (await jobOf(id))?.getState())).toBe("delayed")
          },
        })
        orders.push({ cartId, orderId: order.id })
      }
      for (const { orderId } of orders) await waitFor(async () => (await commerce.getSync("order", orderId))?.status === "synced", 30_000)
      // Now the held jobs run, after the orders (which Mailchimp holds).
      for (const { cartId } of orders) {
        expect(await (await jobOf(cartId))!.getState()).toBe("delayed")
        await (await jobOf(cartId))!.promote()
      }
      for (const { cartId } of orders) await waitFor(() => cartJobsDone(cartId), 30_000)
      for (const { cartId, orderId } of orders) {
        expect(await remoteCart(cartId)).toBeNull()
        expect((await mc.ecommerce.orders.get(storeId, orderId)).id).toBe(orderId)
      }
      const { carts } = await mc.ecommerce.carts.list(storeId, { count: 1000 })
      expect(carts.filter((c) => orders.some((o) => o.cartId === c.id))).toEqual([])
    })

    it("recovery: valid, expired, forged and completed tokens", async () => {
      const key = recoveryKey(getContainer().resolve<IMailchimpModuleService>(MAILCHIMP_MODULE).getEvidenceKey())
      const cartId = await guestCart(email())
      const future = Math.floor(Date.now() / 1000) + 3600
      const valid = makeRecoveryToken(key, cartId, future)
      expect(await recover(valid)).toEqual({ status: 200, body: { cart_id: cartId } })

      const expired = await recover(makeRecoveryToken(key, cartId, Math.floor(Date.now() / 1000) - 1))
      expect(expired).toEqual({ status: 410, body: { type: "expired_token", message: "This recovery link has expired." } })
      const forged = valid.slice(0, -2) + (valid.endsWith("AA") ? "BB" : "AA")
      expect(await recover(forged)).toEqual({ status: 400, body: { type: "invalid_token", message: "This recovery link is not valid." } })
      const otherCart = makeRecoveryToken(key, "cart_someoneelse", future).replace("cart_someoneelse", cartId)
      expect((await recover(otherCart)).status).toBe(400)
      expect((await recover("")).status).toBe(400)
      expect((await commerce.getCart(cartId))?.recovery_uses).toBe(1)

      let done = ""
      await checkout(shop, { regionId: store.regionId, variantId: store.variantIds[0], email: email(), optIn: false, beforeComplete: async (id) => void (done = id) })
      const completed = await recover(makeRecoveryToken(key, done, future))
      expect(completed).toEqual({ status: 409, body: { type: "cart_completed", message: "This cart was already checked out." } })
    })

    it("an order placed after a recovery link counts as recovered, with its revenue, on the admin's figures", async () => {
      const admin = await adminHeaders(getContainer(), api.defaults.baseURL)
      const adminCall = adminCaller(() => api.defaults.baseURL, () => admin)
      const before = (await adminCall("GET", "/admin/mailchimp/sync")).body.sync.carts
      const order = await checkout(shop, {
        regionId: store.regionId,
        variantId: store.variantIds[0],
        email: email(),
        optIn: false,
        beforeComplete: async (id) => {
          await release(id)
          const remote = await remoteCart(id)
          expect((await recover(tokenOf(remote!.checkout_url!))).status).toBe(200)
        },
      })
      await waitFor(async () => (await commerce.getSync("order", order.id))?.status === "synced", 30_000)
      const after = (await adminCall("GET", "/admin/mailchimp/sync")).body.sync.carts
      expect(after.recovered).toBe(before.recovered + 1)
      expect(after.recovered_revenue).toBeCloseTo(before.recovered_revenue + Number(order.total), 2)
    })

    it("the mailchimp-source route: a bad body names its field, an unknown cart is a 404, the values reach cart and order", async () => {
      const ours = `src${Date.now() % 1_000_000}`
      const theirs = `own${Date.now() % 1_000_000}`
      for (const id of [ours, theirs]) await control.call("POST", `/campaigns/${id}/finish`, { list_id: sandbox.audienceId })
      const landing = `${STOREFRONT}/summer?utm_source=mailchimp`
      const source = (cartId: string, body: unknown) => shop.call("POST", `/store/carts/${cartId}/mailchimp-source`, body)

      const cartId = await guestCart(email())
      for (const [body, field] of [
        [{ mc_cid: "not a campaign!" }, "mc_cid"],
        [{ landing_site: "not a url" }, "landing_site"],
        [{ mc_cid: ours, utm_source: "x" }, "utm_source"],
      ] as const) {
        const bad = await source(cartId, body)
        expect(bad.status).toBe(400)
        expect(bad.body.message).toContain(field)
      }
      // Nothing refused was kept (the plugin's cart row has no source, or does not exist yet).
      const kept = await commerce.getCart(cartId)
      expect([kept?.campaign_id ?? null, kept?.landing_site ?? null]).toEqual([null, null])
      const unknown = await source("cart_01NOSUCHCART0000000000000", { mc_cid: ours })
      expect(unknown.status).toBe(404)
      expect(await commerce.getCart("cart_01NOSUCHCART0000000000000")).toBeNull()

      // The storefront reports the first page; the cart in Mailchimp carries the campaign, its order both.
      const order = await guestOrder(async (id) => {
        expect(await source(id, { mc_cid: ours, landing_site: landing })).toEqual({ status: 200, body: { source: { campaign_id: ours, landing_site: landing } } })
        await release(id)
        expect((await remoteCart(id))?.campaign_id).toBe(ours)
      })
      await waitFor(async () => (await commerce.getSync("order", order.id))?.status === "synced", 30_000)
      expect(await mc.ecommerce.orders.get(storeId, order.id)).toEqual(expect.objectContaining({ campaign_id: ours, landing_site: landing }))

      // The order's own campaign (its mc_cid metadata) wins over the recorded one; the landing site still goes.
      const own = await guestOrder(async (id) => void (await source(id, { mc_cid: ours, landing_site: landing })), { metadata: { mc_cid: theirs } })
      await waitFor(async () => (await commerce.getSync("order", own.id))?.status === "synced", 30_000)
      expect(await mc.ecommerce.orders.get(storeId, own.id)).toEqual(expect.objectContaining({ campaign_id: theirs, landing_site: landing }))
    })

    it("carts are held while a backfill runs, and sent once it is over", async () => {
      const admin = await adminHeaders(getContainer(), api.defaults.baseURL)
      const adminCall = adminCaller(() => api.defaults.baseURL, () => admin)
      await control.pauseBatches()
      try {
        expect((await adminCall("POST", "/admin/mailchimp/backfill", { objects: ["products"] })).status).toBe(202)
        const cartId = await guestCart(email())
        await release(cartId)
        expect(await remoteCart(cartId)).toBeNull()
        expect(await cartRow(cartId)).toEqual(expect.objectContaining({ status: "pending", action: "upsert" }))
        await control.resumeBatches()
        expect((await backfillEnded(adminCall)).status).toBe("completed")
        // The reconciler finds the held cart and sends it.
        await reconcileWorkflow(getContainer()).run({ input: { olderThanSeconds: 0, limit: 1_000 } })
        await waitFor(async () => (await cartRow(cartId))?.status === "synced", 30_000)
        expect(await remoteCart(cartId)).toEqual(expect.objectContaining({ id: cartId }))
      } finally {
        await control.resumeBatches()
      }
    })

    it("an emptied cart is deleted from Mailchimp, and the admin's carts-in-Mailchimp figure follows", async () => {
      const admin = await adminHeaders(getContainer(), api.defaults.baseURL)
      const adminCall = adminCaller(() => api.defaults.baseURL, () => admin)
      const inMailchimp = async () => (await adminCall("GET", "/admin/mailchimp/sync")).body.sync.carts.in_mailchimp
      const before = await inMailchimp()
      const cartId = await guestCart(email())
      await release(cartId)
      expect(await remoteCart(cartId)).not.toBeNull()
      expect(await inMailchimp()).toBe(before + 1)

      // Its one line removed: the cart is still in Medusa, with its email, but has nothing to remind anyone of.
      const { cart } = await shop.ok("GET", `/store/carts/${cartId}`)
      await shop.ok("DELETE", `/store/carts/${cartId}/line-items/${cart.items[0].id}`)
      await control.clearRequests()
      await release(cartId)
      expect(await remoteCart(cartId)).toBeNull()
      const writes = (await control.requests()).filter((r: any) => r.method !== "GET" && r.path.includes("/carts"))
      expect(writes.map((w: any) => `${w.method} ${w.path.split("/").slice(-2).join("/")}`)).toEqual([`DELETE carts/${cartId}`])
      expect(await cartRow(cartId)).toEqual(expect.objectContaining({ action: "upsert", status: "synced", remote_exists: false }))
      expect(await inMailchimp()).toBe(before)
    })

    it("a cart nobody changed for cartMaxAgeDays (30) is deleted from Mailchimp by the reconciler", async () => {
      const cartId = await guestCart(email())
      await release(cartId)
      expect(await remoteCart(cartId)).not.toBeNull()
      const reconcile = () => reconcileWorkflow(getContainer()).run({ input: { olderThanSeconds: 3600, limit: 1_000 } })
      const queuedFor = (jobs: { name: string; payload: any }[]) => jobs.filter((j) => j.payload.cart_id === cartId)
      // 29 days untouched: kept. 31 days: deleted. (The reconciler reads a cart's last change from its sync row.)
      const age = (days: number) =>
        getContainer()
          .resolve(ContainerRegistrationKeys.PG_CONNECTION)
          .raw(`UPDATE mailchimp_commerce_sync SET requested_at = now() - make_interval(days => ?) WHERE object_type = 'cart' AND object_id = ?`, [days, cartId])
      await age(29)
      expect(queuedFor((await reconcile()).result.jobs)).toEqual([])
      await age(31)
      expect(queuedFor((await reconcile()).result.jobs)).toEqual([
        { name: "commerce.cart.sync", payload: { cart_id: cartId, rev: expect.any(Number) } },
      ])
      await waitFor(async () => (await cartRow(cartId))?.status === "synced", 30_000)
      expect(await cartRow(cartId)).toEqual(expect.objectContaining({ action: "delete", remote_exists: false }))
      expect(await remoteCart(cartId)).toBeNull()
      // Once deleted, the reconciler leaves it alone.
      expect(queuedFor((await reconcile()).result.jobs)).toEqual([])
    })
  },
})
