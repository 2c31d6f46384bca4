import { runTogether, runTogetherIn } from "../../../src/workflows/run-together"

type Deferred = { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void }
const deferred = (): Deferred => {
  let resolve!: () => void
  let reject!: (e: unknown) => void
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}
const tick = () => new Promise((r) => setImmediate(r))

describe("runTogether", () => {
  it("runs an id that comes to an idle runner at once, alone", async () => {
    const runs: string[][] = []
    const run = runTogether(async (ids) => void runs.push(ids))
    await run("a")
    await run("b")
    expect(runs).toEqual([["a"], ["b"]])
  })

  it("gathers the ids that come while a run is under way into the next run, one run at a time", async () => {
    const runs: string[][] = []
    const gates: Deferred[] = []
    let inFlight = 0
    let mostInFlight = 0
    const run = runTogether(async (ids) => {
      runs.push(ids)
      inFlight++
      mostInFlight = Math.max(mostInFlight, inFlight)
      const gate = deferred()
      gates.push(gate)
      await gate.promise
      inFlight--
    })
    const first = run("a")
    await tick()
    const later = [run("b"), run("c"), run("b")]
    await tick()
    expect(runs).toEqual([["a"]])
    gates[0].resolve()
    await first
    for (let i = 0; i < 10 && runs.length < 2; i++) await tick()
    expect(runs).toEqual([["a"], ["b", "c"]])
    gates[1].resolve()
    await Promise.all(later)
    expect(mostInFlight).toBe(1)
  })

  it("hands ids of one turn of the event loop to one run, at most `max` of them", async () => {
    const runs: string[][] = []
    const run = runTogether(async (ids) => void runs.push(ids), 3)
    await Promise.all(["a", "b", "c", "d", "e"].map(run))
    expect(runs).toEqual([
      ["a", "b", "c"],
      ["d", "e"],
    ])
  })

  it("fails only the callers of the ids that fail: a failed group is run again id by id", async () => {
    const runs: string[][] = []
    const run = runTogether(async (ids) => {
      runs.push(ids)
      if (ids.includes("bad")) throw new Error("bad order")
    })
    const outcomes = await Promise.allSettled(["a", "bad", "c"].map(run))
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"])
    expect((outcomes[1] as PromiseRejectedResult).reason.message).toBe("bad order")
    expect(runs).toEqual([["a", "bad", "c"], ["a"], ["bad"], ["c"]])
  })

  it("keeps one runner for each container", async () => {
    const seen: [object, string[]][] = []
    const record = runTogetherIn(async (container: object, ids: string[]) => void seen.push([container, ids]))
    const one = {}
    const two = {}
    await Promise.all([record(one, "a"), record(two, "b"), record(one, "c")])
    expect(seen).toEqual([
      [one, ["a", "c"]],
      [two, ["b"]],
    ])
  })
})
