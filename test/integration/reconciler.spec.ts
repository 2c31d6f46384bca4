import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createHash } from "node:crypto"
import reconcileJob from "../../src/jobs/reconcile"
import { MAILCHIMP_COMMERCE_MODULE } from "../../src/modules/mailchimp-commerce"
import type { IMailchimpCommerceService } from "../../src/types/mailchimp-commerce-module"
import { reconcileWorkflow } from "../../src/workflows/reconcile"
import { reconcileReport, type ReconcileReport } from "../../src/workflows/reconcile-report"
import { PluginEnv, startPluginEnv, stopPluginEnv } from "../support/plugin-env"
import { waitFor } from "../support/redis-server"
import { betweenScheduledRuns, expectReportAddsUp, lastReconcileRun } from "../support/scheduled-reconcile"
import { testDbName } from "../support/test-db"
import { useSeededStore } from "../support/spec-store"

/**
 * The reconciler finds only work that is not done, and its report (the sync screen's "Found unfinished") says
 * what became of every row it found: per job kind, found = queued + already queued + unavailable + skipped.
 */
jest.setTimeout(240_000)

let env: PluginEnv

beforeAll(async () => {
  // Every pending row is work at once: the tests decide what is pending.
  env = await startPluginEnv({ env: { MAILCHIMP_RECONCILE_AFTER_S: "0" } })
})

afterAll(async () => {
  await stopPluginEnv(env)
})

