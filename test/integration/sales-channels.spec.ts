import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createProductsWorkflow,
  linkProductsToSalesChannelWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
} from "@medusajs/medusa/core-flows"
import type { RunningSandbox } from "@medusa-mailchimp/sandbox"
import { MailchimpClient, MailchimpError } from "../../src/mailchimp"
import { MAILCHIMP_MODULE } from "../../src/modules/mailchimp"
import { MAILCHIMP_COMMERCE_MODULE } from "../../src/modules/mailchimp-commerce"
import type { IMailchimpModuleService } from "../../src/types/mailchimp-module"
import type { IMailchimpCommerceService } from "../../src/types/mailchimp-commerce-module"
import { recordOrderPurchaseWorkflow } from "../../src/workflows/commerce/record-order-purchase"
import { requestCommerceSyncWorkflow } from "../../src/workflows/commerce/request-commerce-sync"
import { adminCaller, adminHeaders, type AdminCall } from "../support/admin-auth"
import { backfillEnded } from "../support/backfill-run"
import { PluginEnv, startPluginEnv, stopPluginEnv } from "../support/plugin-env"
import { waitFor } from "../support/redis-server"
import { seedStore, type SeededStore } from "../support/seed-store"
import { checkout, StoreClient } from "../support/store-client"
import { testDbName } from "../support/test-db"

/**
 * Sales channels mapped to Mailchimp stores (docs/sales-channels.md): two channels, two stores in two currencies, and
 * a channel left unmapped. Products, orders and customers land in their channel's store and nowhere else; the
 * unmapped channel sends nothing and says why; a buyer's EUR and USD are never added together; the backfill's count
 * check is equal per store.
 */
jest.setTimeout(240_000)

const EU = { storeId: "mc-eu", name: "EU shop", currency: "EUR", storefrontUrl: "https://eu.shop.test" }
const US = { storeId: "mc-us", name: "US shop", currency: "USD", storefrontUrl: "https://us.shop.test" }
// A store bound to an audience of its own: the plugin's consents are for its own audience only.
const B2B_AUDIENCE = "b2b0000001"
const B2B = { storeId: "mc-b2b", name: "B2B shop", currency: "EUR", storefrontUrl: "https://b2b.shop.test", audienceId: B2B_AUDIENCE }
const CHANNELS = { sc_mc_eu: EU, sc_mc_us: US, sc_mc_b2b: B2B }

let env: PluginEnv
let sandbox: RunningSandbox
let mc: MailchimpClient

beforeAll(async () => {
  env = await startPluginEnv({ env: { MAILCHIMP_SALES_CHANNELS: JSON.stringify(CHANNELS), MAILCHIMP_RECONCILE_AFTER_S: "3600" } })
  sandbox = env.sandbox
  mc = new MailchimpClient({ apiKey: sandbox.apiKey, apiUrl: sandbox.apiBase })
})

afterAll(async () => {
  delete process.env.MAILCHIMP_SALES_CHANNELS
  await mc?.close()
  await stopPluginEnv(env)
})

