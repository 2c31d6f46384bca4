import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { RunningSandbox } from "@medusa-mailchimp/sandbox"
import { MailchimpClient, MailchimpError } from "../../src/mailchimp"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MAILCHIMP_COMMERCE_MODULE } from "../../src/modules/mailchimp-commerce"
import { promoSyncCounts } from "../../src/modules/mailchimp-commerce/promotions/counts"
import { SYNC_STATUS_COUNTS } from "../../src/modules/mailchimp-commerce/sql/sync"
import type { IMailchimpCommerceService } from "../../src/types/mailchimp-commerce-module"
import { adminCaller, adminHeaders, type AdminCall } from "../support/admin-auth"
import { PluginEnv, startPluginEnv, stopPluginEnv } from "../support/plugin-env"
import { waitFor } from "../support/redis-server"
import type { SandboxControl } from "../support/sandbox-control"
import { seedStore, SeededStore } from "../support/seed-store"
import { checkout, StoreClient } from "../support/store-client"
import { testDbName } from "../support/test-db"
import { diffPromotionsWorkflow } from "../../src/workflows/commerce/diff-promotions"

/**
 * Medusa promotions → Mailchimp promo rules and codes (docs/promotions.md): each kind created through the admin API
 * reaches the stand-in (strict) exactly as mapped, or is skipped with its reason; changes, deactivation and deletion
 * follow through the promotion module's events.
 */
jest.setTimeout(240_000)

const STOREFRONT = "https://shop.example.com"

let env: PluginEnv
let sandbox: RunningSandbox
let control: SandboxControl
let mc: MailchimpClient

beforeAll(async () => {
  env = await startPluginEnv({ env: { MAILCHIMP_STOREFRONT_URL: STOREFRONT, MAILCHIMP_RECONCILE_AFTER_S: "0" } })
  ;({ sandbox, control } = env)
  mc = new MailchimpClient({ apiKey: sandbox.apiKey, apiUrl: sandbox.apiBase })
})

afterAll(async () => {
  await mc?.close()
  await stopPluginEnv(env)
})

