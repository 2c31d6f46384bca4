import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules, ProductStatus } from "@medusajs/framework/utils"
import { createProductsWorkflow } from "@medusajs/medusa/core-flows"
import type { RunningSandbox } from "@medusa-mailchimp/sandbox"
import { MailchimpClient, MailchimpError } from "../../src/mailchimp"
import { MAILCHIMP_MODULE } from "../../src/modules/mailchimp"
import { MAILCHIMP_COMMERCE_MODULE } from "../../src/modules/mailchimp-commerce"
import type { IMailchimpModuleService } from "../../src/types/mailchimp-module"
import type { IMailchimpCommerceService } from "../../src/types/mailchimp-commerce-module"
import { adminCaller, adminHeaders, type AdminCall } from "../support/admin-auth"
import { PluginEnv, startPluginEnv, stopPluginEnv } from "../support/plugin-env"
import { waitFor } from "../support/redis-server"
import { testDbName } from "../support/test-db"

/**
 * Settings → Mailchimp's sales channel mapping (docs/sales-channels.md, "Editing in the admin"), with no
 * salesChannels option: a mapping saved in the admin wins over the option, the next write goes to the store it
 * names; a bad mapping is a 400 naming the channel and field, and nothing is saved; a store keeps its audience.
 */
jest.setTimeout(240_000)

const B2B_AUDIENCE = "b2bset0001"
const EU = { store_id: "set-eu", name: "EU shop", currency: "eur", storefront_url: "https://eu.settings.test" }
const US = { store_id: "set-us", name: "US shop", currency: "USD", storefront_url: "https://us.settings.test" }

let env: PluginEnv
let sandbox: RunningSandbox
let mc: MailchimpClient

beforeAll(async () => {
  env = await startPluginEnv({ env: { MAILCHIMP_RECONCILE_AFTER_S: "3600" } })
  sandbox = env.sandbox
  mc = new MailchimpClient({ apiKey: sandbox.apiKey, apiUrl: sandbox.apiBase })
})

afterAll(async () => {
  await mc?.close()
  await stopPluginEnv(env)
})

