import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import reconcileJob from "../../src/jobs/reconcile"
import { MAILCHIMP_COMMERCE_MODULE } from "../../src/modules/mailchimp-commerce"
import { RECONCILE_JOB_NAME } from "../../src/modules/mailchimp/scheduled-jobs"
import type { IMailchimpCommerceService } from "../../src/types/mailchimp-commerce-module"
import { reconcileWorkflow } from "../../src/workflows/reconcile"
import { PluginEnv, startPluginEnv, stopPluginEnv } from "../support/plugin-env"
import { waitFor } from "../support/redis-server"
import { testDbName } from "../support/test-db"
import { useSeededStore } from "../support/spec-store"

/**
 * The reconciler finds only work that is not done, and its report (the sync screen's "Found unfinished") says
 * what became of every row it found: per job kind, found = queued + already queued + unavailable.
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
    const lastRun = async () => (await spec.service.listJobRuns({ name: RECONCILE_JOB_NAME }, { take: 1 }))[0]

    it("each run's report is its own: a kind found by one run is not in the next one's", async () => {
      // The seeded store's own writes done first, so that this test decides what is unfinished.
      await waitFor(async () => !(await commerce().listCommerceSyncs({ status: "pending" }, { take: 1, select: ["id"] })).length, 30_000)
      const id = await lostOrderWrite()
      await reconcileJob(getContainer())
      const first = await lastRun()
      expect(first.result).toEqual(
        expect.objectContaining({
          found: { "commerce.order.sync": 1 },
          kinds: { "commerce.order.sync": { found: 1, queued: 1, already_queued: 0, unavailable: 0 } },
        })
      )
      await waitFor(async () => (await statusOf(id)) === "skipped", 30_000)

      await reconcileJob(getContainer())
      const second = await lastRun()
      expect(second.id).toBe(first.id)
      expect(new Date(second.started_at).getTime()).toBeGreaterThanOrEqual(new Date(first.finished_at).getTime())
      // The ORM merged the json into the row: the first run's kind stayed in every later report.
      expect(second.result).toEqual({ found: {}, queued: 0, already_queued: 0, unavailable: 0, kinds: {} })
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
      const waiting = await lostOrderWrite()
      const lost = await lostOrderWrite()
      // One of them still has its job, delayed: the reconciler leaves it there.
      expect(await spec.service.getQueue().enqueue("commerce.order.sync", { order_id: waiting }, { delayMs: 600_000 })).toBe("queued")
      await reconcileJob(getContainer())
      const run = await lastRun()
      expect(run.result.kinds["commerce.order.sync"]).toEqual({ found: 2, queued: 1, already_queued: 1, unavailable: 0 })
      for (const kind of Object.values(run.result.kinds as Record<string, Record<string, number>>)) {
        expect(kind.queued + kind.already_queued + kind.unavailable).toBe(kind.found)
      }
      const found = Object.values(run.result.found as Record<string, number>).reduce((a, b) => a + b, 0)
      expect(run.result.queued + run.result.already_queued + run.result.unavailable).toBe(found)

      const res = await fetch(`${api.defaults.baseURL}/admin/mailchimp/sync`, { headers: spec.admin })
      expect(res.status).toBe(200)
      expect((await res.json()).sync.reconciler.last_run.result).toEqual(run.result)
      await waitFor(async () => (await statusOf(lost)) === "skipped", 30_000)
      expect(await statusOf(waiting)).toBe("pending")
    })

    it("walks pending writes a page a run after a cursor kept in Postgres: it moves on, laps, and every lost row is queued", async () => {
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
  },
})
