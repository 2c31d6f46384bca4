import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules, ProductStatus } from "@medusajs/framework/utils"
import { createProductsWorkflow } from "@medusajs/medusa/core-flows"
import type { RunningSandbox } from "@medusa-mailchimp/sandbox"
import { MailchimpClient } from "../../src/mailchimp"
import { MAILCHIMP_MODULE } from "../../src/modules/mailchimp"
import type MailchimpModuleService from "../../src/modules/mailchimp/service"
import { MAILCHIMP_CAMPAIGNS_MODULE } from "../../src/modules/mailchimp-campaigns"
import type MailchimpCampaignsService from "../../src/modules/mailchimp-campaigns/service"
import { recordOrderPurchaseWorkflow } from "../../src/workflows/commerce/record-order-purchase"
import { adminCaller, adminHeaders, type AdminCall } from "../support/admin-auth"
import { PluginEnv, startPluginEnv, stopPluginEnv } from "../support/plugin-env"
import { waitFor } from "../support/redis-server"
import { testDbName } from "../support/test-db"

/**
 * Segments and campaigns per audience (docs/sales-channels.md, docs/segments-and-campaigns.md): two sales channels
 * on two audiences. A segment on the second audience holds only that audience's consented members (and, of them,
 * the buyers it describes), its static segment is made in that audience; a campaign aimed at it is created on that
 * list; a segment of the other audience, or an audience the store does not use, is refused with a 400 naming the
 * field. Without the option, segments.spec.ts and campaigns.spec.ts tell today's behaviour.
 */
jest.setTimeout(240_000)

