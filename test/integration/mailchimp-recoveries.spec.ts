import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { MailchimpClient, subscriberHash } from "../../src/mailchimp"
import type { RunningSandbox } from "@medusa-mailchimp/sandbox"
import { reconcileWorkflow } from "../../src/workflows/reconcile"
import { PluginEnv, startPluginEnv, stopPluginEnv } from "../support/plugin-env"
import { waitFor } from "../support/redis-server"
import type { SandboxControl } from "../support/sandbox-control"
import { checkout } from "../support/store-client"
import { testDbName } from "../support/test-db"
import { addressMaker, audienceReads, useSeededStore } from "../support/spec-store"

/**
 * Mailchimp's refusals the plugin recovers from without losing the order or the consent
 * (docs/mailchimp-behaviour-catalogue.md): each test sets the stand-in up the way a real account
 * refuses, places real orders, and checks what reached Mailchimp and what the merchant is shown.
 */
jest.setTimeout(240_000)

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

const HOUR = 3_600_000

medusaIntegrationTestRunner({
  dbName: testDbName("recoveries"),
  testSuite: ({ api, getContainer }) => {
    const spec = useSeededStore({ api, getContainer }, () => env, { admin: true })
    const { memberOf } = audienceReads(() => env)
    const email = addressMaker("recover")

    const buy = (address: string, extra: Partial<Parameters<typeof checkout>[1]> = {}) =>
      checkout(spec.shop, { regionId: spec.store.regionId, variantId: spec.store.variantIds[0], email: address, optIn: "route", ...extra })
    const consentOf = async (address: string) => (await spec.service.listConsents({ email: address.toLowerCase() }))[0]
    const settled = async (address: string) => {
      await waitFor(async () => ["synced", "failed"].includes((await consentOf(address))?.sync_status), 30_000)
      return consentOf(address)
    }
    const orderView = async (orderId: string) => {
      const res = await fetch(`${api.defaults.baseURL}/admin/mailchimp/orders/${orderId}/newsletter`, { headers: spec.admin })
      expect(res.status).toBe(200)
      return (await res.json()).newsletter
    }
    // The stand-in's /3.0 with the account's key: set the audience up as a merchant would in Mailchimp.
    const mailchimp = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${sandbox.apiBase}${path}`, {
        method,
        headers: { authorization: `Bearer ${sandbox.apiKey}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      expect(res.status).toBeLessThan(300)
      return res.status === 204 ? undefined : res.json()
    }
    const usFormatPhone = async () => {
      const { merge_fields } = await mailchimp("GET", `/lists/${sandbox.audienceId}/merge-fields?count=100`)
      const phone = merge_fields.find((f: { tag: string }) => f.tag === "PHONE")
      await mailchimp("DELETE", `/lists/${sandbox.audienceId}/merge-fields/${phone.merge_id}`)
      await mailchimp("POST", `/lists/${sandbox.audienceId}/merge-fields`, { tag: "PHONE", name: "Phone", type: "phone", options: { phone_format: "US" } })
    }
    const memberWrites = async (address: string) =>
      (await control.requests()).filter((r: any) => r.method === "PUT" && r.path.includes(subscriberHash(address)))

    it("an order with an unknown campaign id, or one of another audience, is sent without it and the reason kept", async () => {
      await control.call("POST", "/lists", { id: "0000000bbb", name: "Other audience" })
      await control.call("POST", "/campaigns/other00001/finish", { list_id: "0000000bbb" })
      await control.call("POST", "/campaigns/ours000001/finish", { list_id: sandbox.audienceId })
      const storeId = `medusa-${sandbox.audienceId}`
      const cases = [
        { mc_cid: "zz00notacampaign", kept: false },
        { mc_cid: "other00001", kept: false },
        { mc_cid: "ours000001", kept: true },
      ]
      const orders = []
      for (const c of cases) orders.push(await buy(email(), { optIn: false, metadata: { mc_cid: c.mc_cid } }))
      for (const [i, c] of cases.entries()) {
        const id = orders[i].id
        await waitFor(async () => (await orderView(id)).order_sync?.status === "synced", 30_000)
        const remote = await mc.ecommerce.orders.get(storeId, id)
        // The order, its lines and its customer reached Mailchimp either way; the campaign only when it is ours.
        expect(remote.lines).toHaveLength(1)
        expect(remote.campaign_id ?? "").toBe(c.kept ? c.mc_cid : "")
        const view = await orderView(id)
        if (c.kept) expect(view.order_sync.note ?? "").not.toMatch(/campaign/)
        else
          expect(view.order_sync.note).toContain(
            `sent without its campaign id ${c.mc_cid}: A campaign with the provided ID does not exist in the account for this list.`
          )
      }
    })

    it("US-format PHONE with an international number: the opt-in lands without it; a refused phone is retried without it", async () => {
      // The plugin read the audience while PHONE was International; the merchant then makes it US-format.
      const first = email()
      await buy(first, { phone: "+44 20 7946 0958" })
      expect((await settled(first)).sync_status).toBe("synced")
      expect((await memberOf(first)).merge_fields.PHONE).toBe("+44 20 7946 0958")
      // Once the purchase fields exist (their creation makes the plugin read the audience again), it holds
      // the audience with an International PHONE; then the merchant changes it.
      await waitFor(async () => {
        const { merge_fields } = await mailchimp("GET", `/lists/${sandbox.audienceId}/merge-fields?count=100`)
        return ["ORDERS", "SPENT", "FIRSTORDER", "LASTORDER"].every((t) => merge_fields.some((f: { tag: string }) => f.tag === t))
      }, 30_000)
      await new Promise((r) => setTimeout(r, 500))
      spec.service.forgetAudienceProfile()
      expect((await spec.service.getAudienceProfile()).usPhoneTags.size).toBe(0)
      await usFormatPhone()

      // Its picture of the audience is stale: Mailchimp refuses the phone, the opt-in goes again without it.
      const stale = email()
      await buy(stale, { phone: "+44 20 7946 0958" })
      const consent = await settled(stale)
      expect(consent.sync_status).toBe("synced")
      expect(consent.mailchimp_status).toBe("subscribed")
      expect(consent.sync_error.detail).toContain("Mailchimp refused PHONE")
      const member = await memberOf(stale)
      expect(member.status).toBe("subscribed")
      expect(member.merge_fields.PHONE ?? "").toBe("")
      expect(member.merge_fields.FNAME).toBe("Ada")
      const writes = await memberWrites(stale)
      expect(writes.map((w: any) => w.status)).toEqual([400, 200])

      // Knowing the audience now: an international number is left out, a US one is written NPA-NXX-LINE.
      const intl = email()
      const us = email()
      await buy(intl, { phone: "+44 20 7946 0958" })
      await buy(us, { phone: "+1 (512) 555-0100" })
      expect((await settled(intl)).sync_status).toBe("synced")
      expect((await settled(us)).sync_status).toBe("synced")
      expect((await memberOf(intl)).merge_fields.PHONE ?? "").toBe("")
      expect((await memberOf(us)).merge_fields.PHONE).toBe("512-555-0100")
      for (const address of [intl, us]) expect((await memberWrites(address)).map((w: any) => w.status)).toEqual([200])
    })

    it("a required field the store cannot fill: the opt-in goes with skip_merge_validation", async () => {
      await mailchimp("POST", `/lists/${sandbox.audienceId}/merge-fields`, { tag: "COMPANY", name: "Company", type: "text", required: true })
      const address = email()
      await buy(address)
      const consent = await settled(address)
      expect(consent.sync_status).toBe("synced")
      expect(consent.sync_error.detail).toContain("skip_merge_validation")
      expect((await memberOf(address)).status).toBe("subscribed")
      const [write] = await memberWrites(address)
      expect(write.status).toBe(200)
      expect(write.query).toEqual(expect.objectContaining({ skip_merge_validation: "true" }))
    })

    it("compliance state: a fresh opt-in of an archived unsubscribed member goes through pending; a cleaned one never", async () => {
      const left = email()
      const bounced = email()
      for (const [address, status] of [[left, "unsubscribed"], [bounced, "cleaned"]] as const) {
        await mc.members.upsert(sandbox.audienceId, address, { email_address: address, status_if_new: "subscribed" })
        await mc.members.update(sandbox.audienceId, address, { status })
        await mc.members.archive(sandbox.audienceId, address)
      }
      // The store heard of the bounce (Mailchimp's cleaned webhook): archived, Mailchimp's GET no longer says so.
      await spec.service.recordMemberStatus({ email: bounced, status: "cleaned", at: new Date(), source: "mailchimp" })
      await control.clearRequests()
      await buy(left)
      await buy(bounced)

      const reconfirm = await settled(left)
      expect(reconfirm).toEqual(expect.objectContaining({ sync_status: "synced", requested_status: "pending", mailchimp_status: "pending" }))
      expect(reconfirm.sync_error.detail).toContain("compliance state")
      expect((await memberOf(left)).status).toBe("pending")
      expect((await memberWrites(left)).map((w: any) => [w.body.status_if_new, w.status])).toEqual([["subscribed", 400], ["pending", 200]])

      const refused = await settled(bounced)
      expect(refused.sync_status).toBe("failed")
      expect(refused.sync_error.title).toBe("Member In Compliance State")
      expect((await memberOf(bounced)).status).toBe("archived")
      // Never a pending write for the cleaned address.
      expect((await memberWrites(bounced)).map((w: any) => w.body.status_if_new)).toEqual(["subscribed"])
    })

    it("anti-abuse: retried after 1 h, 6 h and 24 h, then given up and shown", async () => {
      await control.faults({ anti_abuse: 4 })
      const address = email()
      const order = await buy(address)
      const reconcile = async (now: number) => {
        const { result } = await reconcileWorkflow(getContainer()).run({
          input: { olderThanSeconds: 0, limit: 1_000, now: new Date(now).toISOString() },
        })
        return result.jobs.some((j: any) => j.payload.consent_id === consent.id)
      }
      await waitFor(async () => (await consentOf(address))?.sync_attempts === 1, 30_000)
      let consent = await consentOf(address)
      for (const [attempt, hours] of [[1, 1], [2, 6], [3, 24]]) {
        expect(consent.sync_status).toBe("pending")
        expect(consent.sync_error).toEqual(expect.objectContaining({ title: "Refused by Mailchimp's anti-abuse check", anti_abuse_refusals: attempt }))
        expect(consent.sync_error.detail).not.toContain(address)
        const retryAt = new Date(consent.retry_at).getTime()
        expect(retryAt - new Date(consent.sync_error.at).getTime()).toBe(hours * HOUR)
        // The reconciler's clock: a minute early, nothing; a minute late, the opt-in runs again.
        expect(await reconcile(retryAt - 60_000)).toBe(false)
        expect(await reconcile(retryAt + 60_000)).toBe(true)
        await waitFor(async () => (await consentOf(address)).sync_attempts === attempt + 1, 30_000)
        consent = await consentOf(address)
      }
      expect(consent.sync_status).toBe("failed")
      expect(consent.retry_at).toBeNull()
      expect(consent.sync_error.title).toBe("Given up: Mailchimp's anti-abuse check kept refusing")
      expect((await orderView(order.id)).consent.sync_error.title).toMatch(/^Given up/)
      // The order still reaches Mailchimp on its own: its e-commerce customer (opt_in_status false)
      // makes the address a transactional contact, never a subscribed one (catalogue row 23).
      await waitFor(async () => (await orderView(order.id)).order_sync?.status === "synced", 30_000)
      expect((await memberOf(address))?.status).toBe("transactional")
      expect(await reconcile(Date.now() + 48 * HOUR)).toBe(false)

      // Mailchimp lets the address in by the first retry: subscribed then.
      await control.faults({ anti_abuse: 1 })
      const later = email()
      await buy(later)
      await waitFor(async () => (await consentOf(later))?.sync_attempts === 1, 30_000)
      const held = await consentOf(later)
      const { result } = await reconcileWorkflow(getContainer()).run({
        input: { olderThanSeconds: 0, limit: 1_000, now: new Date(new Date(held.retry_at).getTime() + 60_000).toISOString() },
      })
      expect(result.jobs.some((j: any) => j.payload.consent_id === held.id)).toBe(true)
      expect((await settled(later)).sync_status).toBe("synced")
      expect((await memberOf(later)).status).toBe("subscribed")
    })
  },
})
