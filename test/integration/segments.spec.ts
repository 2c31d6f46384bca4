import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MailchimpClient } from "../../src/mailchimp"
import { MAILCHIMP_MODULE } from "../../src/modules/mailchimp"
import type MailchimpModuleService from "../../src/modules/mailchimp/service"
import { MAILCHIMP_COMMERCE_MODULE } from "../../src/modules/mailchimp-commerce"
import { MAILCHIMP_SEGMENTS_MODULE } from "../../src/modules/mailchimp-segments"
import type MailchimpSegmentsService from "../../src/modules/mailchimp-segments/service"
import { compileSegmentQuery } from "../../src/modules/mailchimp-segments/sql/compile"
import type { RunningSandbox } from "@medusa-mailchimp/sandbox"
import type { IMailchimpCommerceService } from "../../src/types/mailchimp-commerce-module"
import type { SegmentsContext } from "../../src/queue/processors/segments/context"
import { pushChanges } from "../../src/queue/processors/segments/mailchimp-copy"
import { adminHeaders } from "../support/admin-auth"
import { PluginEnv, startPluginEnv, stopPluginEnv } from "../support/plugin-env"
import { waitFor } from "../support/redis-server"
import type { SandboxControl } from "../support/sandbox-control"
import { seedStore, SeededStore } from "../support/seed-store"
import { testDbName } from "../support/test-db"
import { checkout, StoreClient } from "../support/store-client"

jest.setTimeout(240_000)

let env: PluginEnv
let sandbox: RunningSandbox
let control: SandboxControl
let mc: MailchimpClient

const WEBHOOK_SECRET = "segments-webhook-secret-0123456789"

beforeAll(async () => {
  env = await startPluginEnv({ env: { MAILCHIMP_RECONCILE_AFTER_S: "0", MAILCHIMP_WEBHOOK_SECRET: WEBHOOK_SECRET } })
  // The stand-in delivers its webhooks (an unsubscribe during a campaign) to this store.
  process.env.MAILCHIMP_WEBHOOK_BASE_URL = `http://localhost:${env.port}`
  ;({ sandbox, control } = env)
  mc = new MailchimpClient({ apiKey: sandbox.apiKey, apiUrl: sandbox.apiBase })
})

afterAll(async () => {
  await mc?.close()
  await stopPluginEnv(env)
})