medusaIntegrationTestRunner({
  dbName: testDbName("sales-channels"),
  testSuite: ({ api, getContainer }) => {
    let commerce: IMailchimpCommerceService
    let call: AdminCall
    let n = 0

    beforeEach(async () => {
      await env.control.reset()
      sandbox.state.createList({ id: B2B_AUDIENCE, name: "B2B" })
      commerce = getContainer().resolve(MAILCHIMP_COMMERCE_MODULE)
      const admin = await adminHeaders(getContainer(), api.defaults.baseURL)
      call = adminCaller(() => api.defaults.baseURL, () => admin)
    })

    /** The channels the options name, and one they do not (created with those ids when missing). */
    const channels = async (container: MedusaContainer) => {
      const module = container.resolve(Modules.SALES_CHANNEL)
      const ids = ["sc_mc_eu", "sc_mc_us", "sc_mc_b2b", "sc_mc_none"]
      const held = new Set((await module.listSalesChannels({ id: ids })).map((c) => c.id))
      const missing = ids.filter((id) => !held.has(id)).map((id) => ({ id, name: id }))
      if (missing.length) await module.createSalesChannels(missing)
    }

    const product = async (title: string, channelIds: string[], prices: { eur: number; usd: number }) => {
      const { result } = await createProductsWorkflow(getContainer()).run({
        input: {
          products: [
            {
              title,
              handle: `${title.toLowerCase().replace(/\W+/g, "-")}-${++n}`,
              status: ProductStatus.PUBLISHED,
              options: [{ title: "Size", values: ["M"] }],
              variants: [
                {
                  title: "M",
                  options: { Size: "M" },
                  prices: [
                    { amount: prices.eur, currency_code: "eur" },
                    { amount: prices.usd, currency_code: "usd" },
                  ],
                },
              ],
              sales_channels: channelIds.map((id) => ({ id })),
            },
          ],
        },
      })
      return { id: result[0].id, variantId: result[0].variants[0].id, title }
    }

    const order = async (input: { email: string; customerId: string; channel: string; currency: string; line: { id: string; variantId: string; title: string }; price: number }) => {
      const orders = getContainer().resolve(Modules.ORDER)
      const [created] = await orders.createOrders([
        {
          email: input.email,
          customer_id: input.customerId,
          sales_channel_id: input.channel,
          currency_code: input.currency,
          items: [{ title: input.line.title, product_id: input.line.id, variant_id: input.line.variantId, product_title: input.line.title, quantity: 1, unit_price: input.price }],
        },
      ])
      return created.id
    }

    /** The row once nothing more is pending for it. */
    const settled = async (type: "product" | "order" | "customer" | "store", id: string) => {
      let row: any
      await waitFor(async () => {
        row = await commerce.getSync(type, id)
        return !!row && row.status !== "pending"
      }, 60_000, 100)
      return row
    }

    const held = async <T>(read: Promise<T>): Promise<T | null> =>
      read.catch((e) => {
        if (e instanceof MailchimpError && e.status === 404) return null
        throw e
      })
    const ids = (list: { id: string }[]) => list.map((x) => x.id).sort()

    it("products, orders and customers land in their channel's store and nowhere else; an unmapped channel sends nothing, and says why; currencies are never added together", async () => {
      const container = getContainer()
      // The Medusa store sells in USD by default (the purchase profile's currency).
      await seedStore(container)
      await channels(container)
      const euOnly = await product("Bretzel", ["sc_mc_eu"], { eur: 20, usd: 22 })
      const both = await product("Globe", ["sc_mc_eu", "sc_mc_us"], { eur: 30, usd: 33 })
      const nowhere = await product("Hidden", ["sc_mc_none"], { eur: 5, usd: 6 })

      // Products: in the stores of their channels, priced in each store's currency.
      expect((await settled("product", euOnly.id)).status).toBe("synced")
      expect((await settled("product", both.id)).note).toBe("created in mc-eu, created in mc-us")
      const skipped = await settled("product", nowhere.id)
      expect(skipped.status).toBe("skipped")
      expect(skipped.note).toMatch(/published in no sales channel mapped to a Mailchimp store/)
      expect(ids((await mc.ecommerce.products.list("mc-eu", { count: 100 })).products)).toEqual([euOnly.id, both.id].sort())
      expect(ids((await mc.ecommerce.products.list("mc-us", { count: 100 })).products)).toEqual([both.id])
      expect((await mc.ecommerce.products.get("mc-eu", both.id)).variants[0].price).toBe(30)
      expect((await mc.ecommerce.products.get("mc-us", both.id)).variants[0].price).toBe(33)

      // The stores: one per mapping, each with its currency and domain; the default store is never made.
      const eu = await mc.ecommerce.stores.get("mc-eu")
      expect(eu).toEqual(expect.objectContaining({ list_id: sandbox.audienceId, name: "EU shop", currency_code: "EUR", domain: "eu.shop.test" }))
      expect(await mc.ecommerce.stores.get("mc-us")).toEqual(expect.objectContaining({ currency_code: "USD", domain: "us.shop.test" }))
      expect(ids((await mc.ecommerce.stores.list({ count: 10 })).stores)).toEqual(["mc-eu", "mc-us"])

      // Orders: each in its channel's store, in its own currency; the unmapped channel's order nowhere.
      const customers = container.resolve(Modules.CUSTOMER)
      const email = `buyer${++n}-${Date.now()}@example.com`
      const [buyer] = await customers.createCustomers([{ email, first_name: "Ada" }])
      const euOrder = await order({ email, customerId: buyer.id, channel: "sc_mc_eu", currency: "eur", line: both, price: 30 })
      const usOrder = await order({ email, customerId: buyer.id, channel: "sc_mc_us", currency: "usd", line: both, price: 33 })
      const noneOrder = await order({ email, customerId: buyer.id, channel: "sc_mc_none", currency: "usd", line: nowhere, price: 6 })
      await recordOrderPurchaseWorkflow(container).run({ input: { order_ids: [euOrder, usOrder, noneOrder] } })
      expect((await settled("order", euOrder)).status).toBe("synced")
      expect((await settled("order", usOrder)).status).toBe("synced")
      const unmapped = await settled("order", noneOrder)
      expect(unmapped).toEqual(expect.objectContaining({ status: "skipped", remote_exists: false }))
      expect(unmapped.note).toBe("sales channel sc_mc_none is not mapped to a Mailchimp store (salesChannels option): not sent")
      expect(ids((await mc.ecommerce.orders.list("mc-eu", { count: 100 })).orders)).toEqual([euOrder])
      expect(ids((await mc.ecommerce.orders.list("mc-us", { count: 100 })).orders)).toEqual([usOrder])
      expect(await mc.ecommerce.orders.get("mc-eu", euOrder)).toEqual(expect.objectContaining({ currency_code: "EUR", order_total: 30 }))
      expect(await mc.ecommerce.orders.get("mc-us", usOrder)).toEqual(expect.objectContaining({ currency_code: "USD", order_total: 33 }))
      // The product of the unmapped channel went nowhere, not even with its order.
      for (const store of ["mc-eu", "mc-us"]) expect(await held(mc.ecommerce.products.get(store, nowhere.id))).toBeNull()

      // The customer: in each store they have an order in, and nowhere else.
      await requestCommerceSyncWorkflow(container).run({ input: { requests: [{ object_type: "customer", object_id: buyer.id }] } })
      const customerRow = await settled("customer", buyer.id)
      expect(customerRow).toEqual(expect.objectContaining({ status: "synced", note: "in mc-eu, mc-us" }))
      expect((await mc.ecommerce.customers.get("mc-eu", buyer.id)).email_address).toBe(email)
      expect((await mc.ecommerce.customers.get("mc-us", buyer.id)).email_address).toBe(email)
      const [loner] = await customers.createCustomers([{ email: `loner${++n}-${Date.now()}@example.com` }])
      await order({ email: loner.email, customerId: loner.id, channel: "sc_mc_none", currency: "usd", line: nowhere, price: 6 })
      await requestCommerceSyncWorkflow(container).run({ input: { requests: [{ object_type: "customer", object_id: loner.id }] } })
      expect(await settled("customer", loner.id)).toEqual(expect.objectContaining({ status: "skipped", note: expect.stringMatching(/no cart or order in a sales channel mapped/) }))
      for (const store of ["mc-eu", "mc-us"]) expect(await held(mc.ecommerce.customers.get(store, loner.id))).toBeNull()

      // Two currencies, never one sum: the profile's money is in the store's default currency (USD), EUR kept apart.
      const [profile] = await commerce.listPurchaseProfiles({ email }, { take: 1 })
      expect(profile.orders_count).toBe(3)
      expect(profile.currency_code).toBe("usd")
      expect(Number(profile.total_spent)).toBe(39)
      expect(profile.other_currencies).toEqual({ eur: { orders: 1, spent: "30" } })

      // The admin sees the mapping and why objects were left out.
      const view = await call("GET", "/admin/mailchimp/sales-channels")
      expect(view.status).toBe(200)
      expect(view.body.sales_channels.stores).toEqual([
        expect.objectContaining({ store_id: "mc-eu", channel_ids: ["sc_mc_eu"], currency: "EUR", audience_id: sandbox.audienceId }),
        expect.objectContaining({ store_id: "mc-us", channel_ids: ["sc_mc_us"], currency: "USD" }),
        expect.objectContaining({ store_id: "mc-b2b", channel_ids: ["sc_mc_b2b"], audience_id: B2B_AUDIENCE, status: null }),
      ])
      expect(view.body.sales_channels.skipped).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ object_type: "order", object_id: noneOrder, note: unmapped.note }),
          expect.objectContaining({ object_type: "product", object_id: nowhere.id }),
        ])
      )
    })

    it("a shopper subscribed to the plugin's audience is opted in only in the stores of that audience, never in another audience's", async () => {
      const container = getContainer()
      const seeded = await seedStore(container)
      await channels(container)
      const email = `gdpr${++n}-${Date.now()}@example.com`
      // A checkout with the box ticked (in the seeded channel, which is not mapped): a subscribed member of the plugin's audience.
      const placed = await checkout(new StoreClient(api.defaults.baseURL, seeded.publishableKey), {
        regionId: seeded.regionId,
        variantId: seeded.variantIds[0],
        email,
        optIn: "route",
      })
      await waitFor(async () => (await env.control.member(sandbox.audienceId, email))?.status === "subscribed", 30_000, 100)
      const customerId = (await container.resolve(Modules.ORDER).retrieveOrder(placed.id)).customer_id!
      expect(customerId).toBeTruthy()
      expect((await settled("order", placed.id)).note).toBe(`sales channel ${seeded.salesChannelId} is not mapped to a Mailchimp store (salesChannels option): not sent`)
      const crate = await product("Crate", ["sc_mc_eu", "sc_mc_b2b"], { eur: 50, usd: 55 })
      const euOrder = await order({ email, customerId, channel: "sc_mc_eu", currency: "eur", line: crate, price: 50 })
      const b2bOrder = await order({ email, customerId, channel: "sc_mc_b2b", currency: "eur", line: crate, price: 50 })
      await recordOrderPurchaseWorkflow(container).run({ input: { order_ids: [euOrder, b2bOrder] } })
      expect((await settled("order", euOrder)).status).toBe("synced")
      expect((await settled("order", b2bOrder)).status).toBe("synced")
      expect(await mc.ecommerce.stores.get("mc-b2b")).toEqual(expect.objectContaining({ list_id: B2B_AUDIENCE, currency_code: "EUR" }))
      expect((await mc.ecommerce.customers.get("mc-eu", customerId)).opt_in_status).toBe(true)
      expect((await mc.ecommerce.customers.get("mc-b2b", customerId)).opt_in_status).toBe(false)
      // The customer sync says the same: the consent counts in its own audience only.
      await requestCommerceSyncWorkflow(container).run({ input: { requests: [{ object_type: "customer", object_id: customerId }] } })
      expect((await settled("customer", customerId)).note).toBe("in mc-eu, mc-b2b")
      expect((await mc.ecommerce.customers.get("mc-b2b", customerId)).opt_in_status).toBe(false)
      expect((await env.control.member(B2B_AUDIENCE, email))?.status).not.toBe("subscribed")
    })

    it("the backfill sends each store its channels' objects, and the count check is equal per store", async () => {
      const container = getContainer()
      await channels(container)
      const euOnly = await product("Kringle", ["sc_mc_eu"], { eur: 12, usd: 13 })
      const both = await product("Atlas", ["sc_mc_eu", "sc_mc_us"], { eur: 40, usd: 44 })
      await product("Secret", ["sc_mc_none"], { eur: 1, usd: 1 })
      const customers = container.resolve(Modules.CUSTOMER)
      const email = `bf${++n}-${Date.now()}@example.com`
      const [buyer] = await customers.createCustomers([{ email }])
      const euOrder = await order({ email, customerId: buyer.id, channel: "sc_mc_eu", currency: "eur", line: euOnly, price: 12 })
      const usOrder = await order({ email, customerId: buyer.id, channel: "sc_mc_us", currency: "usd", line: both, price: 44 })
      // Both stores deleted in Mailchimp (with everything in them): the backfill makes them again and sends everything.
      await settled("product", both.id)
      await settled("product", euOnly.id)
      await mc.ecommerce.stores.delete("mc-eu")
      await mc.ecommerce.stores.delete("mc-us")
      const started = await call("POST", "/admin/mailchimp/backfill", { objects: ["products", "customers", "orders"] })
      expect(started.status).toBe(202)
      const report = await backfillEnded(call, 120_000)
      expect(report.status).toBe("completed")
      expect(ids((await mc.ecommerce.products.list("mc-eu", { count: 100 })).products)).toEqual([euOnly.id, both.id].sort())
      expect(ids((await mc.ecommerce.products.list("mc-us", { count: 100 })).products)).toEqual([both.id])
      expect(ids((await mc.ecommerce.orders.list("mc-eu", { count: 100 })).orders)).toEqual([euOrder])
      expect(ids((await mc.ecommerce.orders.list("mc-us", { count: 100 })).orders)).toEqual([usOrder])
      expect(ids((await mc.ecommerce.customers.list("mc-us", { count: 100 })).customers)).toEqual([buyer.id])
      expect(report.count_check.ok).toBe(true)
      expect(report.count_check.kinds["mc-eu products"]).toEqual({ store: 2, mailchimp: 2, expected: 2, difference: 0 })
      expect(report.count_check.kinds["mc-us products"]).toEqual({ store: 1, mailchimp: 1, expected: 1, difference: 0 })
      expect(report.count_check.kinds["mc-eu orders"]).toEqual({ store: 1, mailchimp: 1, expected: 1, difference: 0 })
      expect(report.count_check.kinds["mc-us orders"]).toEqual({ store: 1, mailchimp: 1, expected: 1, difference: 0 })
      expect(report.count_check.kinds["mc-us customers"]).toEqual({ store: 1, mailchimp: 1, expected: 1, difference: 0 })
    })

    describe("consents and members go to the sales channel's audience", () => {
      /**
       * A storefront of one mapped channel: a publishable key of that channel alone (its carts are in it), the seeded
       * warehouse serving it, the seeded product published in it.
       */
      const shopOf = async (seeded: SeededStore, channelId: string) => {
        const container = getContainer()
        const [location] = await container.resolve(Modules.STOCK_LOCATION).listStockLocations({ name: "Warehouse" })
        await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: location.id, add: [channelId] } })
        await linkProductsToSalesChannelWorkflow(container).run({ input: { id: channelId, add: seeded.productIds } })
        const { result: keys } = await createApiKeysWorkflow(container).run({
          input: { api_keys: [{ title: `Storefront ${channelId}`, type: "publishable", created_by: "" }] },
        })
        await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: keys[0].id, add: [channelId] } })
        return new StoreClient(api.defaults.baseURL, keys[0].token)
      }
      const core = () => getContainer().resolve<IMailchimpModuleService>(MAILCHIMP_MODULE)
      const consentOf = async (orderId: string) => (await core().listConsents({ order_id: orderId }))[0]

      it("a checkout in a channel bound to another audience subscribes there and nowhere else; one in a channel of the plugin's audience, there", async () => {
        const container = getContainer()
        const seeded = await seedStore(container)
        await channels(container)
        const b2bShop = await shopOf(seeded, "sc_mc_b2b")
        const euShop = await shopOf(seeded, "sc_mc_eu")
        const buy = (shop: StoreClient, email: string, optIn: false | "route") =>
          checkout(shop, { regionId: seeded.regionId, variantId: seeded.variantIds[0], email, optIn })

        // Channel B (its own audience), box ticked: a member of B, none of the plugin's audience; the consent says B.
        const b2bEmail = `b2b${++n}-${Date.now()}@example.com`
        const b2bOrder = await buy(b2bShop, b2bEmail, "route")
        expect((await container.resolve(Modules.ORDER).retrieveOrder(b2bOrder.id)).sales_channel_id).toBe("sc_mc_b2b")
        await waitFor(async () => (await consentOf(b2bOrder.id))?.sync_status === "synced", 30_000, 100)
        const b2bConsent = await consentOf(b2bOrder.id)
        expect(b2bConsent).toEqual(expect.objectContaining({ audience_id: B2B_AUDIENCE, action: "opt_in", source: "checkout", mailchimp_status: "subscribed" }))
        expect((await env.control.member(B2B_AUDIENCE, b2bEmail))?.status).toBe("subscribed")
        expect(await env.control.member(sandbox.audienceId, b2bEmail)).toBeUndefined()
        // The store's member row is B's too.
        expect((await core().listMembers({ email: b2bEmail })).map((m) => [m.audience_id, m.status])).toEqual([[B2B_AUDIENCE, "subscribed"]])

        // Channel A (the plugin's audience), box ticked: the plugin's audience, as without channels; nothing in B.
        const euEmail = `eu${++n}-${Date.now()}@example.com`
        const euOrder = await buy(euShop, euEmail, "route")
        await waitFor(async () => (await consentOf(euOrder.id))?.sync_status === "synced", 30_000, 100)
        expect((await consentOf(euOrder.id)).audience_id).toBe(sandbox.audienceId)
        expect((await env.control.member(sandbox.audienceId, euEmail))?.status).toBe("subscribed")
        expect(await env.control.member(B2B_AUDIENCE, euEmail)).toBeUndefined()

        // The B buyer also buys in channel A without the box: opted in in B's store only (subscribed in B alone).
        const customerId = b2bConsent.customer_id!
        const crate = await product("Crate", ["sc_mc_eu"], { eur: 50, usd: 55 })
        const euBuy = await order({ email: b2bEmail, customerId, channel: "sc_mc_eu", currency: "eur", line: crate, price: 50 })
        await recordOrderPurchaseWorkflow(container).run({ input: { order_ids: [euBuy] } })
        expect((await settled("order", euBuy)).status).toBe("synced")
        await requestCommerceSyncWorkflow(container).run({ input: { requests: [{ object_type: "customer", object_id: customerId }] } })
        expect((await settled("customer", customerId)).note).toBe("in mc-eu, mc-b2b")
        expect((await mc.ecommerce.customers.get("mc-b2b", customerId)).opt_in_status).toBe(true)
        expect((await mc.ecommerce.customers.get("mc-eu", customerId)).opt_in_status).toBe(false)

        // An unsubscribe from the account (here by an admin, for the customer) lowers them in B, where the plugin subscribed them.
        const lowered = await call("POST", `/admin/mailchimp/customers/${customerId}/newsletter`, { subscribed: false })
        expect(lowered.status).toBeLessThan(300)
        await waitFor(async () => (await env.control.member(B2B_AUDIENCE, b2bEmail))?.status === "unsubscribed", 30_000, 100)
        const optOuts = await core().listConsents({ email: b2bEmail, action: "opt_out" })
        expect(optOuts.map((c) => c.audience_id).sort()).toEqual([B2B_AUDIENCE, sandbox.audienceId].sort())
        // In the plugin's audience they are only the transactional contact channel A's order made: never subscribed.
        expect((await env.control.member(sandbox.audienceId, b2bEmail))?.status).not.toBe("subscribed")
        // B's store now says false as well.
        await requestCommerceSyncWorkflow(container).run({ input: { requests: [{ object_type: "customer", object_id: customerId }] } })
        await waitFor(async () => (await mc.ecommerce.customers.get("mc-b2b", customerId)).opt_in_status === false, 30_000, 100)
      })

      it("a signup through a key of one channel goes to that channel's audience; a key of several audiences, to the plugin's", async () => {
        const container = getContainer()
        const seeded = await seedStore(container)
        await channels(container)
        const b2bShop = await shopOf(seeded, "sc_mc_b2b")
        const email = `signup${++n}-${Date.now()}@example.com`
        expect((await b2bShop.call("POST", "/store/newsletter", { email })).status).toBe(202)
        await waitFor(async () => !!(await env.control.member(B2B_AUDIENCE, email)), 30_000, 100)
        // confirmSignups: Mailchimp asks the owner to confirm, in B.
        expect((await env.control.member(B2B_AUDIENCE, email)).status).toBe("pending")
        expect(await env.control.member(sandbox.audienceId, email)).toBeUndefined()
        expect((await core().listConsents({ email })).map((c) => c.audience_id)).toEqual([B2B_AUDIENCE])

        // The seeded key's channel is not mapped: the plugin's audience, as without channels.
        const plain = new StoreClient(api.defaults.baseURL, seeded.publishableKey)
        const other = `signup${++n}-${Date.now()}@example.com`
        expect((await plain.call("POST", "/store/newsletter", { email: other })).status).toBe(202)
        await waitFor(async () => !!(await env.control.member(sandbox.audienceId, other)), 30_000, 100)
        expect(await env.control.member(B2B_AUDIENCE, other)).toBeUndefined()
      })
    })
  },
})