medusaIntegrationTestRunner({
  dbName: testDbName("reconciler"),
  testSuite: ({ api, getContainer }) => {
    const spec = useSeededStore({ api, getContainer }, () => env, { admin: true })
    const commerce = () => getContainer().resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
    let n = 0
    // An order sync nobody queued (its job lost with Redis): the order does not exist, so its job ends it skipped.
    const lostOrderWrite = async () => {
      const id = `order_reconciler_${++n}_${Date.now()}`
      await commerce().requestSync([{ object_type: "order", object_id: id }])
      return id
    }
    const statusOf = async (id: string) => (await commerce().getSync("order", id))?.status
    const lastRun = () => lastReconcileRun(spec.service)

    it("each run's report is its own: a kind found by one run is not in the next one's", async () => {
      await betweenScheduledRuns(spec.service)
      // The seeded store's own writes done first, so that this test decides what is unfinished.
      await waitFor(async () => !(await commerce().listCommerceSyncs({ status: "pending" }, { take: 1, select: ["id"] })).length, 30_000)
      const id = await lostOrderWrite()
      await reconcileJob(getContainer())
      const first = await lastRun()
      expect(first.result).toEqual(
        expect.objectContaining({
          found: { "commerce.order.sync": 1 },
          kinds: { "commerce.order.sync": { found: 1, queued: 1, already_queued: 0, unavailable: 0, skipped: 0, skipped_reasons: {} } },
        })
      )
      await waitFor(async () => (await statusOf(id)) === "skipped", 30_000)

      await reconcileJob(getContainer())
      const second = await lastRun()
      expect(second.id).toBe(first.id)
      expect(new Date(second.started_at).getTime()).toBeGreaterThanOrEqual(new Date(first.finished_at).getTime())
      // The ORM merged the json into the row: the first run's kind stayed in every later report.
      expect(second.result).toEqual({ found: {}, queued: 0, already_queued: 0, unavailable: 0, skipped: 0, kinds: {} })
    })

    it("an archived member's customer change is not work: customer.sync leaves archived members alone", async () => {
      const audience_id = env.sandbox.audienceId
      const changed = new Date(Date.now() - 120_000)
      const linked = (email: string, customer_id: string, status: "subscribed" | "archived") => ({
        audience_id,
        email,
        customer_id,
        status,
        status_at: changed,
        status_source: "checkout" as const,
        customer_changed_at: changed,
      })
      await spec.service.createMembers([
        linked(`kept-${Date.now()}@example.com`, "cus_reconciler_kept", "subscribed"),
        linked(`archived-${Date.now()}@example.com`, "cus_reconciler_archived", "archived"),
      ])
      const { result } = await reconcileWorkflow(getContainer()).run({
        input: { olderThanSeconds: 0, limit: 1_000, now: new Date(Date.now() + 60_000).toISOString() },
      })
      const customers = result.jobs.filter((j) => j.name === "customer.sync").map((j) => (j.payload as { customer_id: string }).customer_id)
      expect(customers).toContain("cus_reconciler_kept")
      expect(customers).not.toContain("cus_reconciler_archived")
    })

    it("the report adds up per kind (work still queued counted as such) and the sync screen shows it", async () => {
      await betweenScheduledRuns(spec.service)
      const waiting = await lostOrderWrite()
      const lost = await lostOrderWrite()
      // One of them still has its job, delayed: the reconciler leaves it there.
      expect(await spec.service.getQueue().enqueue("commerce.order.sync", { order_id: waiting }, { delayMs: 600_000 })).toBe("queued")
      await reconcileJob(getContainer())
      const run = await lastRun()
      expect(run.result.kinds["commerce.order.sync"]).toEqual({
        found: 2,
        queued: 1,
        already_queued: 1,
        unavailable: 0,
        skipped: 0,
        skipped_reasons: {},
      })
      expectReportAddsUp(run.result as ReconcileReport)

      const res = await fetch(`${api.defaults.baseURL}/admin/mailchimp/sync`, { headers: spec.admin })
      expect(res.status).toBe(200)
      expect((await res.json()).sync.reconciler.last_run.result).toEqual(run.result)
      await waitFor(async () => (await statusOf(lost)) === "skipped", 30_000)
      expect(await statusOf(waiting)).toBe("pending")
    })

    it("walks pending writes a page a run after a cursor kept in Postgres: it moves on, laps, and every lost row is queued", async () => {
      await betweenScheduledRuns(spec.service)
      // Redis lost with five writes pending; a page of two a run: the walk takes three runs, each after the last.
      const lost = [await lostOrderWrite(), await lostOrderWrite(), await lostOrderWrite(), await lostOrderWrite(), await lostOrderWrite()]
      const lapsBefore = (await commerce().reconcileCursor())?.laps ?? 0
      const now = new Date(Date.now() + 60_000).toISOString()
      const found = new Set<string>()
      const cursors: string[] = []
      for (let runs = 1; ; runs++) {
        const { result } = await reconcileWorkflow(getContainer()).run({ input: { olderThanSeconds: 0, limit: 1_000, syncLimit: 2, now } })
        const orders = result.jobs.filter((j) => j.name === "commerce.order.sync")
        expect(orders.length).toBeLessThanOrEqual(2)
        orders.forEach((j, i) => {
          found.add((j.payload as { order_id: string }).order_id)
          expect(["queued", "already-queued"]).toContain(result.queued[result.jobs.indexOf(j)])
          expect(i).toBeLessThan(2)
        })
        const cursor = (await commerce().reconcileCursor())!
        if (cursor.laps > lapsBefore) {
          // The walk reached the end: the cursor is back at the start, one lap on, and it took a run per page.
          expect(cursor).toEqual({ after_id: null, laps: lapsBefore + 1 })
          expect(runs).toBeGreaterThanOrEqual(3)
          break
        }
        // Not at the end: the cursor stands after this page, somewhere no earlier run stood.
        expect(cursor.after_id).not.toBeNull()
        expect(cursors).not.toContain(cursor.after_id)
        cursors.push(cursor.after_id!)
        expect(runs).toBeLessThan(10)
      }
      expect(cursors.length).toBeGreaterThanOrEqual(2)
      for (const id of lost) expect(found).toContain(id)
      // The queue drains them: each job ends its row (the orders do not exist: skipped).
      await waitFor(async () => (await Promise.all(lost.map(statusOf))).every((s) => s === "skipped"), 30_000)
    })

    it("walks consents, erasures and customer changes a page a run after their cursors: all queued again within ceil(N/page) runs and a lap", async () => {
      await betweenScheduledRuns(spec.service)
      const page = 2
      const tag = `walk${Date.now()}`
      const audience_id = env.sandbox.audienceId
      const at = new Date(Date.now() - 120_000)
      // Redis lost with five of each unfinished; the two oldest of each still have their job (delayed): already queued.
      const consents = await spec.service.createConsents(
        Array.from({ length: 5 }, (_, i) => ({
          email: `${tag}-${i}@example.com`,
          audience_id,
          action: "opt_in" as const,
          source: "signup" as const,
          evidence: { at: at.toISOString() },
        }))
      )
      // Held back by Mailchimp's anti-abuse check until tomorrow: no run takes it.
      const [held] = await spec.service.createConsents([
        { email: `${tag}-held@example.com`, audience_id, action: "opt_in", source: "signup", evidence: {}, retry_at: new Date(Date.now() + 86_400_000) },
      ])
      const erasures = await spec.service.createErasures(
        Array.from({ length: 5 }, (_, i) => ({
          audience_id,
          subscriber_hash: createHash("md5").update(`${tag}-erased-${i}@example.com`).digest("hex"),
          mode: "archive" as const,
          trigger: "admin_request" as const,
          requested_at: at,
        }))
      )
      const customers = Array.from({ length: 5 }, (_, i) => `cus_${tag}_${i}`)
      await spec.service.createMembers(
        customers.map((customer_id, i) => ({
          audience_id,
          email: `${tag}-member-${i}@example.com`,
          customer_id,
          status: "subscribed" as const,
          status_at: at,
          status_source: "checkout" as const,
          customer_changed_at: at,
        }))
      )
      const queue = spec.service.getQueue()
      for (const c of consents.slice(0, 2)) await queue.enqueue("consent.sync", { consent_id: c.id }, { delayMs: 600_000 })
      for (const e of erasures.slice(0, 2)) await queue.enqueue("member.erase", { erasure_id: e.id }, { delayMs: 600_000 })
      for (const id of customers.slice(0, 2)) await queue.enqueue("customer.sync", { customer_id: id }, { delayMs: 600_000 })

      // Every unfinished row of each source, ours and any an earlier test left: the walk's length.
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const { rows: counts } = await pg.raw(`SELECT
        (SELECT count(*) FROM mailchimp_consent WHERE sync_status = 'pending' AND deleted_at IS NULL) AS consents,
        (SELECT count(*) FROM mailchimp_erasure WHERE status = 'pending' AND deleted_at IS NULL) AS erasures,
        (SELECT count(*) FROM mailchimp_member WHERE customer_changed_at IS NOT NULL AND deleted_at IS NULL
          AND (customer_synced_at IS NULL OR customer_changed_at > customer_synced_at)) AS members`)
      const longest = Math.max(...Object.values(counts[0] as Record<string, string>).map(Number))
      const runs = Math.ceil(longest / page) + 1

      const found = { consents: new Set<string>(), erasures: new Set<string>(), customers: new Set<string>() }
      // Rows the worker touches from now on (jobs of earlier tests, or of this walk) move to the walk's end: left out,
      // as a real run leaves out what changed within its reconcile delay, so that no row takes a page's place twice.
      const now = new Date().toISOString()
      const reports: ReconcileReport[] = []
      for (let run = 0; run < runs; run++) {
        const { result } = await reconcileWorkflow(getContainer()).run({ input: { olderThanSeconds: 0, limit: page, syncLimit: 1_000, now } })
        const ids = (name: string, key: string) => result.jobs.filter((j) => j.name === name).map((j) => (j.payload as Record<string, string>)[key])
        const taken = [...ids("consent.sync", "consent_id"), ...ids("consent.unsubscribe", "consent_id")]
        expect(taken.length).toBeLessThanOrEqual(page)
        expect(ids("member.erase", "erasure_id").length).toBeLessThanOrEqual(page)
        expect(ids("customer.sync", "customer_id").length).toBeLessThanOrEqual(page)
        taken.forEach((id) => found.consents.add(id))
        ids("member.erase", "erasure_id").forEach((id) => found.erasures.add(id))
        ids("customer.sync", "customer_id").forEach((id) => found.customers.add(id))
        reports.push(reconcileReport(result.jobs, result.queued))
      }
      for (const c of consents) expect(found.consents).toContain(c.id)
      for (const e of erasures) expect(found.erasures).toContain(e.id)
      for (const id of customers) expect(found.customers).toContain(id)
      expect(found.consents).not.toContain(held.id)
      // Each run's report adds up, the already queued ones counted as such.
      reports.forEach(expectReportAddsUp)
      expect(reports.reduce((n, r) => n + r.already_queued, 0)).toBeGreaterThanOrEqual(6)
      // Each walk's cursor is kept in Postgres, and each reached the end at least once.
      const cursors = await spec.service.reconcileCursors()
      for (const source of ["consents", "erasures", "customer_changes"]) expect(cursors[source].laps).toBeGreaterThanOrEqual(1)
      // The already queued ones stay where they were: their delayed job still waits.
      for (const c of consents.slice(0, 2)) expect((await spec.service.retrieveConsent(c.id)).sync_status).toBe("pending")
    })

    it("a row whose job the queue refuses is skipped with the field named; the rest of the page is queued", async () => {
      await betweenScheduledRuns(spec.service)
      const lost = await lostOrderWrite()
      // An order write with no order id (no route makes one; a hand-made row, say): its payload does not parse.
      await commerce().requestSync([{ object_type: "order", object_id: "" }])
      try {
        await reconcileJob(getContainer())
        const run = await lastRun()
        expect(run.outcome).toBe("ok")
        expect(run.result.kinds["commerce.order.sync"]).toEqual(
          expect.objectContaining({ found: 2, queued: 1, skipped: 1, skipped_reasons: { "payload refused: order_id": 1 } })
        )
        expectReportAddsUp(run.result as ReconcileReport)
        await waitFor(async () => (await statusOf(lost)) === "skipped", 30_000)
      } finally {
        await getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION).raw(`DELETE FROM mailchimp_commerce_sync WHERE object_type = 'order' AND object_id = ''`)
      }
    })
  },
})
