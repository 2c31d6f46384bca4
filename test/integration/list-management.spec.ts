import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { Queue } from "bullmq"
import fc from "fast-check"
import IORedis from "ioredis"
import { MailchimpClient, MailchimpError, subscriberHash } from "../../src/mailchimp"
import { MAILCHIMP_MODULE } from "../../src/modules/mailchimp"
import type MailchimpModuleService from "../../src/modules/mailchimp/service"
import { QUEUE_NAME } from "../../src/modules/mailchimp/queue-runtime/queue"
import type { RunningSandbox } from "@medusa-mailchimp/sandbox"
import { adminCall as callAdmin, adminHeaders } from "../support/admin-auth"
import { registerCustomer, RegisteredCustomer } from "../support/customer-auth"
import { PluginEnv, startPluginEnv, stopPluginEnv } from "../support/plugin-env"
import { waitFor } from "../support/redis-server"
import { SandboxControl } from "../support/sandbox-control"
import { seedStore, SeededStore } from "../support/seed-store"
import { checkout, StoreClient } from "../support/store-client"
import { testDbName } from "../support/test-db"

jest.setTimeout(180_000)

let sandbox: RunningSandbox
let control: SandboxControl
let env: PluginEnv

beforeAll(async () => {
  env = await startPluginEnv({
    env: {
      MAILCHIMP_CUSTOMER_SYNC_DELAY_MS: "1500",
      // Signups here are witnesses and backlogs from one client: subscribed at once, unlimited (signup-abuse.spec.ts
      // tests confirmation and limits).
      MAILCHIMP_CONFIRM_SIGNUPS: "false",
      MAILCHIMP_SIGNUP_LIMIT_PER_IP: "0",
      MAILCHIMP_SIGNUP_LIMIT_PER_ADDRESS: "0",
    },
  })
  ;({ sandbox, control } = env)
})

afterAll(() => stopPluginEnv(env))

