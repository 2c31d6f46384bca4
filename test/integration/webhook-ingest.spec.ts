/**
 * Webhook ingest (issue 23): deliveries stored in groups and answered once stored, applied in batches in arrival
 * order per member, and nothing answered 2xx lost when Redis or Postgres goes away.
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MAILCHIMP_MODULE } from "../../src/modules/mailchimp"
import type MailchimpModuleService from "../../src/modules/mailchimp/service"
import { reconcileWorkflow } from "../../src/workflows/reconcile"
import { RunningSandbox } from "@medusa-mailchimp/sandbox"
import { PluginEnv, startPluginEnv, stopPluginEnv } from "../support/plugin-env"
import { waitFor } from "../support/redis-server"
import { testDbName } from "../support/test-db"
import { firedAt, formBody } from "../support/webhook-form"

jest.setTimeout(240_000)

const SECRET = "ingest-webhook-secret-0123456789"
let env: PluginEnv
let sandbox: RunningSandbox

beforeAll(async () => {
  env = await startPluginEnv({ env: { MAILCHIMP_WEBHOOK_SECRET: SECRET } })
  ;({ sandbox } = env)
})

afterAll(() => stopPluginEnv(env))

medusaIntegrationTestRunner({
  dbName: testDbName("webhook-ingest"),
  testSuite: ({ api, getContainer }) => {
    let service: MailchimpModuleService
    let baseUrl: string
    const run = `${Date.now().toString(36)}`
    let n = 0
    const address = () => `ingest${++n}-${run}@example.com`

    beforeEach(() => {
      baseUrl = api.defaults.baseURL
      service = getContainer().resolve(MAILCHIMP_MODULE)
    })

    const post = (body: string) =>
      fetch(`${baseUrl}/hooks/mailchimp?secret=${SECRET}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": "MailChimp.com" },
        body,
      })
    const pg = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION) as any
    const eventsOf = async (emails: string[]) =>
      (
        await pg().raw(
          `SELECT id, seq, type, email, status, outcome FROM mailchimp_webhook_event WHERE email = ANY(?) AND deleted_at IS NULL ORDER BY seq`,
          [emails]
        )
      ).rows as { id: string; seq: number; type: string; email: string; status: string; outcome: string | null }[]
    const pending = async (emails: string[]) => (await eventsOf(emails)).filter((e) => e.status === "received").length
    const reconcile = () => reconcileWorkflow(getContainer()).run({ input: { olderThanSeconds: 0, limit: 1_000 } })
    const memberRow = async (email: string) => (await service.listMembers({ email }))[0]

    // One member's deliveries, all fired in the same second (ties go by arrival): subscribe, profile, then an
    // unsubscribe for every other member. The profile applies only after the subscribe made the member.
    const deliveriesOf = (email: string, i: number, at: Date) => {
      const base = { fired_at: firedAt(at), "data[email]": email, "data[list_id]": sandbox.audienceId }
      return [
        formBody({ type: "subscribe", ...base, "data[merges][FNAME]": "First" }),
        formBody({ type: "profile", ...base, "data[merges][FNAME]": `Name ${i}` }),
        ...(i % 2 ? [] : [formBody({ type: "unsubscribe", ...base, "data[action]": "unsub", "data[reason]": "manual" })]),
      ]
    }

    const queueIdle = () =>
      waitFor(async () => {
        const counts = await service.getQueue().figures()
        return counts.active + counts.waiting + counts.delayed === 0
      }, 30_000, 250)

    it("a burst of concurrent deliveries is stored once each and applied in arrival order per member", async () => {
      const at = new Date(Date.now() - 5_000)
      const emails = Array.from({ length: 120 }, address)
      const answers: { status: number; duplicate?: boolean }[] = []
      // Members side by side, each member's deliveries one after the other (so their arrival order is known);
      // every profile is sent twice at once, a retry that must be stored once.
      await Promise.all(
        emails.map(async (email, i) => {
          for (const body of deliveriesOf(email, i, at)) {
            const copies = body.includes("type=profile") ? [post(body), post(body)] : [post(body)]
            for (const res of await Promise.all(copies)) answers.push({ status: res.status, ...(await res.json()) })
          }
        })
      )
      expect(answers).toHaveLength(120 * 3 + 60)
      expect(answers.every((a) => a.status === 200)).toBe(true)
      expect(answers.filter((a) => a.duplicate)).toHaveLength(120)

      await waitFor(async () => (await pending(emails)) === 0, 60_000, 250)
      const events = await eventsOf(emails)
      expect(events).toHaveLength(120 * 3 - 60)
      for (const [i, email] of emails.entries()) {
        const own = events.filter((e) => e.email === email)
        expect(own.map((e) => e.type)).toEqual(i % 2 ? ["subscribe", "profile"] : ["subscribe", "profile", "unsubscribe"])
        expect(own.map((e) => e.status)).toEqual(own.map(() => "applied"))
        const member = await memberRow(email)
        expect(member.status).toBe(i % 2 ? "subscribed" : "unsubscribed")
        expect((member.merge_fields as Record<string, unknown>).FNAME).toBe(`Name ${i}`)
        // Each status event that landed wrote one consent row with its member change and its outcome (one statement).
        const history = await service.listConsents({ email }, { order: { created_at: "ASC" } })
        const statusEvents = own.filter((e) => e.type !== "profile")
        expect(history.map((c) => (c.evidence as { webhook_event_id: string }).webhook_event_id).sort()).toEqual(statusEvents.map((e) => e.id).sort())
        for (const c of history) {
          const event = statusEvents.find((e) => e.id === (c.evidence as { webhook_event_id: string }).webhook_event_id)!
          expect(c).toEqual(
            expect.objectContaining({
              source: "mailchimp",
              audience_id: sandbox.audienceId,
              action: event.type === "subscribe" ? "opt_in" : "opt_out",
              mailchimp_status: event.type === "subscribe" ? "subscribed" : "unsubscribed",
              sync_status: "synced",
            })
          )
          expect(c.synced_at).toBeTruthy()
        }
        expect(own.map((e) => e.outcome)).toEqual(own.map((e) => (e.type === "profile" ? "profile recorded" : `member ${e.type === "subscribe" ? "subscribed" : "unsubscribed"}`)))
      }
    })

    it("deliveries answered while Redis is away are applied once the reconciler enqueues them again", async () => {
      const at = new Date(Date.now() - 5_000)
      const emails = Array.from({ length: 40 }, address)
      const bodies = emails.flatMap((email, i) => deliveriesOf(email, i, at).slice(0, 1))
      // The first half is answered and applied with Redis up; once no apply job runs any more, Redis goes (with
      // every job it held) and the second half arrives.
      const first = await Promise.all(bodies.slice(0, 20).map(post))
      await waitFor(async () => (await pending(emails.slice(0, 20))) === 0, 30_000, 250)
      await queueIdle()
      await env.redis.stop()
      const second = await Promise.all(bodies.slice(20).map(post))
      expect([...first, ...second].map((r) => r.status)).toEqual(bodies.map(() => 200))
      // Stored, and nothing is left to apply them: their job could not be queued.
      expect((await eventsOf(emails.slice(20))).map((e) => e.status)).toEqual(bodies.slice(20).map(() => "received"))

      await env.redis.start()
      // Redis came back empty: only the reconciler knows what is left; it asks until the queue takes the job.
      await waitFor(async () => {
        await reconcile()
        return (await pending(emails)) === 0
      }, 90_000, 1_000)
      for (const email of emails) expect((await memberRow(email)).status).toBe("subscribed")
    })

    it("a worker killed mid-apply: its claimed events are claimed again once the lease lapses, in order", async () => {
      const at = new Date(Date.now() - 5_000)
      const email = address()
      const fields = { fired_at: firedAt(at), "data[email]": email, "data[list_id]": sandbox.audienceId }
      const events = [
        { type: "subscribe", data: {} },
        { type: "unsubscribe", data: { action: "unsub", reason: "manual" } },
        { type: "subscribe", data: { again: "1" } },
      ].map((e, i) => ({
        fingerprint: `killed-${run}-${i}`,
        type: e.type,
        audience_id: sandbox.audienceId,
        email,
        fired_at: new Date(Math.floor(at.getTime() / 1000) * 1000),
        payload: { type: e.type, fired_at: fields.fired_at, data: { email, list_id: sandbox.audienceId, ...e.data } },
      }))
      // No apply job of the tests before may still run: it would claim these events before the "killed" worker.
      await queueIdle()
      // Stored without a job (as if Redis lost it), then claimed by a worker that dies before applying any.
      await service.storeWebhookEvents(events)
      const claimed = await service.claimWebhookEvents({ limit: 100, leaseSeconds: 2 })
      expect(claimed.filter((e) => e.email === email).map((e) => e.type)).toEqual(["subscribe", "unsubscribe", "subscribe"])
      // While the lease holds, no one else takes this member's events.
      expect((await service.claimWebhookEvents({ limit: 100, leaseSeconds: 60 })).filter((e) => e.email === email)).toHaveLength(0)

      await waitFor(async () => {
        await reconcile()
        return (await pending([email])) === 0
      }, 60_000, 1_000)
      expect((await eventsOf([email])).map((e) => e.status)).toEqual(["applied", "applied", "applied"])
      expect((await memberRow(email)).status).toBe("subscribed")
    })

    it("a delivery whose group could not be written is answered 503; sent again, it is stored and applied", async () => {
      const email = address()
      const [body] = deliveriesOf(email, 1, new Date(Date.now() - 5_000))
      await pg().raw(`ALTER TABLE mailchimp_webhook_event RENAME TO mailchimp_webhook_event_away`)
      let refused: Response[]
      try {
        refused = await Promise.all([post(body), post(deliveriesOf(address(), 3, new Date())[0])])
      } finally {
        await pg().raw(`ALTER TABLE mailchimp_webhook_event_away RENAME TO mailchimp_webhook_event`)
      }
      expect(refused.map((r) => r.status)).toEqual([503, 503])
      expect(await eventsOf([email])).toHaveLength(0)

      const retried = await post(body)
      expect(retried.status).toBe(200)
      expect(await retried.json()).toEqual({ received: true, duplicate: false })
      await waitFor(async () => (await eventsOf([email])).some((e) => e.status === "applied"), 30_000, 250)
      expect((await memberRow(email)).status).toBe("subscribed")
    })
  },
})
