import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { Queue } from "bullmq"
import type { RunningSandbox } from "@medusa-mailchimp/sandbox"
import { MailchimpClient, MemberEventsApi, subscriberHash } from "../../src/mailchimp"
import { MAILCHIMP_MODULE } from "../../src/modules/mailchimp"
import { MAILCHIMP_COMMERCE_MODULE } from "../../src/modules/mailchimp-commerce"
import { makeRecoveryToken, recoveryKey } from "../../src/modules/mailchimp-commerce/carts/recovery-token"
import { QUEUE_NAME } from "../../src/modules/mailchimp/queue-runtime/queue"
import { JOURNEY_EVENT_NAMES, MAILCHIMP_EVENT_NAME } from "../../src/modules/mailchimp-journeys/catalogue"
import { MAILCHIMP_JOURNEYS_MODULE } from "../../src/modules/mailchimp-journeys"
import type { IMailchimpCommerceService } from "../../src/types/mailchimp-commerce-module"
import { jobHandlersFor } from "../../src/queue/job-handlers"
import type { IMailchimpJourneysService } from "../../src/types/mailchimp-journeys-module"
import type { IMailchimpModuleService } from "../../src/types/mailchimp-module"
import { recordJourneyEventsWorkflow } from "../../src/workflows/journeys/record-journey-events"
import { reconcileWorkflow } from "../../src/workflows/reconcile"
import { reconcileReport } from "../../src/workflows/reconcile-report"
import { adminCaller } from "../support/admin-auth"
import { PluginEnv, startPluginEnv, stopPluginEnv } from "../support/plugin-env"
import { waitFor } from "../support/redis-server"
import { betweenScheduledRuns, expectReportAddsUp } from "../support/scheduled-reconcile"
import type { SandboxControl } from "../support/sandbox-control"
import { addressMaker, audienceReads, useSeededStore } from "../support/spec-store"
import { checkout } from "../support/store-client"
import { testDbName } from "../support/test-db"

/**
 * Issue 22: store events become Mailchimp member events (docs/journey-events.md), each once, for members only.
 * Every wait is on a row's or the stand-in's state, never on time.
 */
jest.setTimeout(240_000)

let env: PluginEnv
let sandbox: RunningSandbox
let control: SandboxControl
let mc: MailchimpClient

beforeAll(async () => {
  env = await startPluginEnv({ env: { MAILCHIMP_RECONCILE_AFTER_S: "3600", MAILCHIMP_STOREFRONT_URL: "http://shop.test:8000" } })
  ;({ sandbox, control } = env)
  mc = new MailchimpClient({ apiKey: sandbox.apiKey, apiUrl: sandbox.apiBase })
})

afterAll(async () => {
  await mc?.close()
  await stopPluginEnv(env)
})

