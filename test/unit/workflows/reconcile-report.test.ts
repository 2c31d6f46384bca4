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
      kinds: {
        "customer.sync": { found: 2, queued: 1, already_queued: 0, unavailable: 1 },
        "commerce.order.sync": { found: 2, queued: 1, already_queued: 1, unavailable: 0 },
      },
    })
  })

  it("adds up: found = queued + already queued + unavailable, per kind and in total", () => {
    const names = ["consent.sync", "webhook.apply", "commerce.merge.sync"]
    const outcomes = ["queued", "already-queued", "unavailable"] as const
    const jobs = Array.from({ length: 50 }, (_, i) => ({ name: names[(i * 7) % 3] }))
    const report = reconcileReport(jobs, jobs.map((_, i) => outcomes[(i * 5) % 3]))
    for (const kind of Object.values(report.kinds)) expect(kind.queued + kind.already_queued + kind.unavailable).toBe(kind.found)
    const found = Object.values(report.found).reduce((a, b) => a + b, 0)
    expect(found).toBe(50)
    expect(report.queued + report.already_queued + report.unavailable).toBe(found)
  })

  it("an empty run reports nothing found", () => {
    expect(reconcileReport([], [])).toEqual({ found: {}, queued: 0, already_queued: 0, unavailable: 0, kinds: {} })
  })

  it("refuses outcomes that do not match the rows found", () => {
    expect(() => reconcileReport([{ name: "customer.sync" }], [])).toThrow(/1 rows but has 0 enqueue outcomes/)
  })
})