medusaIntegrationTestRunner({
  dbName: testDbName("segments"),
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let shop: StoreClient
    let admin: Record<string, string>
    let core: MailchimpModuleService
    let segments: MailchimpSegmentsService
    const stamp = Date.now()
    // Seeded buyers: ada bought product 0 twice, bob product 1 once, cy product 0 once (all opted in);
    // dan bought product 0 without opting in (no consent: never in a segment).
    const ada = `ada-${stamp}@example.com`
    const bob = `bob-${stamp}@example.com`
    const cy = `cy-${stamp}@example.com`
    const dan = `dan-${stamp}@example.com`
    let n = 0

    const pg = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION) as any
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(api.defaults.baseURL + path, {
        method,
        headers: { "content-type": "application/json", ...admin },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await res.text()
      return { status: res.status, body: text ? JSON.parse(text) : undefined }
    }
    const createSegment = async (body: Record<string, unknown>) => {
      const res = await call("POST", "/admin/mailchimp/segments", { name: `seg-${stamp}-${++n}`, ...body })
      expect(res.status).toBe(201)
      return res.body.segment
    }
    const segmentRow = async (id: string) => (await call("GET", `/admin/mailchimp/segments/${id}`)).body.segment
    const waitSynced = async (id: string, check: (s: any) => boolean = () => true) => {
      await waitFor(async () => {
        const s = await segmentRow(id)
        return s.sync_status === "synced" && s.pending_changes === 0 && check(s)
      }, 60_000, 200)
      return segmentRow(id)
    }
    const remoteMembers = async (sid: string) => {
      const page = await mc.segments.listMembers(sandbox.audienceId, sid, { count: 1000, include_unsubscribed: true })
      return page.members.map((m) => m.email_address).sort()
    }
    const memberChanges = async (sid: string) => {
      const log = await control.requests()
      return log
        .filter((r: any) => r.method === "POST" && r.path === `/3.0/lists/${sandbox.audienceId}/segments/${sid}`)
        .map((r: any) => ({ add: r.body?.members_to_add?.length ?? 0, remove: r.body?.members_to_remove?.length ?? 0 }))
    }
    const boughtProduct0 = () => ({ conditions: [{ type: "bought", item: "product", ids: [store.productIds[0]] }] })

    beforeAll(async () => {
      store = await seedStore(getContainer(), { products: 2 })
      shop = new StoreClient(api.defaults.baseURL, store.publishableKey)
      admin = await adminHeaders(getContainer(), api.defaults.baseURL)
      core = getContainer().resolve(MAILCHIMP_MODULE)
      segments = getContainer().resolve(MAILCHIMP_SEGMENTS_MODULE)
      const buy = (email: string, v: number, optIn: false | "route") =>
        checkout(shop, { regionId: store.regionId, variantId: store.variantIds[v], email, optIn })
      await buy(ada, 0, "route")
      await buy(ada, 0, false)
      await buy(bob, 1, "route")
      await buy(cy, 0, "route")
      await buy(dan, 0, false)
      // The store's state the tests start from: members subscribed, profiles computed.
      await waitFor(async () => {
        const members = await core.listMembers({ email: [ada, bob, cy], status: "subscribed" })
        const profiles = await pg().raw(`SELECT count(*)::int AS c FROM mailchimp_purchase_profile WHERE email IN (?, ?, ?, ?)`, [ada, bob, cy, dan])
        return members.length === 3 && profiles.rows[0].c === 4
      }, 60_000, 200)
      await waitFor(async () => {
        const [row] = (await pg().raw(`SELECT orders_count FROM mailchimp_purchase_profile WHERE email = ?`, [ada])).rows
        return row?.orders_count === 2
      }, 30_000, 200)
    })

    beforeEach(async () => {
      await control.clearRequests()
    })

    it("keeps the purchase items that 'bought within N days' reads current as purchase rows change and are erased", async () => {
      const commerce = getContainer().resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
      const buyer = `items-${stamp}@example.com`
      const items = async () =>
        (
          await pg().raw(
            `SELECT i.item_type, i.item_id, i.email FROM mailchimp_purchase_item i
             JOIN mailchimp_purchase_order o ON o.id = i.purchase_order_id WHERE o.order_id = ? ORDER BY 1, 2`,
            [`order_items_${stamp}`]
          )
        ).rows.map((r: any) => `${r.item_type}:${r.item_id}:${r.email}`)
      const row = (over: Record<string, unknown>) => ({
        order_id: `order_items_${stamp}`, email: buyer, customer_id: null, currency_code: "usd", status: "placed" as const,
        total: 10, refunded_total: 0, net_total: 10, placed_at: new Date().toISOString(), canceled_at: null,
        product_ids: ["prod_a", "prod_a"], variant_ids: ["variant_a"], category_ids: ["pcat_a"], collection_ids: [], campaign_id: null,
        ...over,
      })
      await commerce.upsertPurchaseOrders([row({})])
      expect(await items()).toEqual([`category:pcat_a:${buyer}`, `product:prod_a:${buyer}`, `variant:variant_a:${buyer}`])
      // Replaced, not added to, and the same when written twice.
      await commerce.upsertPurchaseOrders([row({ product_ids: ["prod_b"], category_ids: [] })])
      await commerce.upsertPurchaseOrders([row({ product_ids: ["prod_b"], category_ids: [] })])
      expect(await items()).toEqual([`product:prod_b:${buyer}`, `variant:variant_a:${buyer}`])
      // Moved to another address: the items follow.
      await commerce.upsertPurchaseOrders([row({ email: `moved-${buyer}`, product_ids: ["prod_b"], category_ids: [] })])
      expect(await items()).toEqual([`product:prod_b:moved-${buyer}`, `variant:variant_a:moved-${buyer}`])
      // Canceled: nothing bought.
      await commerce.upsertPurchaseOrders([row({ status: "canceled", canceled_at: new Date().toISOString() })])
      expect(await items()).toEqual([])
      // Erased: the row and its items go.
      await commerce.upsertPurchaseOrders([row({})])
      expect(await items()).toHaveLength(3)
      await commerce.eraseBuyers({ emails: [buyer], customer_ids: [], order_ids: [], cart_ids: [] })
      const left = await pg().raw(`SELECT count(*)::int AS n FROM mailchimp_purchase_item WHERE email = ?`, [buyer])
      expect(left.rows[0].n).toBe(0)
      expect(await items()).toEqual([])
    })

    it("a segment over the seeded orders holds exactly the consented buyers it describes", async () => {
      const segment = await createSegment(boughtProduct0())
      expect(segment.member_count).toBe(2)
      const rows = await segments.listSegmentMembers({ segment_id: segment.id, in_segment: true })
      expect(rows.map((r) => r.email).sort()).toEqual([ada, cy].sort())

      const audienceId = core.getOptions().audienceId
      const emails = (conditions: unknown[], match: "all" | "any" = "all") =>
        segments.matchingEmails({ match, conditions: conditions as never }, audienceId)
      expect(await emails([{ type: "orders_count", op: "gte", value: 2 }])).toEqual([ada])
      expect(await emails([{ type: "orders_count", op: "eq", value: 1 }])).toEqual([bob, cy].sort())
      expect(await emails([{ type: "not_bought", item: "product", ids: [store.productIds[0]] }])).toEqual([bob])
      expect(await emails([{ type: "bought", item: "variant", ids: [store.variantIds[1]], within_days: 1 }])).toEqual([bob])
      expect(await emails([{ type: "last_order_date", op: "within_days", days: 1 }])).toHaveLength(3)
      expect(await emails([{ type: "last_order_date", op: "more_than_days_ago", days: 1 }])).toEqual([])
      // Country: from the customer's saved addresses.
      const [adaCustomer] = (await pg().raw(`SELECT id FROM customer WHERE email = ? LIMIT 1`, [ada])).rows
      await pg().raw(`INSERT INTO customer_address (id, customer_id, country_code, created_at, updated_at) VALUES ('cuaddr_seg_t', ?, 'fr', now(), now())`, [adaCustomer.id])
      expect(await emails([{ type: "country", op: "in", countries: ["FR"] }])).toEqual([ada])
      expect(await emails([{ type: "country", op: "not_in", countries: ["FR"] }])).toEqual([bob, cy].sort())
      expect(await emails([{ type: "has_account", value: true }])).toEqual([])
      expect(await emails([{ type: "customer_created", op: "within_days", days: 1 }])).toEqual([ada, bob, cy].sort())
      expect(
        await emails(
          [
            { type: "orders_count", op: "gte", value: 2 },
            { type: "bought", item: "product", ids: [store.productIds[1]] },
          ],
          "any"
        )
      ).toEqual([ada, bob].sort())
      // average_order: ada and cy paid the same unit price; ada's total is twice cy's.
      const [adaProfile] = (await pg().raw(`SELECT total_spent FROM mailchimp_purchase_profile WHERE email = ?`, [ada])).rows
      expect(await emails([{ type: "total_spent", op: "gte", value: Number(adaProfile.total_spent) }])).toEqual([ada])
    })

    it("preview answers the count and a sample, and stores nothing", async () => {
      const res = await call("POST", "/admin/mailchimp/segments/preview", boughtProduct0())
      expect(res.status).toBe(200)
      expect(res.body.preview).toEqual({
        count: 2,
        sample: [ada, cy].sort().map((email) => ({ email, customer_id: expect.any(String) })),
      })
      const list = await call("GET", "/admin/mailchimp/segments")
      expect(list.body.count).toBe(0)
    })

    it("sync creates the static segment in Mailchimp with exactly those members; a new order and an unsubscribe send only the difference", async () => {
      const created = await createSegment(boughtProduct0())
      const segment = await waitSynced(created.id, (s) => !!s.mailchimp_segment_id && s.mailchimp_member_count === 2)
      const sid = segment.mailchimp_segment_id
      expect(await remoteMembers(sid)).toEqual([ada, cy].sort())
      const log = await control.requests()
      const creates = log.filter((r: any) => r.method === "POST" && r.path === `/3.0/lists/${sandbox.audienceId}/segments`)
      expect(creates).toHaveLength(1)
      expect(creates[0].body).toEqual({ name: created.name, static_segment: [] })
      expect(await memberChanges(sid)).toEqual([{ add: 2, remove: 0 }])

      // List view: counts and sync state.
      const list = await call("GET", "/admin/mailchimp/segments")
      expect(list.body.segments).toEqual([
        expect.objectContaining({ id: created.id, member_count: 2, mailchimp_member_count: 2, sync_status: "synced", mailchimp_segment_id: sid }),
      ])

      // bob buys product 0: he enters; only he is sent.
      await control.clearRequests()
      await checkout(shop, { regionId: store.regionId, variantId: store.variantIds[0], email: bob })
      await waitFor(async () => (await remoteMembers(sid)).includes(bob), 30_000, 200)
      expect(await remoteMembers(sid)).toEqual([ada, bob, cy].sort())
      await waitSynced(created.id)
      expect(await memberChanges(sid)).toEqual([{ add: 1, remove: 0 }])

      // cy unsubscribes (as Mailchimp's unsubscribe webhook records it): she leaves; only she is sent.
      await control.clearRequests()
      const at = new Date()
      await core.recordMemberStatus({ email: cy, status: "unsubscribed", at, source: "mailchimp", reason: "manual" })
      await core.createConsents({
        email: cy,
        audience_id: sandbox.audienceId,
        action: "opt_out",
        source: "mailchimp",
        evidence: { at: at.toISOString() },
        mailchimp_status: "unsubscribed",
        sync_status: "synced",
        synced_at: at,
      })
      await waitFor(async () => !(await remoteMembers(sid)).includes(cy), 30_000, 200)
      expect(await remoteMembers(sid)).toEqual([ada, bob].sort())
      await waitSynced(created.id, (s) => s.member_count === 2)
      expect(await memberChanges(sid)).toEqual([{ add: 0, remove: 1 }])

      // Sync now with nothing changed: nothing sent.
      await control.clearRequests()
      const now = await call("POST", `/admin/mailchimp/segments/${created.id}/sync`, {})
      expect(now.status).toBe(202)
      await waitSynced(created.id)
      await waitFor(async () => (await segmentRow(created.id)).last_synced_at > segment.last_synced_at, 10_000, 100)
      expect(await memberChanges(sid)).toEqual([])
    })

    // `total` subscribed members (in the store and the stand-in) with an opt-in and a profile of `orders` orders:
    // <prefix><i>-<stamp>@example.com.
    const seedBulkMembers = async (prefix: string, total: number, orders: number) => {
      const emails = Array.from({ length: total }, (_, i) => `${prefix}${i}-${stamp}@example.com`)
      for (let i = 0; i < total; i += 500) {
        await mc.members.batchSubscribe(
          sandbox.audienceId,
          emails.slice(i, i + 500).map((email_address) => ({ email_address, status: "subscribed" as const }))
        )
      }
      const address = `? || i || '-' || ? || '@example.com'`
      await pg().raw(
        `INSERT INTO mailchimp_member (id, audience_id, email, status, status_at, status_source, created_at, updated_at)
         SELECT 'mcm_' || ? || i, ?, ${address}, 'subscribed', now(), 'admin', now(), now()
         FROM generate_series(0, ? - 1) i`,
        [prefix, sandbox.audienceId, prefix, String(stamp), total]
      )
      await pg().raw(
        `INSERT INTO mailchimp_consent (id, email, audience_id, action, source, evidence, sync_status, created_at, updated_at)
         SELECT 'mcc_' || ? || i, ${address}, ?, 'opt_in', 'signup', '{}'::jsonb, 'synced', now(), now()
         FROM generate_series(0, ? - 1) i`,
        [prefix, prefix, String(stamp), sandbox.audienceId, total]
      )
      await pg().raw(
        `INSERT INTO mailchimp_purchase_profile (id, email, currency_code, orders_count, spent_orders_count, total_spent, average_order,
           canceled_count, other_currencies, product_ids, variant_ids, category_ids, collection_ids, raw_total_spent, raw_average_order,
           first_order_at, last_order_at, created_at, updated_at)
         SELECT 'mcpp_' || ? || i, ${address}, 'usd', ?, ?, 700, 100, 0, '{}'::jsonb,
           '{}', '{}', '{}', '{}', '{"value":"700","precision":20}'::jsonb, '{"value":"100","precision":20}'::jsonb, now(), now(), now(), now()
         FROM generate_series(0, ? - 1) i`,
        [prefix, prefix, String(stamp), orders, orders, total]
      )
      return emails
    }

    it("more than 500 members are sent in calls of at most 500", async () => {
      const total = 1_205
      await seedBulkMembers("bulk", total, 7)
      const created = await createSegment({ conditions: [{ type: "orders_count", op: "gte", value: 7 }] })
      expect(created.member_count).toBe(total)
      const segment = await waitSynced(created.id, (s) => s.mailchimp_member_count === total)
      const calls = await memberChanges(segment.mailchimp_segment_id)
      // Sent in several calls at once: in any order.
      expect(calls.map((c) => c.add).sort((a, b) => b - a)).toEqual([500, 500, 205])
      expect(calls.every((c) => c.remove === 0)).toBe(true)
      const remote = await mc.segments.get(sandbox.audienceId, segment.mailchimp_segment_id)
      expect(remote.member_count).toBe(total)
    })

    it("a sync pages the difference from Postgres, several calls at once, and sends exactly it", async () => {
      const emails = await seedBulkMembers("paged", 7, 9)
      const [segment] = await segments.createSegments([{ name: `paged-${stamp}`, match: "all", conditions: [{ type: "orders_count", op: "eq", value: 9 }] }])
      const ctx: SegmentsContext = {
        segments,
        audienceId: sandbox.audienceId,
        service: core,
        client: mc,
        options: {} as any,
        logger: { warn: () => undefined } as any,
        attempt: 1,
        isLastAttempt: false,
        resolve: (key) => getContainer().resolve(key),
      }
      const push = async () => {
        const row = (await segments.listSegments({ id: segment.id }))[0]
        return pushChanges(ctx, row, { pageSize: 2, lanes: 2 })
      }
      expect((await segments.evaluateSegment(segment.id, sandbox.audienceId)).entered).toBe(7)
      expect(await push()).toEqual({ calls: 4, added: 7, removed: 0, refused: 0 })
      const sid = (await segments.retrieveSegment(segment.id)).mailchimp_segment_id!
      expect(await remoteMembers(sid)).toEqual([...emails].sort())
      expect((await memberChanges(sid)).map((c) => c.add).sort()).toEqual([1, 2, 2, 2])

      // Three leave: only they are sent, two a call; nothing else changes.
      await control.clearRequests()
      const leaving = emails.slice(2, 5)
      await pg().raw(`UPDATE mailchimp_purchase_profile SET orders_count = 8 WHERE email IN (?, ?, ?)`, leaving)
      expect(await segments.evaluateSegment(segment.id, sandbox.audienceId)).toEqual({ matched: 4, entered: 0, left: 3 })
      expect(await push()).toEqual({ calls: 2, added: 0, removed: 3, refused: 0 })
      expect(await remoteMembers(sid)).toEqual(emails.filter((e) => !leaving.includes(e)).sort())
      expect((await memberChanges(sid)).map((c) => c.remove).sort()).toEqual([1, 2])
      expect(await push()).toEqual({ calls: 0, added: 0, removed: 0, refused: 0 })
      await segments.purgeSegment(segment.id)
    })

    it("deleting a segment deletes its Mailchimp copy", async () => {
      const created = await createSegment(boughtProduct0())
      const segment = await waitSynced(created.id, (s) => !!s.mailchimp_segment_id)
      const res = await call("DELETE", `/admin/mailchimp/segments/${created.id}`)
      expect(res.status).toBe(202)
      expect((await call("GET", `/admin/mailchimp/segments/${created.id}`)).status).toBe(404)
      await waitFor(async () => {
        const state = await control.state()
        return !(state.segments as any[]).some((s) => String(s.id) === segment.mailchimp_segment_id)
      }, 30_000, 200)
      const log = await control.requests()
      expect(log.filter((r: any) => r.method === "DELETE" && r.path === `/3.0/lists/${sandbox.audienceId}/segments/${segment.mailchimp_segment_id}`)).toHaveLength(1)
      await waitFor(async () => (await segments.listSegmentMembers({ segment_id: created.id })).length === 0, 10_000, 100)
    })

    it("a bad body is a 400 naming the field at fault, and nothing is stored", async () => {
      const bad = [
        { body: { name: "x", conditions: [{ type: "orders_count", op: "gt" }] }, field: "value" },
        { body: { name: "x", conditions: [{ type: "last_order_date", op: "within_days", days: 0 }] }, field: "days" },
        { body: { name: "x", conditions: [{ type: "favourite_colour", value: "red" }] }, field: "type" },
        { body: { name: "x", conditions: [] }, field: "conditions" },
        { body: { conditions: [{ type: "has_account", value: true }] }, field: "name" },
        { body: { name: "x", match: "some", conditions: [{ type: "has_account", value: true }] }, field: "match" },
      ]
      for (const { body, field } of bad) {
        const res = await call("POST", "/admin/mailchimp/segments", body)
        expect(res.status).toBe(400)
        expect(res.body.message).toContain(field)
      }
      const preview = await call("POST", "/admin/mailchimp/segments/preview", { conditions: [{ type: "country", op: "in", countries: ["USA"] }] })
      expect(preview.status).toBe(400)
      expect(preview.body.message).toContain("countries")
      const [count] = (await pg().raw(`SELECT count(*)::int AS c FROM mailchimp_segment`)).rows
      expect(count.c).toBe(0)
      const log = await control.requests()
      expect(log.filter((r: any) => r.path.includes("/segments"))).toEqual([])
    })

    it("engagement conditions read the campaign email activity", async () => {
      const ago = (days: number) => new Date(Date.now() - days * 86_400_000)
      const rows = [
        { campaign_id: "c-1", email: ada, action: "open", occurred_at: ago(5) },
        { campaign_id: "c-1", email: ada, action: "click", occurred_at: ago(5) },
        { campaign_id: "c-2", email: cy, action: "open", occurred_at: ago(40) },
        { campaign_id: "c-2", email: cy, action: "click", occurred_at: ago(40) },
        { campaign_id: "c-2", email: dan, action: "open", occurred_at: ago(1) },
      ]
      for (const [i, r] of rows.entries()) {
        await pg().raw(
          `INSERT INTO mailchimp_email_activity (id, campaign_id, email, action, occurred_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, now(), now())`,
          [`mcea_t${i}`, r.campaign_id, r.email, r.action, r.occurred_at]
        )
      }
      const audienceId = core.getOptions().audienceId
      const emails = (condition: Record<string, unknown>) =>
        segments.matchingEmails({ match: "all", conditions: [{ type: "engagement", ...condition } as never] }, audienceId)
      expect(await emails({ action: "opened", within_days: 30 })).toEqual([ada])
      expect(await emails({ action: "opened" })).toEqual([ada, cy].sort())
      expect(await emails({ action: "clicked", campaign_id: "c-2" })).toEqual([cy])
      expect(await emails({ action: "never_opened" })).toEqual([bob])
      expect(await emails({ action: "never_opened", within_days: 30 })).toEqual([bob, cy].sort())
      const res = await call("POST", "/admin/mailchimp/segments/preview", {
        match: "all",
        conditions: [
          { type: "engagement", action: "opened", within_days: 30 },
          { type: "bought", item: "product", ids: [store.productIds[0]] },
        ],
      })
      expect(res.body.preview.count).toBe(1)
    })

    // Last: ada leaves the audience for good.
    it("an unsubscribe during a campaign, delivered by Mailchimp's webhook, removes the customer from every segment in Mailchimp", async () => {
      const hook = await call("POST", "/admin/mailchimp/webhook")
      expect(hook.status).toBe(200)
      const bought = await createSegment(boughtProduct0())
      const loyal = await createSegment({ conditions: [{ type: "orders_count", op: "gte", value: 2 }] })
      const [one, two] = [
        await waitSynced(bought.id, (s) => !!s.mailchimp_segment_id && s.mailchimp_member_count === s.member_count),
        await waitSynced(loyal.id, (s) => !!s.mailchimp_segment_id && s.mailchimp_member_count === s.member_count),
      ]
      expect(await remoteMembers(one.mailchimp_segment_id)).toContain(ada)
      expect(await remoteMembers(two.mailchimp_segment_id)).toContain(ada)
      const othersOf = async (sid: string) => (await remoteMembers(sid)).filter((e) => e !== ada)
      const before = [await othersOf(one.mailchimp_segment_id), await othersOf(two.mailchimp_segment_id)]
      await control.clearRequests()

      // ada clicks "unsubscribe" in campaign cmp-seg's email: the stand-in, acting as Mailchimp,
      // unsubscribes her and delivers the `unsubscribe` webhook to /hooks/mailchimp.
      await control.call("POST", `/lists/${sandbox.audienceId}/members/${ada}/unsubscribe`, { reason: "manual", campaign_id: "cmp-seg" })
      expect((await control.member(sandbox.audienceId, ada)).status).toBe("unsubscribed")
      await waitFor(async () => (await core.listMembers({ email: ada }))[0]?.status === "unsubscribed", 30_000, 200)
      expect((await core.listMembers({ email: ada }))[0]).toEqual(
        expect.objectContaining({ status: "unsubscribed", status_source: "mailchimp", campaign_id: "cmp-seg" })
      )

      // Both static segments in Mailchimp lose her (and only her), each in one call.
      await waitFor(
        async () =>
          !(await remoteMembers(one.mailchimp_segment_id)).includes(ada) && !(await remoteMembers(two.mailchimp_segment_id)).includes(ada),
        30_000,
        200
      )
      expect(await remoteMembers(one.mailchimp_segment_id)).toEqual(before[0])
      expect(await remoteMembers(two.mailchimp_segment_id)).toEqual(before[1])
      await waitSynced(bought.id)
      await waitSynced(loyal.id)
      expect(await memberChanges(one.mailchimp_segment_id)).toEqual([{ add: 0, remove: 1 }])
      expect(await memberChanges(two.mailchimp_segment_id)).toEqual([{ add: 0, remove: 1 }])
      for (const id of [bought.id, loyal.id]) {
        const rows = await segments.listSegmentMembers({ segment_id: id, email: ada })
        expect(rows.filter((r) => r.in_segment || r.in_mailchimp)).toEqual([])
      }
      const [event] = (await core.listWebhookEvents({ type: "unsubscribe" })).filter((e: any) => JSON.stringify(e).includes(ada))
      expect(event).toEqual(expect.objectContaining({ status: "applied" }))
    })

    it("the consent rule over the audience and for one address agree: the latest event counts, an opt-in to another audience none", async () => {
      const audienceId = core.getOptions().audienceId
      const minute = (n: number) => new Date(Date.UTC(2026, 0, 1, 12, n)).toISOString()
      // Each address: its consent events (action, minute, audience) and whether it is in.
      const cases: [string, [string, number, string?][], boolean][] = [
        ["only-in", [["opt_in", 1]], true],
        ["out-later", [["opt_in", 1], ["opt_out", 2]], false],
        ["in-again", [["opt_in", 1], ["cleaned", 2], ["opt_in", 3]], true],
        ["same-time", [["opt_in", 1], ["erased", 1]], false],
        ["out-elsewhere", [["opt_in", 1], ["opt_out", 2, "other-audience"]], true],
        ["in-elsewhere", [["opt_in", 1, "other-audience"]], false],
        ["none", [], false],
      ]
      const address = (name: string) => `consent-${name}-${stamp}@example.com`
      for (const [name, events] of cases) {
        await core.createMembers({ audience_id: audienceId, email: address(name), status: "subscribed", status_at: new Date(), status_source: "mailchimp" })
        for (const [i, [action, at, audience]] of events.entries()) {
          await pg().raw(
            `INSERT INTO mailchimp_consent (id, email, audience_id, action, source, evidence, requested_status, sync_status, created_at, updated_at)
             VALUES (?, ?, ?, ?, 'admin', '{}'::jsonb, 'subscribed', 'synced', ?, ?)`,
            [`mccons_rule_${name}_${i}_${stamp}`, address(name), audience ?? audienceId, action, minute(at), minute(at)]
          )
        }
      }
      const everyone = { match: "all" as const, conditions: [{ type: "orders_count" as const, op: "gte" as const, value: 0 }] }
      const matched = new Set(await segments.matchingEmails(everyone, audienceId))
      for (const [name, , expected] of cases) {
        const one = compileSegmentQuery(everyone, { audienceId, email: address(name) })
        const alone = (await pg().raw(one.sql, one.bindings)).rows.length === 1
        expect([name, matched.has(address(name)), alone]).toEqual([name, expected, expected])
      }
    })
  },
})
