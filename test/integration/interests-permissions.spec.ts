import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { RunningSandbox } from "@medusa-mailchimp/sandbox"
import { MailchimpClient, subscriberHash } from "../../src/mailchimp"
import { MAILCHIMP_MODULE } from "../../src/modules/mailchimp"
import { NO_MEMBER_YET } from "../../src/modules/mailchimp/audience/opt-in-offer"
import type MailchimpModuleService from "../../src/modules/mailchimp/service"
import { adminHeaders } from "../support/admin-auth"
import { registerCustomer } from "../support/customer-auth"
import { PluginEnv, startPluginEnv, stopPluginEnv } from "../support/plugin-env"
import { waitFor } from "../support/redis-server"
import type { SandboxControl } from "../support/sandbox-control"
import { seedStore, SeededStore } from "../support/seed-store"
import { checkout, StoreClient } from "../support/store-client"
import { testDbName } from "../support/test-db"

// Issue 21, "Interest groups and marketing permissions": from the checkout to Mailchimp and back by webhook.
jest.setTimeout(180_000)

let env: PluginEnv
let sandbox: RunningSandbox
let control: SandboxControl

beforeAll(async () => {
  env = await startPluginEnv({
    env: { MAILCHIMP_RECONCILE_AFTER_S: "0", MAILCHIMP_SIGNUP_LIMIT_PER_IP: "0", MAILCHIMP_WEBHOOK_SECRET: "interests-webhook-secret-0123456789" },
  })
  process.env.MAILCHIMP_WEBHOOK_BASE_URL = `http://localhost:${env.port}`
  ;({ sandbox, control } = env)
})

afterAll(() => stopPluginEnv(env))