const AUDIENCE_B = "seg0000b01"
const CHANNELS = {
  sc_seg_a: { storeId: "seg-a", name: "Shop A", currency: "EUR", storefrontUrl: "https://a.shop.test" },
  sc_seg_b: { storeId: "seg-b", name: "Shop B", currency: "EUR", storefrontUrl: "https://b.shop.test", audienceId: AUDIENCE_B },
}

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
  dbName: testDbName("segments-per-audience"),
  testSuite: ({ api, getContainer }) => {
    let call: AdminCall
    let core: MailchimpModuleService
    let n = 0
    const stamp = Date.now()
    const audienceA = () => sandbox.audienceId

    beforeEach(async () => {
      await env.control.reset()
      sandbox.state.createList({ id: AUDIENCE_B, name: "Audience B" })
      core = getContainer().resolve(MAILCHIMP_MODULE)
      const admin = await adminHeaders(getContainer(), api.defaults.baseURL)
      call = adminCaller(() => api.defaults.baseURL, () => admin)
    })

    /** Both channels (created with those ids when missing) and a product sold in both. */
    const catalogue = async () => {
      const channels = getContainer().resolve(Modules.SALES_CHANNEL)
      const held = new Set((await channels.listSalesChannels({ id: Object.keys(CHANNELS) })).map((c) => c.id))
      const missing = Object.keys(CHANNELS).filter((id) => !held.has(id))
      if (missing.length) await channels.createSalesChannels(missing.map((id) => ({ id, name: id })))
      const { result } = await createProductsWorkflow(getContainer()).run({
        input: {
          products: [
            {
              title: "Lamp",
              handle: `lamp-${stamp}-${++n}`,
              status: ProductStatus.PUBLISHED,
              options: [{ title: "Size", values: ["M"] }],
              variants: [{ title: "M", options: { Size: "M" }, prices: [{ amount: 40, currency_code: "eur" }] }],
              sales_channels: Object.keys(CHANNELS).map((id) => ({ id })),
            },
          ],
        },
      })
      return { id: result[0].id, variantId: result[0].variants[0].id, title: "Lamp" }
    }

    /**
     * A subscribed member of `audience` in Mailchimp (signed up there) and in the store's tables, with an opt-in
     * recorded for `consentAudience` (default: the same audience).
     */
    const member = async (name: string, audience: string, consentAudience = audience) => {
      const email = `${name}-${stamp}-${++n}@example.com`
      await env.control.call("POST", `/lists/${audience}/members/${encodeURIComponent(email)}/subscribe`, {})
      const at = new Date(Date.now() - 60_000)
      await core.createMembers({ audience_id: audience, email, status: "subscribed", status_at: at, status_source: "mailchimp" })
      await core.createConsents({
        email,
        audience_id: consentAudience,
        action: "opt_in",
        source: "mailchimp",
        evidence: { at: at.toISOString() },
        mailchimp_status: "subscribed",
        sync_status: "synced",
        synced_at: at,
      })
      return email
    }

    /** An order in a channel, recorded in the purchase history (which re-evaluates the buyer's segments). */
    const buy = async (email: string, channel: keyof typeof CHANNELS, line: { id: string; variantId: string; title: string }) => {
      const [created] = await getContainer().resolve(Modules.ORDER).createOrders([
        {
          email,
          sales_channel_id: channel,
          currency_code: "eur",
          items: [{ title: line.title, product_id: line.id, variant_id: line.variantId, product_title: line.title, quantity: 1, unit_price: 40 }],
        },
      ])
      await recordOrderPurchaseWorkflow(getContainer()).run({ input: { order_ids: [created.id] } })
      return created.id
    }

    const segment = async (id: string) => (await call("GET", `/admin/mailchimp/segments/${id}`)).body.segment
    const synced = async (id: string, check: (s: any) => boolean = () => true) => {
      await waitFor(async () => {
        const s = await segment(id)
        return s.sync_status === "synced" && s.pending_changes === 0 && check(s)
      }, 60_000, 200)
      return segment(id)
    }
    const staticSegments = async (audience: string) => (await mc.segments.list(audience, { type: "static", count: 1000 })).segments
    const remoteMembers = async (audience: string, sid: string) =>
      (await mc.segments.listMembers(audience, sid, { count: 1000 })).members.map((m) => m.email_address).sort()
    const apiCampaign = async (id: string) => ((await env.control.state()).api_campaigns as any[]).find((c) => c.id === id)
    const draft = (extra: Record<string, unknown>) => ({
      subject: "News",
      from_name: "The Shop",
      reply_to: "hello@shop.example.com",
      html: "<p>News</p>",
      ...extra,
    })

    it("a segment on audience B holds B's consented members and buyers only, is made in B in Mailchimp, and follows a B buyer's next order", async () => {
      const lamp = await catalogue()
      const ada = await member("ada", audienceA())
      const bea = await member("bea", AUDIENCE_B)
      const cat = await member("cat", AUDIENCE_B)
      // Subscribed in B, but her only opt-in is to A's: no consent in B, never in B's segments.
      const dot = await member("dot", AUDIENCE_B, audienceA())
      await buy(ada, "sc_seg_a", lamp)
      await buy(bea, "sc_seg_b", lamp)
      await buy(dot, "sc_seg_b", lamp)

      const buyers = { match: "all", conditions: [{ type: "orders_count", op: "gte", value: 1 }] }
      const inB = await call("POST", "/admin/mailchimp/segments", { name: `B buyers ${stamp}`, audience_id: AUDIENCE_B, ...buyers })
      expect(inB.status).toBe(201)
      expect(inB.body.segment).toEqual(expect.objectContaining({ audience_id: AUDIENCE_B, member_count: 1 }))
      const inA = await call("POST", "/admin/mailchimp/segments", { name: `A buyers ${stamp}`, ...buyers })
      expect(inA.status).toBe(201)
      expect(inA.body.segment).toEqual(expect.objectContaining({ audience_id: audienceA(), member_count: 1 }))

      // The preview counts in the audience asked for.
      const preview = await call("POST", "/admin/mailchimp/segments/preview", { audience_id: AUDIENCE_B, conditions: [{ type: "orders_count", op: "eq", value: 0 }] })
      expect(preview.body.preview).toEqual({ count: 1, sample: [{ email: cat, customer_id: null }] })

      // Each static segment in its own audience, holding that audience's buyers.
      const b = await synced(inB.body.segment.id)
      const a = await synced(inA.body.segment.id)
      expect((await staticSegments(AUDIENCE_B)).map((s) => String(s.id))).toEqual([b.mailchimp_segment_id])
      expect((await staticSegments(audienceA())).map((s) => String(s.id))).toEqual([a.mailchimp_segment_id])
      expect(await remoteMembers(AUDIENCE_B, b.mailchimp_segment_id)).toEqual([bea])
      expect(await remoteMembers(audienceA(), a.mailchimp_segment_id)).toEqual([ada])

      // cat buys in B: her refresh evaluates her in B's segment (in B) and sends her to B's static segment.
      await buy(cat, "sc_seg_b", lamp)
      await waitFor(async () => (await remoteMembers(AUDIENCE_B, b.mailchimp_segment_id)).includes(cat), 30_000, 200)
      expect(await remoteMembers(AUDIENCE_B, b.mailchimp_segment_id)).toEqual([bea, cat].sort())
      expect((await synced(a.id)).member_count).toBe(1)

      // The list names every audience in use; an audience the store does not use is refused, naming the field.
      const list = await call("GET", "/admin/mailchimp/segments")
      expect(list.body.audience_ids).toEqual([audienceA(), AUDIENCE_B])
      expect(list.body.segments.map((s: any) => s.audience_id).sort()).toEqual([audienceA(), AUDIENCE_B].sort())
      const foreign = await call("POST", "/admin/mailchimp/segments", { name: "Elsewhere", audience_id: "nowhere001", ...buyers })
      expect(foreign.status).toBe(400)
      expect(foreign.body.message).toMatch(/^audience_id: /)
      // Once in Mailchimp, a segment stays in its audience.
      const moved = await call("POST", `/admin/mailchimp/segments/${a.id}`, { audience_id: AUDIENCE_B })
      expect(moved.status).toBe(400)
      expect(moved.body.message).toMatch(/^audience_id: /)
      expect((await segment(a.id)).audience_id).toBe(audienceA())
      expect((await call("GET", "/admin/mailchimp/segments")).body.count).toBe(2)
    })

    it("a campaign aimed at B's segment is created on list B; a segment of A with a campaign on B is refused, naming segment_id", async () => {
      const lamp = await catalogue()
      const ada = await member("ada", audienceA())
      const bea = await member("bea", AUDIENCE_B)
      await buy(ada, "sc_seg_a", lamp)
      await buy(bea, "sc_seg_b", lamp)
      const buyers = { match: "all", conditions: [{ type: "orders_count", op: "gte", value: 1 }] }
      const segB = (await call("POST", "/admin/mailchimp/segments", { name: `B ${stamp}`, audience_id: AUDIENCE_B, ...buyers })).body.segment
      const segA = (await call("POST", "/admin/mailchimp/segments", { name: `A ${stamp}`, ...buyers })).body.segment
      const b = await synced(segB.id)
      await synced(segA.id)

      const created = await call("POST", "/admin/mailchimp/campaigns", draft({ audience_id: AUDIENCE_B, segment_id: segB.id }))
      expect(created.status).toBe(201)
      expect(created.body.campaign).toEqual(expect.objectContaining({ audience_id: AUDIENCE_B, segment_id: segB.id, sync_status: "synced" }))
      const remote = await apiCampaign(created.body.campaign.mailchimp_campaign_id)
      expect(remote.list_id).toBe(AUDIENCE_B)
      expect(String(remote.saved_segment_id)).toBe(b.mailchimp_segment_id)

      // Aimed at B's segment without an audience: the segment's audience.
      const implied = await call("POST", "/admin/mailchimp/campaigns", draft({ segment_id: segB.id }))
      expect(implied.status).toBe(201)
      expect(implied.body.campaign.audience_id).toBe(AUDIENCE_B)
      expect((await apiCampaign(implied.body.campaign.mailchimp_campaign_id)).list_id).toBe(AUDIENCE_B)

      // No audience, no segment: the plugin's audience, as before.
      const plain = await call("POST", "/admin/mailchimp/campaigns", draft({}))
      expect(plain.status).toBe(201)
      expect(plain.body.campaign.audience_id).toBe(audienceA())
      expect((await apiCampaign(plain.body.campaign.mailchimp_campaign_id)).list_id).toBe(audienceA())

      const campaigns = getContainer().resolve<MailchimpCampaignsService>(MAILCHIMP_CAMPAIGNS_MODULE)
      const before = (await campaigns.listMailchimpCampaigns({})).length
      const mixed = await call("POST", "/admin/mailchimp/campaigns", draft({ audience_id: AUDIENCE_B, segment_id: segA.id }))
      expect(mixed.status).toBe(400)
      expect(mixed.body.message).toMatch(/^segment_id: /)
      const unknown = await call("POST", "/admin/mailchimp/campaigns", draft({ audience_id: "nowhere001" }))
      expect(unknown.status).toBe(400)
      expect(unknown.body.message).toMatch(/^audience_id: /)
      // Moving the campaign aimed at B's segment to A without a new segment: refused, nothing changed.
      const move = await call("POST", `/admin/mailchimp/campaigns/${created.body.campaign.id}`, { audience_id: audienceA() })
      expect(move.status).toBe(400)
      expect(move.body.message).toMatch(/^segment_id: /)
      expect((await campaigns.listMailchimpCampaigns({})).length).toBe(before)
      expect((await call("GET", `/admin/mailchimp/campaigns/${created.body.campaign.id}`)).body.campaign.audience_id).toBe(AUDIENCE_B)

      const list = await call("GET", "/admin/mailchimp/campaigns")
      expect(list.body.audience_ids).toEqual([audienceA(), AUDIENCE_B])
      expect(list.body.campaigns.map((c: any) => c.audience_id).sort()).toEqual([audienceA(), AUDIENCE_B, AUDIENCE_B].sort())
    })
  },
})