medusaIntegrationTestRunner({
  dbName: testDbName("promotions"),
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: Record<string, string>
    let call: AdminCall
    let commerce: IMailchimpCommerceService
    let n = 0
    const storeId = () => `medusa-${sandbox.audienceId}`

    beforeAll(async () => {
      store = await seedStore(getContainer())
    })

    beforeEach(async () => {
      admin = await adminHeaders(getContainer(), api.defaults.baseURL)
      call = adminCaller(() => api.defaults.baseURL, () => admin)
      commerce = getContainer().resolve(MAILCHIMP_COMMERCE_MODULE)
    })

    const create = async (body: Record<string, unknown>) => {
      const code = (body.code as string | undefined) ?? `CODE${++n}X${Date.now() % 100000}`
      const res = await call("POST", "/admin/promotions", { type: "standard", status: "active", ...body, code })
      expect(res.status).toBe(200)
      return res.body.promotion as { id: string; code: string }
    }
    /** The promotion's sync row once its write is done (any status but pending). */
    const settled = async (id: string, revisionAbove = 0) => {
      await waitFor(async () => {
        const row = await commerce.getSync("promo", id)
        return !!row && row.status !== "pending" && row.revision > revisionAbove
      }, 30_000).catch((e) => {
        throw new Error(`${e.message}: the promotion's sync row did not move past revision ${revisionAbove}`)
      })
      return (await commerce.getSync("promo", id))!
    }
    const rule = (id: string) => mc.ecommerce.promoRules.get(storeId(), id)
    const code = (id: string) => mc.ecommerce.promoCodes.get(storeId(), id, id)
    const gone = async (p: Promise<unknown>) => {
      const e = await p.then(() => null, (err) => err)
      return e instanceof MailchimpError && e.status === 404
    }

    it("each kind of promotion becomes its rule and code as mapped; what Mailchimp cannot say is skipped with the reason", async () => {
      const starts = new Date(Date.UTC(2027, 5, 1))
      const ends = new Date(Date.UTC(2027, 8, 1))
      const summer = await create({
        code: `SUMMER${Date.now() % 100000}`,
        application_method: { type: "percentage", target_type: "order", allocation: "across", value: 10 },
        campaign: { name: "Summer sale", campaign_identifier: `summer-${Date.now()}`, starts_at: starts.toISOString(), ends_at: ends.toISOString() },
      })
      const perItem = await create({
        application_method: { type: "fixed", target_type: "items", allocation: "each", value: 5, max_quantity: 2, currency_code: "usd" },
      })
      const shipping = await create({
        application_method: { type: "fixed", target_type: "shipping_methods", allocation: "across", value: 10, currency_code: "usd" },
      })
      const draft = await create({ status: "draft", application_method: { type: "percentage", target_type: "order", allocation: "across", value: 12.5 } })
      const automatic = await create({ is_automatic: true, application_method: { type: "percentage", target_type: "order", allocation: "across", value: 5 } })
      const buyGet = await create({
        type: "buyget",
        application_method: {
          type: "percentage",
          target_type: "items",
          allocation: "each",
          value: 100,
          max_quantity: 1,
          apply_to_quantity: 1,
          buy_rules_min_quantity: 2,
          buy_rules: [{ attribute: "items.product.id", operator: "in", values: [store.productIds[0]] }],
          target_rules: [{ attribute: "items.product.id", operator: "in", values: [store.productIds[0]] }],
        },
      })
      const forGroup = await create({
        application_method: { type: "percentage", target_type: "order", allocation: "across", value: 15 },
        rules: [{ attribute: "customer.groups.id", operator: "in", values: ["cusgroup_vip"] }],
      })
      const forProduct = await create({
        application_method: {
          type: "percentage",
          target_type: "items",
          allocation: "each",
          value: 20,
          max_quantity: 5,
          target_rules: [{ attribute: "items.product.id", operator: "in", values: [store.productIds[0]] }],
        },
      })
      const euro = await create({ application_method: { type: "fixed", target_type: "order", allocation: "across", value: 5, currency_code: "eur" } })

      expect((await settled(summer.id)).status).toBe("synced")
      expect(await rule(summer.id)).toEqual(
        expect.objectContaining({
          id: summer.id,
          description: `${summer.code} (Summer sale)`,
          amount: 0.1,
          type: "percentage",
          target: "total",
          enabled: true,
          starts_at: "2027-06-01T00:00:00+00:00",
          ends_at: "2027-09-01T00:00:00+00:00",
        })
      )
      expect(await code(summer.id)).toEqual(
        expect.objectContaining({ id: summer.id, code: summer.code, redemption_url: `${STOREFRONT}/promo/${summer.code}`, usage_count: 0, enabled: true })
      )

      await settled(perItem.id)
      expect(await rule(perItem.id)).toEqual(expect.objectContaining({ amount: 5, type: "fixed", target: "per_item", enabled: true, description: perItem.code }))
      await settled(shipping.id)
      expect(await rule(shipping.id)).toEqual(expect.objectContaining({ amount: 10, type: "fixed", target: "shipping" }))
      await settled(draft.id)
      expect(await rule(draft.id)).toEqual(expect.objectContaining({ amount: 0.125, type: "percentage", enabled: false }))
      expect(await code(draft.id)).toEqual(expect.objectContaining({ enabled: false }))

      const skipped: [{ id: string }, RegExp][] = [
        [automatic, /automatic promotion/],
        [buyGet, /buy X get Y/],
        [forGroup, /limited by conditions/],
        [forProduct, /limited to some products/],
        [euro, /fixed amount in EUR: the Mailchimp store counts in USD/],
      ]
      for (const [p, reason] of skipped) {
        const row = await settled(p.id)
        expect(row.status).toBe("skipped")
        expect(row.note).toMatch(reason)
        expect(await gone(rule(p.id))).toBe(true)
      }
      // The admin's sync page lists them with the reason, by code.
      const view = await call("GET", "/admin/mailchimp/promotions")
      expect(view.status).toBe(200)
      expect(view.body.promotions.counts).toEqual(expect.objectContaining({ synced: 4, skipped: 5, failed: 0 }))
      const shown = new Map(view.body.promotions.rows.map((r: { code: string; status: string; note: string }) => [r.code, r]))
      expect(shown.get(automatic.code)).toEqual(expect.objectContaining({ status: "skipped", note: expect.stringMatching(/automatic promotion/) }))
      expect(shown.get(euro.code)).toEqual(expect.objectContaining({ status: "skipped", note: expect.stringMatching(/EUR/) }))
      expect(shown.get(summer.code)).toEqual(expect.objectContaining({ status: "synced" }))
      // Strict mode saw every request and answer against Mailchimp's description.
      expect((await control.state()).response_violations ?? []).toEqual([])
    })

    /** Runs the scheduled diff once, as its job does; answers what it found. */
    const diff = async () => (await diffPromotionsWorkflow(getContainer()).run()).result

    it("a change of value, dates or status, and a deletion, reach Mailchimp (the diff repairs what no event told)", async () => {
      const p = await create({
        application_method: { type: "percentage", target_type: "order", allocation: "across", value: 10 },
        campaign: { name: "Spring", campaign_identifier: `spring-${Date.now()}` },
      })
      const first = await settled(p.id)
      expect((await rule(p.id)).amount).toBe(0.1)
      expect((await diff()).drift).toEqual([])

      // Medusa 2.21 emits no module event for a new discount value (only the application method row changes).
      expect((await call("POST", `/admin/promotions/${p.id}`, { application_method: { value: 20 } })).status).toBe(200)
      expect((await diff()).drift).toEqual([{ object_id: p.id, action: "upsert", why: "changed" }])
      const second = await settled(p.id, first.revision)
      expect((await rule(p.id)).amount).toBe(0.2)

      const full = (await call("GET", `/admin/promotions/${p.id}?fields=campaign.id`)).body.promotion
      const ends = new Date(Date.UTC(2028, 0, 31))
      expect((await call("POST", `/admin/campaigns/${full.campaign.id}`, { ends_at: ends.toISOString() })).status).toBe(200)
      await diff()
      const third = await settled(p.id, second.revision)
      expect((await rule(p.id)).ends_at).toBe("2028-01-31T00:00:00+00:00")

      expect((await call("POST", `/admin/promotions/${p.id}`, { status: "inactive" })).status).toBe(200)
      await diff()
      const fourth = await settled(p.id, third.revision)
      expect(await rule(p.id)).toEqual(expect.objectContaining({ enabled: false, amount: 0.2 }))
      expect(await code(p.id)).toEqual(expect.objectContaining({ enabled: false }))

      expect((await call("DELETE", `/admin/promotions/${p.id}`)).status).toBe(200)
      await diff()
      const fifth = await settled(p.id, fourth.revision)
      expect(fifth).toEqual(expect.objectContaining({ status: "synced", remote_exists: false, note: "deleted" }))
      expect(await gone(rule(p.id))).toBe(true)
      expect(await gone(code(p.id))).toBe(true)
      // Nothing left to repair: the diff finds the store and Mailchimp in step.
      expect((await diff()).drift).toEqual([])
    })

    it("a backfill sends every promotion again, one Mailchimp lost included, and counts the rules", async () => {
      // A Mailchimp account without the earlier tests' rules (the runner empties the store's tables between tests).
      await control.reset()
      const kept = await create({ application_method: { type: "percentage", target_type: "order", allocation: "across", value: 30 } })
      const lost = await create({ application_method: { type: "fixed", target_type: "order", allocation: "across", value: 3, currency_code: "usd" } })
      await settled(kept.id)
      const before = await settled(lost.id)
      // Mailchimp loses a rule (deleted there): the store still believes it holds it.
      await mc.ecommerce.promoRules.delete(storeId(), lost.id)
      expect((await diff()).drift).toEqual([])
      const started = await call("POST", "/admin/mailchimp/backfill", { objects: ["products"] })
      expect(started.status).toBe(202)
      const runId = started.body.backfill.id
      let report: any
      await waitFor(async () => {
        report = (await call("GET", "/admin/mailchimp/backfill")).body.backfill
        return report?.id === runId && report.status === "completed" && report.promotions.pending === 0
      }, 60_000)
      const after = await settled(lost.id, before.revision)
      expect(after).toEqual(expect.objectContaining({ status: "synced", remote_exists: true }))
      expect(await rule(lost.id)).toEqual(expect.objectContaining({ amount: 3, type: "fixed" }))
      expect(await code(lost.id)).toEqual(expect.objectContaining({ code: lost.code }))
      expect((await mc.ecommerce.promoRules.list(storeId(), { count: 10 })).promo_rules.map((r) => r.id).sort()).toEqual([kept.id, lost.id].sort())
      expect(report.promotions).toEqual({ synced: 2, skipped: 0, failed: 0, pending: 0 })
      expect(report.count_check.kinds.promotions).toEqual({ store: 2, mailchimp: 2, expected: 2, difference: 0 })
    })

    it("an order placed with a code lists it in its promos, and the code's usage_count goes up", async () => {
      const p = await create({ application_method: { type: "percentage", target_type: "order", allocation: "across", value: 10 } })
      const first = await settled(p.id)
      expect((await code(p.id)).usage_count).toBe(0)
      const shop = new StoreClient(api.defaults.baseURL, store.publishableKey)
      const order = await checkout(shop, {
        regionId: store.regionId,
        variantId: store.variantIds[0],
        email: `promo${++n}-${Date.now()}@example.com`,
        optIn: false,
        promoCodes: [p.code],
      })
      expect(Number(order.discount_total)).toBeGreaterThan(0)
      await waitFor(async () => (await commerce.getSync("order", order.id))?.status === "synced", 30_000)
      const remote = await mc.ecommerce.orders.get(storeId(), order.id)
      expect(remote.promos).toEqual([{ code: p.code, amount_discounted: Number(order.discount_total), type: "fixed" }])
      // Medusa emits nothing for the promotion when an order uses it: the diff finds the new count.
      await diff()
      await settled(p.id, first.revision)
      expect((await code(p.id)).usage_count).toBe(1)
      expect((await control.state()).response_violations ?? []).toEqual([])
    })

    it("a promotion that gains a condition Mailchimp cannot say is taken out of Mailchimp, with the reason", async () => {
      const p = await create({ application_method: { type: "percentage", target_type: "order", allocation: "across", value: 10 } })
      const first = await settled(p.id)
      expect(first.status).toBe("synced")
      const res = await call("POST", `/admin/promotions/${p.id}/rules/batch`, {
        create: [{ attribute: "customer.groups.id", operator: "in", values: ["cusgroup_vip"] }],
      })
      expect(res.status).toBe(200)
      await diff()
      const second = await settled(p.id, first.revision)
      expect(second.status).toBe("skipped")
      expect(second.note).toMatch(/limited by conditions/)
      expect(await gone(rule(p.id))).toBe(true)
    })

    it("the promotions' counts read the promotions' rows only, however many other rows a backfill wrote", async () => {
      // 3,000 synced customer rows, not analyzed (as a running backfill leaves the table): a count by status read them all.
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      await pg.raw(`INSERT INTO mailchimp_commerce_sync (id, object_type, object_id, status, requested_at, revision)
        SELECT 'mccs_promo_counts_' || g, 'customer', 'cus_promo_counts_' || g, 'synced', now(), 0 FROM generate_series(1, 3000) g`)
      try {
        const plan = (await pg.raw(`EXPLAIN (ANALYZE, FORMAT JSON) ${SYNC_STATUS_COUNTS}`, ["promo"])).rows[0]["QUERY PLAN"][0].Plan
        const nodes = (n: any): any[] => [n, ...(n.Plans ?? []).flatMap(nodes)]
        // No node of the plan looks at a row that is not a promotion's.
        for (const node of nodes(plan)) expect(node["Rows Removed by Filter"] ?? 0).toBe(0)
        const read = nodes(plan).filter((n) => /Scan/.test(n["Node Type"])).reduce((sum, n) => sum + n["Actual Rows"], 0)
        const { rows } = await pg.raw(`SELECT count(*)::int AS n FROM mailchimp_commerce_sync WHERE object_type = 'promo' AND deleted_at IS NULL`)
        expect(read).toBeLessThanOrEqual(2 * rows[0].n)
        const counts = await promoSyncCounts(commerce)
        expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(rows[0].n)
      } finally {
        await pg.raw(`DELETE FROM mailchimp_commerce_sync WHERE id LIKE 'mccs_promo_counts_%'`)
      }
    })
  },
})
