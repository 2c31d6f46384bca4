import { reconcileReport } from "../../../src/workflows/reconcile-report"

describe("reconcileReport", () => {
  it("says per job kind what became of the rows found, and the totals", () => {
    const jobs = [{ name: "customer.sync" }, { name: "commerce.order.sync" }, { name: "customer.sync" }, { name: "commerce.order.sync" }]
    const report = reconcileReport(jobs, ["queued", "already-queued", "unavailable", "queued"])
    expect(report).toEqual({
      found: { "customer.sync": 2, "commerce.order.sync": 2 },
      queued: 2,
      already_queued: 1,
      unavailable: 1,
      skipped: 0,
      kinds: {
        "customer.sync": { found: 2, queued: 1, already_queued: 0, unavailable: 1, skipped: 0, skipped_reasons: {} },
        "commerce.order.sync": { found: 2, queued: 1, already_queued: 1, unavailable: 0, skipped: 0, skipped_reasons: {} },
      },
    })
  })

  it("counts a job the queue refused as skipped, with its reason", () => {
    const jobs = [{ name: "commerce.order.sync" }, { name: "commerce.order.sync" }, { name: "commerce.order.sync" }]
    const report = reconcileReport(jobs, ["queued", { skipped: "payload refused: order_id" }, { skipped: "payload refused: order_id" }])
    expect(report.skipped).toBe(2)
    expect(report.kinds["commerce.order.sync"]).toEqual({
      found: 3,
      queued: 1,
      already_queued: 0,
      unavailable: 0,
      skipped: 2,
      skipped_reasons: { "payload refused: order_id": 2 },
    })
  })

  it("adds up: found = queued + already queued + unavailable + skipped, per kind and in total", () => {
    const names = ["consent.sync", "webhook.apply", "commerce.merge.sync"]
    const outcomes = ["queued", "already-queued", "unavailable", { skipped: "payload refused: consent_id" }] as const
    const jobs = Array.from({ length: 50 }, (_, i) => ({ name: names[(i * 7) % 3] }))
    const report = reconcileReport(jobs, jobs.map((_, i) => outcomes[(i * 5) % 4]))
    for (const kind of Object.values(report.kinds)) {
      expect(kind.queued + kind.already_queued + kind.unavailable + kind.skipped).toBe(kind.found)
      expect(Object.values(kind.skipped_reasons).reduce((a, b) => a + b, 0)).toBe(kind.skipped)
    }
    const found = Object.values(report.found).reduce((a, b) => a + b, 0)
    expect(found).toBe(50)
    expect(report.skipped).toBeGreaterThan(0)
    expect(report.queued + report.already_queued + report.unavailable + report.skipped).toBe(found)
  })

  it("an empty run reports nothing found", () => {
    expect(reconcileReport([], [])).toEqual({ found: {}, queued: 0, already_queued: 0, unavailable: 0, skipped: 0, kinds: {} })
  })

  it("refuses outcomes that do not match the rows found", () => {
    expect(() => reconcileReport([{ name: "customer.sync" }], [])).toThrow(/1 rows but has 0 enqueue outcomes/)
  })
})