medusaIntegrationTestRunner({
  dbName: testDbName("sales-channels-settings"),
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
      // Each test starts from the option (none): the runner empties the tables, this process's copy goes too.
      expect((await call("POST", "/admin/mailchimp/sales-channels", { sales_channels: null })).status).toBe(200)
      const channels = getContainer().resolve(Modules.SALES_CHANNEL)
      const ids = ["sc_set_eu", "sc_set_us"]
      const held = new Set((await channels.listSalesChannels({ id: ids })).map((c) => c.id))
      const missing = ids.filter((id) => !held.has(id)).map((id) => ({ id, name: id === "sc_set_eu" ? "Europe" : "America" }))
      if (missing.length) await channels.createSalesChannels(missing)
    })

    const product = async (title: string, channelIds: string[]) => {
      const { result } = await createProductsWorkflow(getContainer()).run({
        input: {
          products: [
            {
              title,
              handle: `${title.toLowerCase()}-${++n}-${Date.now()}`,
              status: ProductStatus.PUBLISHED,
              options: [{ title: "Size", values: ["M"] }],
              variants: [{ title: "M", options: { Size: "M" }, prices: [{ amount: 20, currency_code: "eur" }, { amount: 22, currency_code: "usd" }] }],
              sales_channels: channelIds.map((id) => ({ id })),
            },
          ],
        },
      })
      return result[0].id
    }

    const settled = async (type: "product" | "store", id: string) => {
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

    const mappingOf = async () => (await call("GET", "/admin/mailchimp/sales-channels")).body.sales_channels

    it("a saved mapping wins over the option: the next write goes to the store it names, and the admin shows it", async () => {
      const before = await mappingOf()
      expect(before).toEqual(expect.objectContaining({ mapped: false, source: null, default_audience_id: sandbox.audienceId }))
      expect(before.channels).toEqual(expect.arrayContaining([{ id: "sc_set_eu", name: "Europe", mapping: null }]))

      const saved = await call("POST", "/admin/mailchimp/sales-channels", { sales_channels: { sc_set_eu: EU } })
      expect(saved.status).toBe(200)
      // A channel now sent to a store that lacks its objects: a backfill is needed for it.
      expect(saved.body).toEqual(expect.objectContaining({ backfill_needed: true, backfill_channels: ["sc_set_eu"] }))
      expect(saved.body.sales_channels).toEqual(expect.objectContaining({ mapped: true, source: "saved", updated_by: expect.any(String) }))
      expect(saved.body.sales_channels.channels).toEqual(
        expect.arrayContaining([
          { id: "sc_set_eu", name: "Europe", mapping: { store_id: "set-eu", name: "EU shop", currency: "EUR", storefront_url: "https://eu.settings.test", audience_id: null } },
          { id: "sc_set_us", name: "America", mapping: null },
        ])
      )
      expect(commerce.getOptions().salesChannels).toEqual({ sc_set_eu: { storeId: "set-eu", name: "EU shop", currency: "EUR", storefrontUrl: "https://eu.settings.test" } })

      // The next write: the product goes to the saved store, which Mailchimp gets with it; the US one sends nothing.
      const euProduct = await product("Bretzel", ["sc_set_eu"])
      const usProduct = await product("Bagel", ["sc_set_us"])
      expect((await settled("product", euProduct)).status).toBe("synced")
      expect((await settled("product", usProduct)).status).toBe("skipped")
      expect(await mc.ecommerce.stores.get("set-eu")).toEqual(
        expect.objectContaining({ list_id: sandbox.audienceId, name: "EU shop", currency_code: "EUR", domain: "eu.settings.test" })
      )
      expect((await mc.ecommerce.products.get("set-eu", euProduct)).id).toBe(euProduct)
      expect((await mc.ecommerce.stores.list({ count: 10 })).stores.map((s) => s.id)).toEqual(["set-eu"])

      // Saved again unchanged, with the US channel added: only the US channel needs a backfill.
      const more = await call("POST", "/admin/mailchimp/sales-channels", { sales_channels: { sc_set_eu: EU, sc_set_us: US } })
      expect(more.status).toBe(200)
      expect(more.body.backfill_channels).toEqual(["sc_set_us"])

      // null: the option again (none: one store for every channel).
      const reset = await call("POST", "/admin/mailchimp/sales-channels", { sales_channels: null })
      expect(reset.body.sales_channels).toEqual(expect.objectContaining({ mapped: false, source: null }))
      expect(commerce.getOptions().salesChannels).toBeUndefined()
    })

    it("a bad mapping is a 400 naming the channel and field, and nothing is saved", async () => {
      expect((await call("POST", "/admin/mailchimp/sales-channels", { sales_channels: { sc_set_eu: EU } })).status).toBe(200)
      const refused = async (body: unknown, field: RegExp) => {
        const res = await call("POST", "/admin/mailchimp/sales-channels", body)
        expect(res.status).toBe(400)
        expect(res.body.message).toMatch(field)
        return res.body.message as string
      }
      await refused({ sales_channels: { sc_set_eu: { ...EU, currency: "euro" } } }, /sales_channels\.sc_set_eu\.currency: an ISO 4217 currency code/)
      await refused({ sales_channels: { sc_set_eu: { ...EU, storefront_url: "not a url" } } }, /sales_channels\.sc_set_eu\.storefront_url/)
      await refused({ sales_channels: { sc_set_eu: { ...EU, store_id: "" } } }, /sales_channels\.sc_set_eu\.store_id/)
      await refused({ sales_channels: { sc_set_eu: EU, sc_nowhere: US } }, /sales_channels\.sc_nowhere: no Medusa sales channel has this id/)
      // Mailchimp's rules: one domain, one store; one store, one currency.
      await refused({ sales_channels: { sc_set_eu: EU, sc_set_us: { ...US, storefront_url: EU.storefront_url } } }, /sales_channels\.sc_set_us\.storefront_url: the domain eu\.settings\.test/)
      await refused({ sales_channels: { sc_set_eu: EU, sc_set_us: { ...EU, currency: "USD" } } }, /sales_channels\.sc_set_us\.currency: store set-eu/)
      await refused({ sales_channels: { sc_set_eu: { ...EU, store_id: "set-b2b", audience_id: "nosuchlist" } } }, /sales_channels\.sc_set_eu\.audience_id: this Mailchimp account has no audience nosuchlist/)
      await refused({ sc_set_eu: EU }, /Unrecognized fields: 'sc_set_eu'/)

      const view = await mappingOf()
      expect(view.source).toBe("saved")
      expect(view.channels).toEqual(expect.arrayContaining([expect.objectContaining({ id: "sc_set_eu", mapping: expect.objectContaining({ store_id: "set-eu", currency: "EUR" }) }), { id: "sc_set_us", name: "America", mapping: null }]))
      expect(commerce.getOptions().salesChannels).toEqual({ sc_set_eu: expect.objectContaining({ storeId: "set-eu" }) })
    })

    it("a channel moved to another audience keeps no store id: refused, then accepted with a new store id (a new store, a backfill)", async () => {
      expect((await call("POST", "/admin/mailchimp/sales-channels", { sales_channels: { sc_set_eu: EU } })).status).toBe(200)
      const moved = await call("POST", "/admin/mailchimp/sales-channels", { sales_channels: { sc_set_eu: { ...EU, audience_id: B2B_AUDIENCE } } })
      expect(moved.status).toBe(400)
      expect(moved.body.message).toMatch(/sales_channels\.sc_set_eu\.audience_id: store set-eu belongs to audience \w+, .*give this channel a new store id/)
      expect(commerce.getOptions().salesChannels?.sc_set_eu.audienceId).toBeUndefined()

      // A store id Mailchimp already holds on another audience (made outside this mapping) is refused too.
      await mc.ecommerce.stores.create({ id: "set-taken", list_id: sandbox.audienceId, name: "Taken", currency_code: "EUR" })
      const taken = await call("POST", "/admin/mailchimp/sales-channels", { sales_channels: { sc_set_eu: { ...EU, store_id: "set-taken", audience_id: B2B_AUDIENCE } } })
      expect(taken.status).toBe(400)
      expect(taken.body.message).toMatch(/sales_channels\.sc_set_eu\.store_id: Mailchimp holds a store set-taken of audience/)

      const renamed = await call("POST", "/admin/mailchimp/sales-channels", { sales_channels: { sc_set_eu: { ...EU, store_id: "set-eu-b2b", audience_id: B2B_AUDIENCE } } })
      expect(renamed.status).toBe(200)
      expect(renamed.body).toEqual(expect.objectContaining({ backfill_needed: true, backfill_channels: ["sc_set_eu"] }))
      // Consents follow the saved mapping too: the channel's opt-ins go to the audience of its store.
      const core = getContainer().resolve<IMailchimpModuleService>(MAILCHIMP_MODULE)
      expect(core.audienceOfChannel("sc_set_eu")).toBe(B2B_AUDIENCE)
      expect(core.audienceOfChannel("sc_set_us")).toBe(sandbox.audienceId)
      const id = await product("Pretzel", ["sc_set_eu"])
      expect((await settled("product", id)).status).toBe("synced")
      expect(await mc.ecommerce.stores.get("set-eu-b2b")).toEqual(expect.objectContaining({ list_id: B2B_AUDIENCE }))
      expect(await held(mc.ecommerce.products.get("set-eu-b2b", id))).not.toBeNull()
    })
  },
})