medusaIntegrationTestRunner({
  dbName: testDbName("journeys"),
  testSuite: (runner) => {
    const spec = useSeededStore(runner, () => env, { admin: true })
    const { waitForMember } = audienceReads(() => env)
    const email = addressMaker("journey")
    const journeys = () => runner.getContainer().resolve<IMailchimpJourneysService>(MAILCHIMP_JOURNEYS_MODULE)
    const admin = () => adminCaller(() => spec.baseUrl, () => spec.admin)
    const events = (address: string) => new MemberEventsApi(mc).list(sandbox.audienceId, subscriberHash(address), { count: 100 })
    /** POSTs of member events the stand-in received for an address. */
    const eventPosts = async (address: string) =>
      (await control.requests()).filter((r: any) => r.method === "POST" && String(r.path).endsWith(`/members/${subscriberHash(address)}/events`))
    /** Waits until none of the address's events is pending, then answers them by name. */
    const settled = async (address: string, count: number) => {
      const hash = subscriberHash(address)
      await waitFor(async () => {
        const rows = await journeys().listJourneyEvents({ email_hash: hash })
        return rows.length >= count && rows.every((r) => r.status !== "pending")
      }, 60_000)
      return Object.fromEntries((await journeys().listJourneyEvents({ email_hash: hash })).map((r) => [r.event, r]))
    }
    const turn = async (events: Record<string, boolean>, extra: object = {}) => {
      const res = await admin()("POST", "/admin/mailchimp/journeys", { events, ...extra })
      expect(res.status).toBe(200)
      return res.body.journeys
    }
    const buy = (address: string, optIn: false | "route" = "route") =>
      checkout(spec.shop, { regionId: spec.store.regionId, variantId: spec.store.variantIds[0], email: address, optIn })

    beforeEach(async () => {
      await turn(Object.fromEntries(JOURNEY_EVENT_NAMES.map((n) => [n, false])))
    })

    /** A member's order, with its lines; events turned on before it was placed. */
    const memberOrder = async () => {
      const address = email()
      const order = await buy(address)
      await waitForMember(address, "subscribed")
      const got = await admin()("GET", `/admin/orders/${order.id}?fields=id,*items`)
      expect(got.status).toBe(200)
      const items = (got.body.order.items as any[]).map((i) => ({ id: i.id as string, quantity: Number(i.quantity) }))
      return { address, order, items }
    }
    /** The stand-in's events of one name for an address, once every row of the address has settled. */
    const sentOnce = async (address: string, rows: number, name: string) => {
      const settledRows = await settled(address, rows)
      expect(settledRows[name]?.status).toBe("sent")
      const got = (await events(address)).events.filter((e) => e.name === name)
      expect(got).toHaveLength(1)
      const posts = (await eventPosts(address)).filter((r: any) => r.body?.name === name)
      expect(posts).toHaveLength(1)
      return got[0].properties as Record<string, string>
    }
    /** Admin: a fulfillment of every line, then its shipment with one label. */
    const fulfilAndShip = async (orderId: string, items: { id: string; quantity: number }[]) => {
      const made = await admin()("POST", `/admin/orders/${orderId}/fulfillments?fields=id,fulfillments.id`, { items })
      expect(made.status).toBe(200)
      const fulfillmentId = made.body.order.fulfillments.at(-1).id as string
      const label = { tracking_number: "TRACK-123", tracking_url: "https://track.example.com/TRACK-123", label_url: "https://labels.example.com/1.pdf" }
      const shipped = await admin()("POST", `/admin/orders/${orderId}/fulfillments/${fulfillmentId}/shipments`, { items, labels: [label] })
      expect(shipped.status).toBe(200)
      return { fulfillmentId, label }
    }

    it("order shipped (shipment.created) and delivered (delivery.created): once each, with the tracking label", async () => {
      await turn({ order_shipped: true, order_delivered: true })
      const { address, order, items } = await memberOrder()
      const { fulfillmentId, label } = await fulfilAndShip(order.id, items)
      const shipped = await sentOnce(address, 1, "order_shipped")
      expect(shipped).toEqual(
        expect.objectContaining({ order_id: order.id, tracking_number: label.tracking_number, tracking_url: label.tracking_url, currency: "USD" })
      )
      const delivered = await admin()("POST", `/admin/orders/${order.id}/fulfillments/${fulfillmentId}/mark-as-delivered`, {})
      expect(delivered.status).toBe(200)
      expect(await sentOnce(address, 2, "order_delivered")).toEqual(
        expect.objectContaining({ order_id: order.id, tracking_number: label.tracking_number, tracking_url: label.tracking_url })
      )
      expect(await eventPosts(address)).toHaveLength(2)
    })

    it("order refunded (payment.refunded): once, with the refund's amount", async () => {
      await turn({ order_refunded: true })
      const { address, order } = await memberOrder()
      const got = await admin()("GET", `/admin/orders/${order.id}?fields=id,payment_collections.payments.id`)
      const paymentId = got.body.order.payment_collections[0].payments[0].id as string
      expect((await admin()("POST", `/admin/payments/${paymentId}/capture`, {})).status).toBe(200)
      expect((await admin()("POST", `/admin/payments/${paymentId}/refund`, { amount: 10 })).status).toBe(200)
      expect(await sentOnce(address, 1, "order_refunded")).toEqual(expect.objectContaining({ order_id: order.id, refund_amount: "10.00" }))
      expect(await eventPosts(address)).toHaveLength(1)
    })

    it("return requested and received (order.return_requested, order.return_received): once each, naming the return", async () => {
      await turn({ return_requested: true, return_received: true })
      const { address, order, items } = await memberOrder()
      await fulfilAndShip(order.id, items)
      // The warehouse the goods come back to (Medusa refuses to receive a return without one).
      const [location] = (await admin()("GET", "/admin/stock-locations?fields=id")).body.stock_locations
      const opened = await admin()("POST", "/admin/returns", { order_id: order.id, location_id: location.id })
      expect(opened.status).toBe(200)
      const returnId = opened.body.return.id as string
      expect((await admin()("POST", `/admin/returns/${returnId}/request-items`, { items })).status).toBe(200)
      expect((await admin()("POST", `/admin/returns/${returnId}/request`, {})).status).toBe(200)
      expect(await sentOnce(address, 1, "return_requested")).toEqual(expect.objectContaining({ order_id: order.id, return_id: returnId }))

      expect((await admin()("POST", `/admin/returns/${returnId}/receive`, {})).status).toBe(200)
      expect((await admin()("POST", `/admin/returns/${returnId}/receive-items`, { items })).status).toBe(200)
      expect((await admin()("POST", `/admin/returns/${returnId}/receive/confirm`, {})).status).toBe(200)
      expect(await sentOnce(address, 2, "return_received")).toEqual(expect.objectContaining({ order_id: order.id, return_id: returnId }))
      expect(await eventPosts(address)).toHaveLength(2)
    })

    it("spent over X: once, on the order that crosses it, not on the next", async () => {
      await turn({ spent_over: true }, { spent_over: 50 })
      const address = email()
      const first = await buy(address)
      await waitForMember(address, "subscribed")
      const firstTotal = Number(first.total)
      // The seeded order is under 50: the threshold is crossed by the second or a later one.
      expect(firstTotal).toBeGreaterThan(0)
      expect(firstTotal).toBeLessThan(50)
      let spent = firstTotal
      let crossing = first
      while (spent < 50) {
        crossing = await buy(address)
        spent += Number(crossing.total)
      }
      const after = await buy(address)
      const properties = await sentOnce(address, 1, "spent_over")
      expect(properties).toEqual(expect.objectContaining({ order_id: crossing.id, threshold: "50", total_spent: spent.toFixed(2) }))
      // The next order (its subscriber may still be running): recording it again makes nothing.
      const again = await recordJourneyEventsWorkflow(runner.getContainer()).run({ input: { kind: "order_placed", order_id: after.id } })
      expect(again.result).toEqual([])
      expect(await eventPosts(address)).toHaveLength(1)
    })

    it("cart recovered: an order from a cart whose recovery link was opened, once", async () => {
      await turn({ cart_recovered: true })
      const address = email()
      const key = recoveryKey(runner.getContainer().resolve<IMailchimpModuleService>(MAILCHIMP_MODULE).getEvidenceKey())
      const order = await checkout(spec.shop, {
        regionId: spec.store.regionId,
        variantId: spec.store.variantIds[0],
        email: address,
        optIn: "route",
        // The link Mailchimp's abandoned-cart email carries (carts.md), opened before the checkout.
        beforeComplete: async (cartId) => {
          const token = makeRecoveryToken(key, cartId, Math.floor(Date.now() / 1000) + 3600)
          expect((await spec.shop.call("POST", "/store/mailchimp/cart-recovery", { token })).status).toBe(200)
        },
      })
      await waitForMember(address, "subscribed")
      expect(await sentOnce(address, 1, "cart_recovered")).toEqual(expect.objectContaining({ order_id: order.id }))
      // An order without a recovery: none.
      const plain = await buy(address)
      const made = await recordJourneyEventsWorkflow(runner.getContainer()).run({ input: { kind: "order_placed", order_id: plain.id } })
      expect(made.result).toEqual([])
      expect(await eventPosts(address)).toHaveLength(1)
    })

    it("each chosen store event reaches the stand-in once, with its properties, for a member", async () => {
      await turn({ order_placed: true, first_order: true, nth_order: true, order_canceled: true }, { nth_order: 2 })
      const address = email()
      const first = await buy(address)
      await waitForMember(address, "subscribed")
      const rows = await settled(address, 2)
      expect(Object.keys(rows).sort()).toEqual(["first_order", "order_placed"])
      expect(rows.order_placed.status).toBe("sent")
      const second = await buy(address)
      await settled(address, 4)
      await admin()("POST", `/admin/orders/${first.id}/cancel`)
      const all = await settled(address, 5)
      expect(Object.keys(all).sort()).toEqual(["first_order", "nth_order", "order_canceled", "order_placed"])

      const { events: got } = await events(address)
      const byName = (name: string) => got.filter((e) => e.name === name)
      expect(byName("order_placed")).toHaveLength(2)
      expect(byName("first_order")).toEqual([
        expect.objectContaining({ properties: expect.objectContaining({ order_id: first.id, currency: "USD", product_names: expect.any(String) }) }),
      ])
      expect(byName("nth_order")).toEqual([expect.objectContaining({ properties: expect.objectContaining({ order_id: second.id, order_count: "2" }) })])
      expect(byName("order_canceled")).toEqual([expect.objectContaining({ properties: expect.objectContaining({ order_id: first.id }) })])
      for (const e of got) {
        expect(e.name).toMatch(MAILCHIMP_EVENT_NAME)
        for (const v of Object.values(e.properties)) expect(typeof v).toBe("string")
        // no personal data in the properties
        expect(JSON.stringify(e.properties)).not.toContain(address)
      }
      expect(await eventPosts(address)).toHaveLength(5)

      const view = (await admin()("GET", "/admin/mailchimp/journeys")).body.journeys
      const placed = view.events.find((e: any) => e.name === "order_placed")
      expect(placed).toEqual(expect.objectContaining({ enabled: true, sent_30d: expect.any(Number), last_failure: null }))
      expect(placed.sent_30d).toBeGreaterThanOrEqual(2)
    })

    it("nothing for a non-member or an erased address", async () => {
      await turn({ order_placed: true, first_order: true })
      const stranger = email()
      await buy(stranger, false)
      const strangerRows = await settled(stranger, 2)
      expect(Object.values(strangerRows).map((r) => [r.status, r.reason])).toEqual([
        ["skipped", "not_in_audience"],
        ["skipped", "not_in_audience"],
      ])
      expect(await eventPosts(stranger)).toHaveLength(0)

      const erased = email()
      const order = await buy(erased)
      await waitForMember(erased, "subscribed")
      await settled(erased, 2)
      expect(await eventPosts(erased)).toHaveLength(2)
      const res = await admin()("POST", "/admin/mailchimp/erasures", { email: erased })
      expect(res.status).toBeLessThan(300)
      await waitFor(async () => (await spec.service.erasedSince([erased])).size > 0, 30_000)
      // Erasure leaves nothing: no event row keeps the address's hash or names its order.
      expect(await journeys().listJourneyEvents({ email_hash: subscriberHash(erased) })).toEqual([])
      expect(await journeys().listJourneyEvents({ order_id: order.id })).toEqual([])
      // A later store event about the erased buyer's order: never sent (no row when the order no longer names
      // the address, else a row skipped as erased that keeps neither the hash nor the properties).
      await turn({ order_canceled: true })
      const ids = (await recordJourneyEventsWorkflow(runner.getContainer()).run({ input: { kind: "order_canceled", order_id: order.id } })).result
      for (const id of ids) {
        await jobHandlersFor(spec.service)["journey.event.send"]!({ journey_event_id: id } as never, { attempt: 1, isLastAttempt: false } as never)
        const [row] = await journeys().listJourneyEvents({ id })
        expect([row.status, row.reason, row.email_hash, row.properties]).toEqual(["skipped", "erased", "", {}])
      }
      expect(await eventPosts(erased)).toHaveLength(2)
    })

    it("a retried job or a repeated store event sends nothing twice", async () => {
      await turn({ order_placed: true })
      const address = email()
      const order = await buy(address)
      await waitForMember(address, "subscribed")
      const { order_placed: row } = await settled(address, 1)
      expect(row.status).toBe("sent")
      expect(await eventPosts(address)).toHaveLength(1)

      // The same job run again (a retry after a lost acknowledgement) and the same store event delivered again.
      const handler = jobHandlersFor(spec.service)["journey.event.send"]!
      await handler({ journey_event_id: row.id } as never, { attempt: 2, isLastAttempt: false } as never)
      const again = await recordJourneyEventsWorkflow(runner.getContainer()).run({ input: { kind: "order_placed", order_id: order.id } })
      expect(again.result).toEqual([])
      expect(await eventPosts(address)).toHaveLength(1)
      expect((await events(address)).total_items).toBe(1)
    })

    it("an event whose job was lost (Redis) is queued again by the reconciler and sent once", async () => {
      await turn({ order_placed: true, order_canceled: true })
      const address = email()
      const order = await buy(address)
      await waitForMember(address, "subscribed")
      await settled(address, 1)
      // Recorded in Postgres, its job never queued: what a lost Redis leaves behind.
      const [lost] = await journeys().createJourneyEvents([
        {
          event: "order_canceled",
          subject_id: order.id,
          order_id: order.id,
          email_hash: subscriberHash(address),
          properties: { order_id: order.id },
          occurred_at: new Date(),
        },
      ])
      const reconcile = async () =>
        (
          await reconcileWorkflow(runner.getContainer()).run({
            input: { olderThanSeconds: 0, limit: 1_000, now: new Date(Date.now() + 60_000).toISOString() },
          })
        ).result
      const first = await reconcile()
      expect(first.jobs).toContainEqual({ name: "journey.event.send", payload: { journey_event_id: lost.id } })
      await waitFor(async () => (await journeys().listJourneyEvents({ id: lost.id }))[0].status === "sent", 60_000)
      const posts = (await eventPosts(address)).length
      // Sent, it is no longer work: a later run finds nothing of it, and nothing is sent again.
      const second = await reconcile()
      expect(second.jobs.filter((j) => j.name === "journey.event.send")).not.toContainEqual(
        expect.objectContaining({ payload: { journey_event_id: lost.id } })
      )
      expect(await eventPosts(address)).toHaveLength(posts)
    })

    it("walks pending events a page a run after their cursor: every lost one queued again within ceil(N/page) runs and a lap", async () => {
      const page = 2
      const tag = `walk${Date.now()}`
      // Every event is off (beforeEach): a job queued again settles its row at once, skipped as turned off.
      const pendingEvents = (from: number, count: number) =>
        journeys().createJourneyEvents(
          Array.from({ length: count }, (_, i) => ({
            event: "order_placed",
            subject_id: `${tag}-${from + i}`,
            order_id: `order_${tag}_${from + i}`,
            email_hash: subscriberHash(`${tag}-${from + i}@example.com`),
            properties: {},
            occurred_at: new Date(),
          }))
        )
      // Redis lost with seven events pending; the two oldest still have their job, delayed: already queued, they stay
      // pending all along, so a walk that ignored its cursor would take them again and again.
      const waiting = await pendingEvents(0, 2)
      const lost = await pendingEvents(2, 5)
      const queue = spec.service.getQueue()
      for (const e of waiting) expect(await queue.enqueue("journey.event.send", { journey_event_id: e.id }, { delayMs: 600_000 })).toBe("queued")
      const inspector = new Queue(QUEUE_NAME, { connection: { url: env.redis.url }, prefix: spec.service.getOptions().queuePrefix })
      // Lets the delayed jobs run now (the queue idle for the next tests); their rows settle as turned off.
      const release = () => Promise.all(waiting.map(async (e) => (await inspector.getJob(`journey.event.send-${e.id}`))?.promote().catch(() => undefined)))
      try {
        await betweenScheduledRuns(spec.service)
        // Rows the worker touches from now on are left out, as a real run leaves out what changed within its
        // reconcile delay: no row takes a page's place twice.
        const now = new Date().toISOString()
        // Every pending event, ours and any an earlier test left: the walk's length.
        const pg = runner.getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        const { rows: counted } = await pg.raw(
          `SELECT count(*) AS pending FROM mailchimp_journey_event WHERE status = 'pending' AND deleted_at IS NULL AND updated_at <= ?`,
          [now]
        )
        const runs = Math.ceil(Number(counted[0].pending) / page) + 1
        const lapsBefore = (await journeys().journeyReconcileCursor())?.laps ?? 0
        let laps = lapsBefore
        // Within a lap no event is taken twice and the cursor stands nowhere twice.
        let lapEvents = new Set<string>()
        let lapCursors: string[] = []
        const queued = new Set<string>()
        const alreadyQueued = new Set<string>()
        for (let run = 0; run < runs; run++) {
          const { result } = await reconcileWorkflow(runner.getContainer()).run({ input: { olderThanSeconds: 0, limit: page, now } })
          expectReportAddsUp(reconcileReport(result.jobs, result.queued))
          const sends = result.jobs.flatMap((j, i) =>
            j.name === "journey.event.send" ? [{ id: (j.payload as { journey_event_id: string }).journey_event_id, outcome: result.queued[i] }] : []
          )
          expect(sends.length).toBeLessThanOrEqual(page)
          for (const { id, outcome } of sends) {
            expect(lapEvents).not.toContain(id)
            lapEvents.add(id)
            if (outcome === "queued") queued.add(id)
            if (outcome === "already-queued") alreadyQueued.add(id)
          }
          const cursor = (await journeys().journeyReconcileCursor())!
          if (cursor.laps > laps) {
            // A short page ended the walk: the cursor is back at the start, one lap on.
            expect(sends.length).toBeLessThan(page)
            expect(cursor).toEqual({ after_id: null, laps: laps + 1 })
            laps = cursor.laps
            lapEvents = new Set()
            lapCursors = []
          } else {
            // A full page: the cursor stands after its last event, somewhere no earlier run of the lap stood.
            expect(sends.length).toBe(page)
            expect(cursor).toEqual({ after_id: sends.at(-1)!.id, laps })
            expect(lapCursors).not.toContain(cursor.after_id)
            lapCursors.push(cursor.after_id!)
          }
        }
        expect(laps).toBeGreaterThan(lapsBefore)
        for (const e of lost) expect(queued).toContain(e.id)
        for (const e of waiting) {
          expect(alreadyQueued).toContain(e.id)
          expect(queued).not.toContain(e.id)
        }
        await release()
        const ours = [...waiting, ...lost].map((e) => e.id)
        await waitFor(async () => (await journeys().listJourneyEvents({ id: ours })).every((r) => r.status === "skipped"), 30_000)
      } finally {
        await release()
        await inspector.close()
      }
    })

    it("never for history: an order placed before an event was turned on makes none, later store events included", async () => {
      // Placed while every event is off (what the backfill sends is such an order: placed before any was on).
      const address = email()
      const old = await buy(address)
      await waitForMember(address, "subscribed")
      await turn({ order_placed: true, order_canceled: true })
      // A later store event about it (its cancellation, through the subscriber) and the same events replayed here.
      expect((await admin()("POST", `/admin/orders/${old.id}/cancel`)).status).toBe(200)
      for (const kind of ["order_placed", "order_canceled"] as const) {
        const made = await recordJourneyEventsWorkflow(runner.getContainer()).run({ input: { kind, order_id: old.id } })
        expect(made.result).toEqual([])
      }
      // A row the subscriber had made would be here by now (the replay above records the same subjects).
      expect(await journeys().listJourneyEvents({ order_id: old.id })).toEqual([])

      // The buyer's next order, placed after the switch: its event is sent, and it is the only one.
      const next = await buy(address)
      expect(await sentOnce(address, 1, "order_placed")).toEqual(expect.objectContaining({ order_id: next.id }))
      expect(await journeys().listJourneyEvents({ order_id: old.id })).toEqual([])
      expect(await eventPosts(address)).toHaveLength(1)
    })

    it("the admin shows an event Mailchimp refused as the event's last failure", async () => {
      await turn({ order_placed: true })
      const { address, order } = await memberOrder()
      await sentOnce(address, 1, "order_placed")
      // A second event of the order's buyer, recorded and waiting for its job (run here, so the refusal hits it).
      const [id] = await journeys().recordJourneyEvents([
        { event: "order_placed", subject_id: `refused-${order.id}`, order_id: order.id, email_hash: subscriberHash(address), properties: { order_id: order.id }, occurred_at: new Date() },
      ])
      // Mailchimp refuses it (a 400, not retried). The stand-in's fault answers every request, so nothing else may
      // be running: the queue is idle first, and the fault is lifted as soon as the job ran.
      await waitFor(async () => {
        const f = await spec.service.getQueue().figures()
        return f.waiting === 0 && f.active === 0 && f.delayed === 0
      }, 60_000)
      await control.faults({ error_rate: 1, error_status: 400 })
      try {
        await jobHandlersFor(spec.service)["journey.event.send"]!({ journey_event_id: id } as never, { attempt: 1, isLastAttempt: false } as never)
      } finally {
        await control.clearFaults()
      }
      const [row] = await journeys().listJourneyEvents({ id })
      expect(row.status).toBe("failed")
      expect(row.reason).toMatch(/^400 /)

      const view = (await admin()("GET", "/admin/mailchimp/journeys")).body.journeys
      const placed = view.events.find((e: any) => e.name === "order_placed")
      expect(placed).toEqual(expect.objectContaining({ enabled: true, sent_30d: 1, pending: 0, last_failure: row.reason, last_failure_at: expect.any(String) }))
      expect(new Date(placed.last_failure_at).getTime()).toBe(new Date(row.updated_at).getTime())
      // Other events keep no failure, and the refused event never reached the contact.
      expect(view.events.filter((e: any) => e.name !== "order_placed").map((e: any) => e.last_failure)).toEqual(
        JOURNEY_EVENT_NAMES.filter((n) => n !== "order_placed").map(() => null)
      )
      expect((await events(address)).total_items).toBe(1)
    })

    it("turning an event off stops it, even for events already queued", async () => {
      await turn({ order_placed: true })
      const address = email()
      await buy(address)
      await waitForMember(address, "subscribed")
      await settled(address, 1)
      await turn({ order_placed: false })
      const second = await buy(address)
      // The second order makes no row at all; a row queued before the switch is skipped when its job runs.
      const made = await recordJourneyEventsWorkflow(runner.getContainer()).run({ input: { kind: "order_placed", order_id: second.id } })
      expect(made.result).toEqual([])
      expect(await journeys().listJourneyEvents({ email_hash: subscriberHash(address) })).toHaveLength(1)
      const [queued] = await journeys().recordJourneyEvents([
        { event: "order_placed", subject_id: `manual-${Date.now()}`, order_id: (await journeys().listJourneyEvents({ email_hash: subscriberHash(address) }))[0].order_id, email_hash: subscriberHash(address), properties: {}, occurred_at: new Date() },
      ])
      await jobHandlersFor(spec.service)["journey.event.send"]!({ journey_event_id: queued } as never, { attempt: 1, isLastAttempt: false } as never)
      const [skipped] = await journeys().listJourneyEvents({ id: queued })
      expect([skipped.status, skipped.reason]).toEqual(["skipped", "turned_off"])
      expect(await eventPosts(address)).toHaveLength(1)
    })

    it("site script: the store's own connected site, else one made for the storefront's domain; given to the storefront only when on", async () => {
      const settings = async () => (await spec.shop.call("GET", "/store/newsletter/settings")).body.newsletter.site_script
      await turn({}, { site_script: false })
      expect(await settings()).toBeNull()

      // Mailchimp made a connected site with the e-commerce store: its script is the one kept.
      const storeId = runner.getContainer().resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE).getOptions().storeId
      const store = await mc.request<any>("GET", `/ecommerce/stores/${storeId}`).catch(() =>
        mc.request<any>("POST", "/ecommerce/stores", {
          body: { id: storeId, list_id: sandbox.audienceId, name: "Shop", currency_code: "USD", domain: "shop.test" },
        })
      )
      expect(store.connected_site.site_script.url).toEqual(expect.any(String))
      await journeys().saveJourneyConfig({ site_script_url: null, site_foreign_id: null })
      await turn({}, { site_script: true })
      await waitFor(async () => !!(await journeys().journeyConfig()).site_script_url, 30_000)
      expect(await settings()).toEqual({ url: store.connected_site.site_script.url })
      expect((await journeys().journeyConfig()).site_foreign_id).toBe(store.connected_site.site_foreign_id)

      // A store without one (no store yet here): a connected site for the storefront's domain, made once.
      await control.reset()
      await journeys().saveJourneyConfig({ site_script_url: null, site_foreign_id: null })
      await turn({}, { site_script: true })
      await waitFor(async () => !!(await journeys().journeyConfig()).site_script_url, 30_000)
      const { sites } = await mc.request<any>("GET", "/connected-sites")
      expect(sites).toEqual([expect.objectContaining({ domain: "shop.test" })])
      const url = (await settings()).url
      expect(url).toBe(sites[0].site_script.url)
      const script = await fetch(url)
      expect(script.status).toBe(200)
      expect(script.headers.get("content-type")).toMatch(/javascript/)

      // A connected site Mailchimp already holds for the storefront's domain (made by another tool): used, none made.
      await control.reset()
      const held = await mc.request<any>("POST", "/connected-sites", { body: { foreign_id: "merchant-own-site", domain: "shop.test" } })
      await journeys().saveJourneyConfig({ site_script_url: null, site_foreign_id: null })
      await turn({}, { site_script: true })
      await waitFor(async () => !!(await journeys().journeyConfig()).site_script_url, 30_000)
      expect(await settings()).toEqual({ url: held.site_script.url })
      expect((await journeys().journeyConfig()).site_foreign_id).toBe("merchant-own-site")
      expect((await mc.request<any>("GET", "/connected-sites")).sites).toEqual([expect.objectContaining({ foreign_id: "merchant-own-site" })])

      await turn({}, { site_script: false })
      expect(await settings()).toBeNull()
    })

    it("refuses an unknown event or a bad threshold with a 400 naming the field", async () => {
      const bad = await admin()("POST", "/admin/mailchimp/journeys", { events: { order_teleported: true } })
      expect(bad.status).toBe(400)
      expect(bad.text).toContain("events")
      const low = await admin()("POST", "/admin/mailchimp/journeys", { nth_order: 1 })
      expect(low.status).toBe(400)
      expect(low.text).toContain("nth_order")
    })
  },
})