medusaIntegrationTestRunner({
  dbName: testDbName("interests"),
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let shop: StoreClient
    let service: MailchimpModuleService
    let admin: Record<string, string>
    let mailchimp: MailchimpClient
    let n = 0
    const email = () => `groups${++n}-${Date.now()}@example.com`

    beforeAll(async () => {
      store = await seedStore(getContainer())
      admin = await adminHeaders(getContainer(), api.defaults.baseURL!)
      mailchimp = new MailchimpClient({ apiKey: sandbox.apiKey, apiUrl: sandbox.apiBase })
    })

    afterAll(() => mailchimp.close())

    beforeEach(async () => {
      await control.reset()
      shop = new StoreClient(api.defaults.baseURL!, store.publishableKey)
      service = getContainer().resolve(MAILCHIMP_MODULE)
      service.forgetAudienceProfile()
      service.forgetWebhookSecrets()
    })

    const adminCall = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(api.defaults.baseURL + path, {
        method,
        headers: { "content-type": "application/json", ...admin },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      return { status: res.status, body: await res.json() }
    }

    /** The audience's groups (made in Mailchimp) and GDPR fields, and the merchant's choice of what to offer. */
    async function setUpAudience(opts: { gdpr?: boolean } = {}) {
      const audience = sandbox.audienceId
      const topics = await mailchimp.interests.createCategory(audience, { title: "Topics", type: "checkboxes" })
      const shoes = await mailchimp.interests.createInterest(audience, topics.id, { name: "Shoes" })
      const hats = await mailchimp.interests.createInterest(audience, topics.id, { name: "Hats" })
      // A category the merchant does not offer: its interests are never accepted from a shopper.
      const hidden = await mailchimp.interests.createCategory(audience, { title: "Internal", type: "hidden" })
      const vip = await mailchimp.interests.createInterest(audience, hidden.id, { name: "VIP" })
      const saved = await adminCall("POST", "/admin/mailchimp/settings", { interest_categories: [topics.id] })
      expect(saved.status).toBe(200)
      expect(saved.body.mailchimp.settings.interest_categories).toEqual([topics.id])
      let permissions: Array<{ marketing_permission_id: string; text: string }> = []
      if (opts.gdpr !== false) {
        ;({ marketing_permissions: permissions } = await control.call("PUT", `/lists/${audience}/marketing-permissions`, {
          texts: ["Email", "Customized Online Advertising"],
        }))
        // Mailchimp shows the permissions only on a member: the audience needs one.
        await mailchimp.members.upsert(audience, subscriberHash("first@example.com"), { email_address: "first@example.com", status_if_new: "subscribed" })
      }
      service.forgetAudienceProfile()
      return { topics, shoes, hats, vip, emailPermission: permissions[0], adsPermission: permissions[1] }
    }

    const memberOf = (address: string) => control.member(sandbox.audienceId, address)
    const consentsFor = (address: string) => service.listConsents({ email: address.toLowerCase() })
    const syncedConsent = async (address: string) => {
      await waitFor(async () => (await consentsFor(address))[0]?.sync_status === "synced", 20_000)
      return (await consentsFor(address))[0]
    }
    const buy = (address: string, choice: Record<string, unknown>) =>
      checkout(shop, {
        regionId: store.regionId,
        variantId: store.variantIds[0],
        email: address,
        beforeComplete: async (cartId) => {
          await shop.ok("POST", `/store/carts/${cartId}/newsletter`, { opt_in: true, ...choice })
        },
      })

    it("the store offers the chosen categories with their interests, and the audience's permissions with Mailchimp's texts", async () => {
      const { topics, shoes, hats, emailPermission, adsPermission } = await setUpAudience()
      const { body, status } = await shop.call("GET", "/store/newsletter/settings")
      expect(status).toBe(200)
      expect(body.newsletter.interest_categories).toEqual([
        { id: topics.id, title: "Topics", type: "checkboxes", interests: [{ id: shoes.id, name: "Shoes" }, { id: hats.id, name: "Hats" }] },
      ])
      expect(body.newsletter.marketing_permissions).toEqual([
        { id: emailPermission.marketing_permission_id, text: "Email" },
        { id: adsPermission.marketing_permission_id, text: "Customized Online Advertising" },
      ])
      expect(body.newsletter.default_checked).toBe(false)
    })

    it("an audience with GDPR fields but no member yet: no permission is offered, and the admin says why", async () => {
      await setUpAudience({ gdpr: false })
      await control.call("PUT", `/lists/${sandbox.audienceId}/marketing-permissions`, { texts: ["Email"] })
      service.forgetAudienceProfile()
      const { body } = await shop.call("GET", "/store/newsletter/settings")
      expect(body.newsletter.marketing_permissions).toEqual([])
      expect((await service.getOptInOffer()).marketing_permissions_note).toBe(NO_MEMBER_YET)
      // The admin says why (Settings → Mailchimp reads this route).
      const { status, body: admin } = await adminCall("GET", "/admin/mailchimp/interest-categories")
      expect(status).toBe(200)
      expect(admin.interests).toEqual(
        expect.objectContaining({ marketing_permissions: [], marketing_permissions_note: NO_MEMBER_YET, missing_categories: [] })
      )
      expect(admin.interests.categories.map((c: any) => [c.title, c.offered])).toEqual([
        ["Topics", true],
        ["Internal", false],
      ])
      // Once the audience has a member, the permissions are offered with Mailchimp's texts.
      await mailchimp.members.upsert(sandbox.audienceId, subscriberHash("first@example.com"), { email_address: "first@example.com", status_if_new: "subscribed" })
      service.forgetAudienceProfile()
      const after = await adminCall("GET", "/admin/mailchimp/interest-categories")
      expect(after.body.interests.marketing_permissions).toEqual([{ id: expect.any(String), text: "Email" }])
      expect(after.body.interests.marketing_permissions_note).toBeNull()
    })

    it("checkout with chosen interests and one permission → the member has exactly those in Mailchimp; the consent keeps the server's names", async () => {
      const { shoes, hats, vip, emailPermission, adsPermission } = await setUpAudience()
      const address = email()
      const order = await buy(address, { interests: [shoes.id], marketing_permissions: [emailPermission.marketing_permission_id] })
      const consent = await syncedConsent(address)
      expect(consent.order_id).toBe(order.id)
      const member = await memberOf(address)
      expect(member.status).toBe("subscribed")
      expect(member.interests).toEqual({ [shoes.id]: true })
      expect(member.marketing_permissions).toEqual({ [emailPermission.marketing_permission_id]: true })
      const read = await mailchimp.members.get(sandbox.audienceId, address)
      expect(read.interests).toEqual({ [shoes.id]: true, [hats.id]: false, [vip.id]: false })
      expect(read.marketing_permissions).toEqual([
        { marketing_permission_id: emailPermission.marketing_permission_id, text: "Email", enabled: true },
        { marketing_permission_id: adsPermission.marketing_permission_id, text: "Customized Online Advertising", enabled: false },
      ])
      expect(consent.evidence).toEqual(
        expect.objectContaining({
          interests: [{ id: shoes.id, name: "Shoes", category_id: expect.any(String) }],
          marketing_permissions: [{ id: emailPermission.marketing_permission_id, text: "Email" }],
        })
      )
    })

    it("an opt-in with nothing ticked grants nothing: no interests, no permissions in the write", async () => {
      await setUpAudience()
      const address = email()
      await control.clearRequests()
      await buy(address, {})
      await syncedConsent(address)
      const member = await memberOf(address)
      expect(member.interests).toEqual({})
      expect(member.marketing_permissions).toEqual({})
      const writes = (await control.requests()).filter((r: any) => r.path.includes(subscriberHash(address)) && r.method === "PUT")
      expect(writes.length).toBeGreaterThan(0)
      for (const w of writes) {
        expect(w.body).not.toHaveProperty("interests")
        expect(w.body).not.toHaveProperty("marketing_permissions")
      }
      const consent = (await consentsFor(address))[0]
      expect(consent.evidence).not.toHaveProperty("interests")
    })

    it("ids the store does not offer are refused with a 400 naming the field; a declined box takes none", async () => {
      const { shoes, vip, emailPermission } = await setUpAudience()
      const { cart } = await shop.ok("POST", "/store/carts", { region_id: store.regionId })
      const path = `/store/carts/${cart.id}/newsletter`
      const unknown = await shop.call("POST", path, { opt_in: true, interests: [shoes.id, "0000000000"] })
      expect(unknown.status).toBe(400)
      expect(unknown.body.message).toContain("interests[1]")
      // An interest of a category the merchant does not offer is as unknown to the shopper.
      const notOffered = await shop.call("POST", path, { opt_in: true, interests: [vip.id] })
      expect(notOffered.status).toBe(400)
      expect(notOffered.body.message).toContain("interests[0]")
      const badPermission = await shop.call("POST", path, { opt_in: true, marketing_permissions: ["nope"] })
      expect(badPermission.status).toBe(400)
      expect(badPermission.body.message).toContain("marketing_permissions[0]")
      // The client's own names are not taken: the body has ids only.
      const named = await shop.call("POST", path, { opt_in: true, interests: [{ id: shoes.id, name: "Free money" }] })
      expect(named.status).toBe(400)
      const ok = await shop.call("POST", path, { opt_in: true, interests: [shoes.id], marketing_permissions: [emailPermission.marketing_permission_id] })
      expect(ok.status).toBe(200)
      expect(ok.body.newsletter).toEqual(
        expect.objectContaining({ interests: [{ id: shoes.id, name: "Shoes" }], marketing_permissions: [{ id: emailPermission.marketing_permission_id, text: "Email" }] })
      )
      const declined = await shop.call("POST", path, { opt_in: false, interests: [shoes.id] })
      expect(declined.status).toBe(200)
      expect(declined.body.newsletter).toEqual(expect.objectContaining({ opt_in: false, interests: [], marketing_permissions: [] }))
    })

    it("a member changes their groups in Mailchimp → the profile webhook's names make the store read the member, and it keeps the interests by id", async () => {
      const { shoes, hats, vip, emailPermission, adsPermission } = await setUpAudience()
      expect((await adminCall("POST", "/admin/mailchimp/webhook")).status).toBe(200)
      const address = email()
      await buy(address, { interests: [shoes.id], marketing_permissions: [emailPermission.marketing_permission_id] })
      await syncedConsent(address)
      const row = async () => (await service.listMembers({ email: address.toLowerCase() }))[0]
      const memberPath = `/members/${subscriberHash(address)}`
      const reads = async () => (await control.requests()).filter((r: any) => r.method === "GET" && r.path.endsWith(memberPath)).length

      await control.call("POST", `/lists/${sandbox.audienceId}/members/${address}/profile`, { interests: { [shoes.id]: false, [hats.id]: true } })
      await waitFor(async () => (await row())?.interests?.[hats.id] === true, 20_000)
      const stored = await row()
      expect(stored.interests).toEqual({ [shoes.id]: false, [hats.id]: true, [vip.id]: false })
      expect(stored.marketing_permissions).toEqual({
        [emailPermission.marketing_permission_id]: true,
        [adsPermission.marketing_permission_id]: false,
      })
      expect(stored.interest_names).toBe("Hats")

      // A profile change that leaves the groups as they were costs no read; the next change of groups does.
      await control.clearRequests()
      await control.call("POST", `/lists/${sandbox.audienceId}/members/${address}/profile`, { merges: { FNAME: "Renamed" } })
      await control.call("POST", `/lists/${sandbox.audienceId}/members/${address}/profile`, { interests: { [shoes.id]: true } })
      await waitFor(async () => (await row())?.interests?.[shoes.id] === true, 20_000)
      expect(await reads()).toBe(1)
      expect((await row()).interest_names).toBe("Shoes, Hats")
    })

    it("an anonymous signup never changes a held member's interests or permissions; a new address gets what it chose", async () => {
      const { shoes, hats, emailPermission, adsPermission } = await setUpAudience()
      const held = email()
      await buy(held, { interests: [shoes.id], marketing_permissions: [emailPermission.marketing_permission_id] })
      await syncedConsent(held)
      await control.clearRequests()
      const choice = { interests: [hats.id], marketing_permissions: [adsPermission.marketing_permission_id] }
      expect((await shop.call("POST", "/store/newsletter", { email: held, ...choice })).status).toBe(202)
      await waitFor(async () => (await consentsFor(held)).every((c: any) => c.sync_status === "synced"), 20_000)
      const member = await memberOf(held)
      expect(member.interests).toEqual({ [shoes.id]: true })
      expect(member.marketing_permissions).toEqual({ [emailPermission.marketing_permission_id]: true })
      const writes = (await control.requests()).filter((r: any) => r.path.includes(subscriberHash(held)) && r.method !== "GET")
      for (const w of writes) expect(Object.keys(w.body ?? {})).not.toEqual(expect.arrayContaining(["interests"]))

      const fresh = email()
      expect((await shop.call("POST", "/store/newsletter", { email: fresh, ...choice })).status).toBe(202)
      await waitFor(async () => !!(await memberOf(fresh)), 20_000)
      const added = await memberOf(fresh)
      expect(added.status).toBe("pending")
      expect(added.interests).toEqual({ [hats.id]: true })
      expect(added.marketing_permissions).toEqual({ [adsPermission.marketing_permission_id]: true })
      const unknown = await shop.call("POST", "/store/newsletter", { email: email(), interests: ["0000000000"] })
      expect(unknown.status).toBe(400)
      expect(unknown.body.message).toContain("interests[0]")
    })

    it("an interest deleted in Mailchimp since it was offered: the opt-in lands without it, the reason kept, and no later write sends it", async () => {
      const { topics, shoes } = await setUpAudience({ gdpr: false })
      const address = email()
      // Mailchimp holds the address unsubscribed: the opt-in's first write keeps that status, a second asks for pending.
      await mailchimp.members.upsert(sandbox.audienceId, subscriberHash(address), { email_address: address, status_if_new: "unsubscribed" })
      await control.clearRequests()
      await checkout(shop, {
        regionId: store.regionId,
        variantId: store.variantIds[0],
        email: address,
        beforeComplete: async (cartId) => {
          await shop.ok("POST", `/store/carts/${cartId}/newsletter`, { opt_in: true, interests: [shoes.id] })
          // The merchant deletes the group in Mailchimp after the store offered it, before the order is placed.
          const res = await fetch(`${sandbox.apiBase}/lists/${sandbox.audienceId}/interest-categories/${topics.id}/interests/${shoes.id}`, {
            method: "DELETE",
            headers: { authorization: `Bearer ${sandbox.apiKey}` },
          })
          expect(res.status).toBe(204)
        },
      })
      const consent = await syncedConsent(address)
      expect(consent.sync_error).toEqual(
        expect.objectContaining({
          title: "Sent with changes",
          detail: expect.stringContaining(`Mailchimp refused the chosen interests (Invalid interest ID: '${shoes.id}'.); sent without them`),
        })
      )
      // The shopper's choice stays in the evidence; the member is there, asked to confirm, in no group.
      expect(consent.evidence.interests).toEqual([{ id: shoes.id, name: "Shoes", category_id: topics.id }])
      const member = await memberOf(address)
      expect(member.status).toBe("pending")
      expect(member.interests).toEqual({})
      const writes = (await control.requests()).filter((r: any) => r.path.includes(subscriberHash(address)) && r.method === "PUT")
      expect(writes.map((w: any) => [w.method, w.status, "interests" in (w.body ?? {})])).toEqual([
        ["PUT", 400, true],
        ["PUT", 200, false],
        ["PUT", 200, false],
      ])
      expect(writes[2].body.status).toBe("pending")
    })

    it("a checkout's locale becomes the member's language; a later opt-in without one leaves it", async () => {
      await setUpAudience({ gdpr: false })
      const address = email()
      const buyIn = (locale?: string) =>
        checkout(shop, {
          regionId: store.regionId,
          variantId: store.variantIds[0],
          email: address,
          locale,
          beforeComplete: async (cartId) => void (await shop.ok("POST", `/store/carts/${cartId}/newsletter`, { opt_in: true })),
        })
      await buyIn("fr-CA")
      await syncedConsent(address)
      expect((await mailchimp.members.get(sandbox.audienceId, address)).language).toBe("fr_CA")
      // A tag Mailchimp has no code for: no language in the write, and Mailchimp keeps what it had.
      await control.clearRequests()
      await buyIn("fil-PH")
      await waitFor(async () => {
        const consents = await consentsFor(address)
        return consents.length === 2 && consents.every((c: any) => c.sync_status === "synced")
      }, 20_000)
      const writes = (await control.requests()).filter((r: any) => r.path.includes(subscriberHash(address)) && r.method === "PUT")
      expect(writes.length).toBeGreaterThan(0)
      for (const w of writes) expect(w.body).not.toHaveProperty("language")
      expect((await mailchimp.members.get(sandbox.audienceId, address)).language).toBe("fr_CA")
    })

    it("a logged-in customer subscribing in the account sends the interests and permissions they chose", async () => {
      const { hats, adsPermission } = await setUpAudience()
      const account = await registerCustomer(shop, { email: email(), first_name: "Ada", last_name: "Lovelace" })
      const res = await shop.call(
        "POST",
        "/store/customers/me/newsletter",
        { subscribed: true, interests: [hats.id], marketing_permissions: [adsPermission.marketing_permission_id] },
        account.headers
      )
      expect(res.status).toBe(202)
      const consent = await syncedConsent(account.email)
      expect(consent.evidence.interests).toEqual([{ id: hats.id, name: "Hats", category_id: expect.any(String) }])
      const member = await memberOf(account.email)
      expect(member.interests).toEqual({ [hats.id]: true })
      expect(member.marketing_permissions).toEqual({ [adsPermission.marketing_permission_id]: true })
      const bad = await shop.call("POST", "/store/customers/me/newsletter", { subscribed: true, marketing_permissions: ["x"] }, account.headers)
      expect(bad.status).toBe(400)
      expect(bad.body.message).toContain("marketing_permissions[0]")
    })
  },
})