medusaIntegrationTestRunner({
  dbName: testDbName("list_management"),
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let shop: StoreClient
    let service: MailchimpModuleService
    let admin: Record<string, string>
    let adminId: string
    let baseUrl: string
    let inspector: Queue
    let inspectorConnection: IORedis
    let n = 0
    const email = () => `member${++n}-${Date.now()}@example.com`

    beforeAll(async () => {
      store = await seedStore(getContainer())
      service = getContainer().resolve(MAILCHIMP_MODULE)
      inspectorConnection = new IORedis(env.redis.url, { maxRetriesPerRequest: null })
      inspector = new Queue(QUEUE_NAME, { connection: inspectorConnection, prefix: service.getOptions().queuePrefix })
    })

    afterAll(async () => {
      await inspector?.close()
      inspectorConnection?.disconnect()
    })

    beforeEach(async () => {
      await control.reset()
      baseUrl = api.defaults.baseURL
      shop = new StoreClient(baseUrl, store.publishableKey)
      service = getContainer().resolve(MAILCHIMP_MODULE)
      service.forgetAudienceProfile()
      admin = await adminHeaders(getContainer(), baseUrl)
      const [user] = await getContainer().resolve(Modules.USER).listUsers({ email: "admin@medusa-mailchimp.test" })
      adminId = user.id
    })

    const mailchimp = () => new MailchimpClient({ apiKey: sandbox.apiKey, apiUrl: sandbox.apiBase })
    const memberOf = (address: string) => control.member(sandbox.audienceId, address)
    const waitForMember = async (address: string, status?: string, timeoutMs = 20_000) => {
      await waitFor(async () => {
        const m = await memberOf(address)
        return !!m && (!status || m.status === status)
      }, timeoutMs)
      return memberOf(address)
    }
    const requestsFor = async (address: string) =>
      (await control.requests()).filter((r: any) => r.path.includes(subscriberHash(address)))
    const consentsFor = (address: string) => service.listConsents({ email: address.toLowerCase() }, { order: { created_at: "ASC" } })
    const adminCall = (method: string, path: string, body?: unknown) => callAdmin(baseUrl, admin, method, path, body)
    // Every job done: nothing waiting, delayed or running.
    const drained = async (timeoutMs = 20_000) => {
      await waitFor(async () => {
        const c = await inspector.getJobCounts("wait", "active", "delayed", "prioritized", "paused")
        return Object.values(c).every((v) => v === 0)
      }, timeoutMs)
    }
    const subscribedAccount = async (overrides: { first_name?: string; last_name?: string; phone?: string } = {}) => {
      const account = await registerCustomer(shop, { email: email(), first_name: "Ada", last_name: "Lovelace", ...overrides })
      const res = await shop.call("POST", "/store/customers/me/newsletter", { subscribed: true }, account.headers)
      expect(res.status).toBe(202)
      await waitForMember(account.email, "subscribed")
      await drained()
      return account
    }
    // The job was queued after `backlog` others (since `since`) and still started before every one of them.
    const expectRanFirst = async (jobId: string, since: number, backlog: number) => {
      const first = (await inspector.getJob(jobId))!
      const before = (await inspector.getJobs(["completed"])).filter(
        (j) => j.id !== jobId && j.timestamp >= since && j.timestamp < first.timestamp
      )
      expect(before.length).toBeGreaterThanOrEqual(backlog)
      for (const job of before) expect(job.processedOn!).toBeGreaterThanOrEqual(first.processedOn!)
    }
    const me = (account: RegisteredCustomer) => shop.call("GET", "/store/customers/me/newsletter", undefined, account.headers)

    describe("the customer's own account", () => {
      it("subscribes with a recorded consent, shows the status and when it changed, and hides the checkout box", async () => {
        const account = await registerCustomer(shop, { email: email(), first_name: "Grace", last_name: "Hopper" })
        expect((await me(account)).body.newsletter).toEqual(
          expect.objectContaining({ email: account.email, status: "none", changed_at: null, pending: null })
        )
        const before = await shop.call("GET", "/store/newsletter/settings", undefined, account.headers)
        expect(before.body.newsletter).toEqual(expect.objectContaining({ subscribed: false, status: "none" }))

        const res = await shop.call(
          "POST",
          "/store/customers/me/newsletter",
          { subscribed: true },
          { ...account.headers, "user-agent": "jest-account/1.0" }
        )
        expect(res.status).toBe(202)
        expect(res.body.newsletter).toEqual({ email: account.email, status: "subscribed", requested: "subscribe" })

        const member = await waitForMember(account.email, "subscribed")
        expect(member.merge_fields).toEqual(expect.objectContaining({ FNAME: "Grace", LNAME: "Hopper" }))
        await waitFor(async () => (await me(account)).body.newsletter.status === "subscribed", 10_000)
        await drained()
        const status = (await me(account)).body.newsletter
        expect(status.source).toBe("account")
        expect(new Date(status.changed_at).getTime()).toBeGreaterThan(Date.now() - 60_000)

        const [consent] = await consentsFor(account.email)
        expect(consent).toEqual(
          expect.objectContaining({
            action: "opt_in",
            source: "account",
            customer_id: account.customer.id,
            sync_status: "synced",
            mailchimp_status: "subscribed",
          })
        )
        expect(consent.evidence).toEqual(
          expect.objectContaining({ label: "Email me news and offers", user_agent: "jest-account/1.0", ip: expect.any(String) })
        )

        const settings = await shop.call("GET", "/store/newsletter/settings", undefined, account.headers)
        expect(settings.body.newsletter).toEqual(expect.objectContaining({ subscribed: true, status: "subscribed" }))
        const anonymous = await shop.call("GET", "/store/newsletter/settings")
        expect(anonymous.body.newsletter).toEqual(expect.objectContaining({ subscribed: null, status: null }))
      })

      it("unsubscribes at once, and a later subscribe asks the member to confirm again (pending)", async () => {
        const account = await subscribedAccount()
        await control.clearRequests()
        const res = await shop.call("POST", "/store/customers/me/newsletter", { subscribed: false }, account.headers)
        expect(res.status).toBe(202)
        expect(res.body.newsletter.status).toBe("unsubscribed")
        await waitForMember(account.email, "unsubscribed", 5_000)
        const patches = (await requestsFor(account.email)).filter((r: any) => r.method === "PATCH")
        expect(patches.map((r: any) => r.body)).toEqual([{ status: "unsubscribed" }])
        await waitFor(async () => (await me(account)).body.newsletter.status === "unsubscribed", 5_000)
        // The consent is marked synced once Mailchimp's answer is recorded, a moment after the member changed.
        await waitFor(async () => (await consentsFor(account.email)).some((c) => c.action === "opt_out" && c.sync_status !== "pending"), 10_000)
        const optOut = (await consentsFor(account.email)).find((c) => c.action === "opt_out")
        expect(optOut).toEqual(expect.objectContaining({ source: "account", sync_status: "synced", mailchimp_status: "unsubscribed" }))

        await shop.ok("POST", "/store/customers/me/newsletter", { subscribed: true }, account.headers)
        await waitForMember(account.email, "pending")
      })

      it("double opt-in on the audience: the answer and the member say pending", async () => {
        await control.setList(sandbox.audienceId, { double_optin: true })
        const account = await registerCustomer(shop, { email: email() })
        const res = await shop.call("POST", "/store/customers/me/newsletter", { subscribed: true }, account.headers)
        expect(res.body.newsletter.status).toBe("pending")
        await waitForMember(account.email, "pending")
      })

      it("a cleaned address is refused with a clear message, and nothing is stored", async () => {
        const account = await registerCustomer(shop, { email: email() })
        // What the cleaned webhook leaves behind.
        await service.recordMemberStatus({ email: account.email, status: "cleaned", at: new Date(), source: "mailchimp" })
        const res = await shop.call("POST", "/store/customers/me/newsletter", { subscribed: true }, account.headers)
        expect(res.status).toBe(400)
        expect(res.body.message).toMatch(/cannot be subscribed again/)
        expect(await consentsFor(account.email)).toHaveLength(0)
        expect((await me(account)).body.newsletter.status).toBe("cleaned")
      })

      it("not logged in → 401; a bad body → 400 naming the field; nothing stored", async () => {
        expect((await shop.call("GET", "/store/customers/me/newsletter")).status).toBe(401)
        expect((await shop.call("POST", "/store/customers/me/newsletter", { subscribed: true })).status).toBe(401)
        const account = await registerCustomer(shop, { email: email() })
        for (const body of [{}, { subscribed: "yes" }, { subscribed: true, extra: 1 }]) {
          const res = await shop.call("POST", "/store/customers/me/newsletter", body, account.headers)
          expect(res.status).toBe(400)
          expect(JSON.stringify(res.body)).toMatch(/subscribed|extra/)
        }
        expect(await service.listConsents({ customer_id: account.customer.id })).toHaveLength(0)
        expect(await requestsFor(account.email)).toHaveLength(0)
      })

      it("an unsubscribe overtakes a subscribe queued before it, and everything else queued before it", async () => {
        const account = await registerCustomer(shop, { email: email() })
        const pausedAt = Date.now()
        await inspector.pause()
        try {
          // A backlog: more work than the worker takes at once (10).
          const backlog = Array.from({ length: 12 }, () => email())
          for (const address of backlog) await shop.ok("POST", "/store/newsletter", { email: address })
          await shop.ok("POST", "/store/customers/me/newsletter", { subscribed: true }, account.headers)
          await shop.ok("POST", "/store/customers/me/newsletter", { subscribed: false }, account.headers)
        } finally {
          await inspector.resume()
        }
        await drained()
        const [optIn, optOut] = await consentsFor(account.email)
        expect(optIn).toEqual(expect.objectContaining({ action: "opt_in", sync_status: "superseded" }))
        expect(optOut).toEqual(expect.objectContaining({ action: "opt_out", sync_status: "synced" }))
        // Mailchimp never heard of the subscribe. The store's customers are e-commerce customers
        // (without a consent: opt_in_status false), which Mailchimp keeps as transactional contacts.
        expect((await requestsFor(account.email)).filter((r: any) => r.method !== "GET")).toHaveLength(0)
        expect([undefined, "transactional"]).toContain((await memberOf(account.email))?.status)
        const optedIn = (await control.requests()).filter(
          (r: any) => r.body?.email_address === account.email && r.body?.opt_in_status === true
        )
        expect(optedIn).toHaveLength(0)

        await expectRanFirst(`consent.unsubscribe-${optOut.id}`, pausedAt, 13)
      })

      it("an unsubscribe reaches a subscribed member ahead of a backlog", async () => {
        const account = await subscribedAccount()
        const pausedAt = Date.now()
        await inspector.pause()
        try {
          for (let i = 0; i < 12; i++) await shop.ok("POST", "/store/newsletter", { email: email() })
          await shop.ok("POST", "/store/customers/me/newsletter", { subscribed: false }, account.headers)
        } finally {
          await inspector.resume()
        }
        await waitForMember(account.email, "unsubscribed", 10_000)
        await drained()
        const optOut = (await consentsFor(account.email)).find((c) => c.action === "opt_out")!
        await expectRanFirst(`consent.unsubscribe-${optOut.id}`, pausedAt, 12)
      })
    })

    describe("an admin on the customer's behalf", () => {
      it("subscribes and unsubscribes with the admin as the evidence; the history shows every change", async () => {
        const account = await registerCustomer(shop, { email: email(), first_name: "Alan" })
        const sub = await adminCall("POST", `/admin/mailchimp/customers/${account.customer.id}/newsletter`, {
          subscribed: true,
          note: "asked at the counter",
        })
        expect(sub.status).toBe(200)
        expect(sub.body.newsletter.status).toBe("subscribed")
        expect(sub.body.consents[0]).toEqual(expect.objectContaining({ source: "admin", sync_status: "synced" }))
        expect((await memberOf(account.email)).status).toBe("subscribed")

        const unsub = await adminCall("POST", `/admin/mailchimp/customers/${account.customer.id}/newsletter`, { subscribed: false })
        expect(unsub.status).toBe(200)
        expect(unsub.body.newsletter.status).toBe("unsubscribed")
        expect((await memberOf(account.email)).status).toBe("unsubscribed")

        const history = await adminCall("GET", `/admin/mailchimp/customers/${account.customer.id}/consents`)
        expect(history.status).toBe(200)
        expect(history.body.consents.map((c: any) => [c.action, c.source])).toEqual([
          ["opt_in", "admin"],
          ["opt_out", "admin"],
        ])
        for (const c of history.body.consents) {
          expect(c.evidence).toEqual(expect.objectContaining({ actor_type: "user", actor_id: adminId, at: expect.any(String) }))
        }
        expect(history.body.consents[0].evidence.note).toBe("asked at the counter")
        expect(history.body.members[0]).toEqual(expect.objectContaining({ email: account.email, status: "unsubscribed" }))

        const status = await adminCall("GET", `/admin/mailchimp/customers/${account.customer.id}/newsletter`)
        expect(status.body.newsletter).toEqual(expect.objectContaining({ status: "unsubscribed", source: "admin" }))
      })

      it("bad bodies → 400, unknown customer → 404, no admin → 401", async () => {
        const account = await registerCustomer(shop, { email: email() })
        for (const body of [{}, { subscribed: 1 }, { subscribed: true, note: "x".repeat(501) }]) {
          expect((await adminCall("POST", `/admin/mailchimp/customers/${account.customer.id}/newsletter`, body)).status).toBe(400)
        }
        expect((await adminCall("POST", `/admin/mailchimp/customers/${account.customer.id}/erase`, { mode: "shred" })).status).toBe(400)
        expect((await adminCall("POST", `/admin/mailchimp/customers/cus_missing/newsletter`, { subscribed: true })).status).toBe(404)
        expect((await adminCall("GET", `/admin/mailchimp/customers/cus_missing/consents`)).status).toBe(404)
        const anonymous = await fetch(`${baseUrl}/admin/mailchimp/customers/${account.customer.id}/consents`)
        expect(anonymous.status).toBe(401)
        expect(await service.listConsents({ customer_id: account.customer.id })).toHaveLength(0)
      })
    })

    describe("profile and email changes", () => {
      it("an email change moves the member (same contact, history kept); rapid changes make one call", async () => {
        const account = await subscribedAccount({ first_name: "Ada", phone: "+15125550100" })
        const client = mailchimp()
        const before = await client.members.get(sandbox.audienceId, account.email)
        await control.clearRequests()
        const renamed = email()
        for (const first_name of ["Ad", "Adah", "Adele"]) {
          await adminCall("POST", `/admin/customers/${account.customer.id}`, { first_name })
        }
        await adminCall("POST", `/admin/customers/${account.customer.id}`, { email: renamed, phone: "+15125550199" })

        const moved = await waitForMember(renamed, "subscribed")
        expect(moved.merge_fields).toEqual(expect.objectContaining({ FNAME: "Adele", PHONE: "+15125550199" }))
        expect(await memberOf(account.email)).toBeUndefined()
        const after = await client.members.get(sandbox.audienceId, renamed)
        expect(after.contact_id).toBe(before.contact_id)
        await client.close()
        await drained()

        // One call to the member; the e-commerce customer (its own resource) follows with the new
        // address only after the member moved there (else Mailchimp would add it as a new contact).
        const requests = await control.requests()
        const writes = requests.filter((r: any) => r.method !== "GET" && r.path.includes("/members/"))
        expect(writes).toHaveLength(1)
        const moveAt = requests.indexOf(writes[0])
        const early = requests.filter((r: any, i: number) => i < moveAt && r.method !== "GET" && r.body?.email_address === renamed)
        expect(early).toHaveLength(0)
        expect(writes[0]).toEqual(
          expect.objectContaining({ method: "PATCH", path: expect.stringContaining(subscriberHash(account.email)) })
        )
        expect(writes[0].body).toEqual({ email_address: renamed, merge_fields: { FNAME: "Adele", PHONE: "+15125550199" } })

        const [member] = await service.listMembers({ customer_id: account.customer.id })
        expect(member).toEqual(expect.objectContaining({ email: renamed, customer_email: renamed, status: "subscribed" }))
        const consents = await service.listConsents({ customer_id: account.customer.id }, { order: { created_at: "ASC" } })
        expect(consents.map((c) => [c.action, c.email])).toEqual([
          ["opt_in", renamed],
          ["email_changed", renamed],
        ])
        expect(consents[1].evidence).toEqual(expect.objectContaining({ old_email: account.email, new_email: renamed }))
        expect((await me({ ...account })).body.newsletter).toEqual(expect.objectContaining({ email: renamed, status: "subscribed" }))
      })

      it("a new address already on the audience is left as it is, and the old one is not left subscribed", async () => {
        const account = await subscribedAccount()
        const taken = email()
        const client = mailchimp()
        await client.members.upsert(sandbox.audienceId, taken, { email_address: taken, status_if_new: "unsubscribed" })
        await client.close()
        await adminCall("POST", `/admin/customers/${account.customer.id}`, { email: taken })
        await waitForMember(account.email, "archived")
        await drained()
        expect((await memberOf(taken)).status).toBe("unsubscribed")
        const consents = await service.listConsents({ customer_id: account.customer.id, action: "email_changed" })
        expect(consents[0].evidence.outcome).toMatch(/already on the audience/)
      })

      it("customers without a member, and customers created by an admin, stay untouched in Mailchimp", async () => {
        const formSignup = email()
        const client = mailchimp()
        // Subscribed through a Mailchimp form, not through the store.
        await client.members.upsert(sandbox.audienceId, formSignup, {
          email_address: formSignup,
          status_if_new: "subscribed",
          merge_fields: { FNAME: "Form" },
        })
        await client.close()
        await control.clearRequests()
        const created = await adminCall("POST", "/admin/customers", { email: formSignup, first_name: "Admin", last_name: "Made" })
        expect(created.status).toBe(200)
        const other = await adminCall("POST", "/admin/customers", { email: email(), first_name: "Nobody" })
        const group = await adminCall("POST", "/admin/customer-groups", { name: `Wholesale ${n}` })
        for (const customer of [created.body.customer, other.body.customer]) {
          await adminCall("POST", `/admin/customers/${customer.id}`, { last_name: "Changed", phone: "+15125550111" })
          await adminCall("POST", `/admin/customers/${customer.id}/customer-groups`, { add: [group.body.customer_group.id] })
        }
        await adminCall("DELETE", `/admin/customers/${other.body.customer.id}`)
        // A witness: work queued after all that has been done.
        const witness = email()
        await shop.ok("POST", "/store/newsletter", { email: witness })
        await waitForMember(witness, "subscribed")
        await drained()
        expect(await requestsFor(formSignup)).toHaveLength(0)
        expect(await requestsFor(other.body.customer.email)).toHaveLength(0)
        const member = await memberOf(formSignup)
        expect(member.status).toBe("subscribed")
        expect(member.merge_fields.FNAME).toBe("Form")
        expect(member.tags).toEqual([])
      })
    })

    describe("customer groups", () => {
      it("become tags with the prefix, follow membership and renames, only for customers with a member", async () => {
        const account = await subscribedAccount()
        const bystander = await registerCustomer(shop, { email: email() })
        const vip = (await adminCall("POST", "/admin/customer-groups", { name: `VIP ${n}` })).body.customer_group
        const wholesale = (await adminCall("POST", "/admin/customer-groups", { name: `Wholesale ${n}` })).body.customer_group
        await control.clearRequests()

        await adminCall("POST", `/admin/customer-groups/${vip.id}/customers`, { add: [account.customer.id, bystander.customer.id] })
        await adminCall("POST", `/admin/customers/${account.customer.id}/customer-groups`, { add: [wholesale.id] })
        await waitFor(async () => (await memberOf(account.email)).tags.length === 2, 10_000)
        expect((await memberOf(account.email)).tags.sort()).toEqual([`group:VIP ${n}`, `group:Wholesale ${n}`])

        await adminCall("POST", `/admin/customer-groups/${vip.id}/customers`, { remove: [account.customer.id] })
        await waitFor(async () => (await memberOf(account.email)).tags.length === 1, 10_000)
        expect((await memberOf(account.email)).tags).toEqual([`group:Wholesale ${n}`])

        await adminCall("POST", `/admin/customer-groups/${wholesale.id}`, { name: `Trade ${n}` })
        await waitFor(async () => (await memberOf(account.email)).tags[0] === `group:Trade ${n}`, 10_000)
        expect((await memberOf(account.email)).tags).toEqual([`group:Trade ${n}`])
        await drained()

        const [member] = await service.listMembers({ customer_id: account.customer.id })
        expect(member.group_tags).toEqual([`group:Trade ${n}`])
        expect(await requestsFor(bystander.email)).toHaveLength(0)
      })

      it("a customer who joins the audience later gets the tags of the groups they are already in", async () => {
        const account = await registerCustomer(shop, { email: email() })
        const group = (await adminCall("POST", "/admin/customer-groups", { name: `Early ${n}` })).body.customer_group
        await adminCall("POST", `/admin/customer-groups/${group.id}/customers`, { add: [account.customer.id] })
        await shop.ok("POST", "/store/customers/me/newsletter", { subscribed: true }, account.headers)
        await waitFor(async () => ((await memberOf(account.email))?.tags ?? []).includes(`group:Early ${n}`), 10_000)
      })
    })

    describe("erasure", () => {
      it("a deleted customer's member is archived; the store keeps a hashed record with dates, nothing else", async () => {
        const account = await subscribedAccount()
        const res = await adminCall("DELETE", `/admin/customers/${account.customer.id}`)
        expect(res.status).toBe(200)
        await waitForMember(account.email, "archived")
        await waitFor(async () => (await service.listErasures({ subscriber_hash: subscriberHash(account.email) }))[0]?.status === "done", 10_000)
        expect(await service.listMembers({ email: account.email })).toHaveLength(0)
        expect(await consentsFor(account.email)).toHaveLength(0)
        expect(await service.listConsents({ customer_id: account.customer.id })).toHaveLength(0)

        const proof = await adminCall("GET", `/admin/mailchimp/erasures?email=${encodeURIComponent(account.email)}`)
        expect(proof.body.erasures).toHaveLength(1)
        const [record] = proof.body.erasures
        expect(record).toEqual(
          expect.objectContaining({ mode: "archive", trigger: "customer_deleted", status: "done", outcome: "archived" })
        )
        expect(record.history).toEqual([{ action: "opt_in", source: "account", at: expect.any(String) }])
        expect(JSON.stringify(record)).not.toContain(account.email)
        expect(JSON.stringify(record)).not.toContain(account.customer.id)
      })

      it("an explicit erase request can delete the member for good; Mailchimp will not take the address back", async () => {
        const account = await subscribedAccount()
        const res = await adminCall("POST", `/admin/mailchimp/customers/${account.customer.id}/erase`, { mode: "delete-permanent" })
        expect(res.status).toBe(202)
        expect(res.body.erasures).toEqual([
          expect.objectContaining({ mode: "delete-permanent", trigger: "admin_request", requested_by: adminId, status: "pending" }),
        ])
        await waitFor(async () => !(await memberOf(account.email)), 10_000)
        await drained()
        const client = mailchimp()
        const again = await client.members
          .upsert(sandbox.audienceId, account.email, { email_address: account.email, status_if_new: "subscribed" })
          .catch((e) => e)
        await client.close()
        expect(again).toBeInstanceOf(MailchimpError)
        expect((again as MailchimpError).title).toMatch(/Forgotten/)
        const [record] = await service.listErasures({ subscriber_hash: subscriberHash(account.email) })
        expect(record).toEqual(expect.objectContaining({ status: "done", outcome: "deleted" }))
        // The customer stays a customer; only the newsletter data is gone.
        expect((await me(account)).body.newsletter.status).toBe("none")
      })

      it("with erasureRecord none, only the bare hash stays once Mailchimp confirmed (so the address is not brought back)", async () => {
        const options = service.getOptions() as { erasureRecord: string }
        options.erasureRecord = "none"
        try {
          const address = email()
          await shop.ok("POST", "/store/newsletter", { email: address })
          await waitForMember(address, "subscribed")
          const res = await adminCall("POST", "/admin/mailchimp/erasures", { email: address })
          expect(res.status).toBe(202)
          await waitForMember(address, "archived")
          await drained()
          const [record] = await service.listErasures({ subscriber_hash: subscriberHash(address) })
          expect(record).toEqual(
            expect.objectContaining({ status: "done", outcome: null, history: null, receipt: null, requested_by: null, erased_at: null, pending_remote: null })
          )
          expect(await consentsFor(address)).toHaveLength(0)
          expect(await service.listMembers({ email: address })).toHaveLength(0)
        } finally {
          options.erasureRecord = "hashed"
        }
      })

      it("an erasure overtakes a checkout opt-in queued before it", async () => {
        const address = email()
        await inspector.pause()
        try {
          await checkout(shop, { regionId: store.regionId, variantId: store.variantIds[0], email: address, optIn: "route" })
          await waitFor(async () => (await consentsFor(address)).length === 1, 10_000)
          const res = await adminCall("POST", "/admin/mailchimp/erasures", { email: address })
          expect(res.status).toBe(202)
        } finally {
          await inspector.resume()
        }
        await drained()
        expect(await memberOf(address)).toBeUndefined()
        expect((await requestsFor(address)).filter((r: any) => r.method === "PUT")).toHaveLength(0)
        expect(await consentsFor(address)).toHaveLength(0)
      })
    })

    describe("property", () => {
      it("no sequence of account, admin, checkout and Mailchimp actions leaves a member subscribed without a consent, or after the customer asked to leave", async () => {
        type Action =
          | "account-subscribe"
          | "account-unsubscribe"
          | "admin-subscribe"
          | "admin-unsubscribe"
          | "checkout-opt-in"
          | "checkout-without-opt-in"
          | "mailchimp-unsubscribe"
        const actions = fc.array(
          fc.constantFrom<Action>(
            "account-subscribe",
            "account-unsubscribe",
            "admin-subscribe",
            "admin-unsubscribe",
            "checkout-opt-in",
            "checkout-without-opt-in",
            "mailchimp-unsubscribe"
          ),
          { minLength: 1, maxLength: 4 }
        )
        await fc.assert(
          fc.asyncProperty(actions, async (sequence) => {
            const account = await registerCustomer(shop, { email: email(), first_name: "Ada", last_name: "Lovelace" })
            // The person's last word: "in" after an opt-in of theirs (or an admin's on their behalf), "out" after leaving.
            let intent: "none" | "in" | "out" = "none"
            // This store has no webhook registered: it learns of a leave made in Mailchimp only on its next write.
            let toldStore = true
            for (const action of sequence) {
              const current = (await memberOf(account.email))?.status
              if (action === "account-subscribe" || action === "account-unsubscribe") {
                const res = await shop.call("POST", "/store/customers/me/newsletter", { subscribed: action === "account-subscribe" }, account.headers)
                expect(res.status).toBe(202)
                intent = action === "account-subscribe" ? "in" : "out"
                toldStore = true
              } else if (action === "admin-subscribe" || action === "admin-unsubscribe") {
                const res = await adminCall("POST", `/admin/mailchimp/customers/${account.customer.id}/newsletter`, { subscribed: action === "admin-subscribe" })
                expect(res.status).toBe(200)
                intent = action === "admin-subscribe" ? "in" : "out"
                toldStore = true
              } else if (action === "checkout-opt-in" || action === "checkout-without-opt-in") {
                const optIn = action === "checkout-opt-in" ? ("route" as const) : undefined
                await checkout(shop, { regionId: store.regionId, variantId: store.variantIds[0], email: account.email, optIn })
                if (optIn) intent = "in"
              } else if (action === "mailchimp-unsubscribe" && (current === "subscribed" || current === "pending")) {
                await control.call("POST", `/lists/${sandbox.audienceId}/members/${account.email}/unsubscribe`, {})
                intent = "out"
                toldStore = false
              }
              await drained(30_000)
              const status = (await memberOf(account.email))?.status
              if (intent !== "in") expect(["subscribed", "pending"]).not.toContain(status)
              if (intent === "none") expect([undefined, "transactional"]).toContain(status)
              const mine = await me(account)
              if (intent === "out" && toldStore) expect(["subscribed", "pending"]).not.toContain(mine.body.newsletter.status)
            }
          }),
          { numRuns: 6 }
        )
      })
    })
  },
})
