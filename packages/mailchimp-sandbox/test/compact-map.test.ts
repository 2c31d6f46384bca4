/**
 * The deflated record map (compact-map.ts): records changed in place while live keep their changes once written
 * back, iteration and counts see changes not written back yet, and the Map's answers (size, order, delete) hold.
 */
import { CompactMap } from "../src/compact-map"

interface Rec {
  id: string
  status: string
  tags: number[]
  note?: string
}

const rec = (id: string, status = "subscribed"): Rec => ({ id, status, tags: [] })
const summarize = (r: Rec) => `${r.status}|${r.tags.join(",")}`
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe("CompactMap", () => {
  it("keeps a change made in place once the record is written back, by flush or when idle", async () => {
    const map = new CompactMap<Rec>({ idleMs: 20, summarize })
    map.set("a", rec("a"))
    map.set("b", rec("b"))
    map.get("a")!.status = "unsubscribed"
    map.flush()
    expect(map.get("a")).toEqual({ id: "a", status: "unsubscribed", tags: [] })

    const b = map.get("b")!
    b.tags.push(7)
    await sleep(120)
    // Written back by the sweep: a later get decodes a new object holding the change.
    const again = map.get("b")!
    expect(again).not.toBe(b)
    expect(again.tags).toEqual([7])
  })

  it("hands out the same object while it is live", () => {
    const map = new CompactMap<Rec>()
    map.set("a", rec("a"))
    expect(map.get("a")).toBe(map.get("a"))
  })

  it("iteration and summaries see changes not written back yet; a peeked copy counts only once set", () => {
    const map = new CompactMap<Rec>({ summarize })
    for (const id of ["a", "b", "c"]) map.set(id, rec(id))
    map.flush()
    map.get("b")!.status = "cleaned"
    expect([...map.values()].map((r) => r.status)).toEqual(["subscribed", "cleaned", "subscribed"])
    expect([...map.summaries()]).toEqual([
      ["a", "subscribed|"],
      ["b", "cleaned|"],
      ["c", "subscribed|"],
    ])

    const copy = map.peek("c")!
    copy.note = "changed"
    expect(map.peek("c")!.note).toBeUndefined()
    map.set("c", copy)
    map.flush()
    expect(map.get("c")!.note).toBe("changed")
    expect([...map.summaries()].map(([, s]) => s)).toEqual(["subscribed|", "cleaned|", "subscribed|"])
  })

  it("answers size, has, keys in insertion order, delete and clear as a Map does", () => {
    const map = new CompactMap<Rec>({ summarize, maxLive: 2 })
    for (const id of ["x", "y", "z", "w"]) map.set(id, rec(id))
    expect(map.size).toBe(4)
    expect([...map.keys()]).toEqual(["x", "y", "z", "w"])
    // Past maxLive the oldest went back to their stored form and still answer.
    expect(map.get("x")).toEqual(rec("x"))
    expect(map.delete("y")).toBe(true)
    expect(map.delete("y")).toBe(false)
    expect(map.has("y")).toBe(false)
    expect(map.get("y")).toBeUndefined()
    expect([...map.entries()].map(([k]) => k)).toEqual(["x", "z", "w"])
    expect([...map.summaries()].map(([k]) => k)).toEqual(["x", "z", "w"])
    map.set("y", rec("y", "pending"))
    expect([...map.keys()]).toEqual(["x", "z", "w", "y"])
    map.clear()
    expect(map.size).toBe(0)
    expect([...map.values()]).toEqual([])
  })

  it("stores records in far fewer bytes than their JSON", () => {
    const map = new CompactMap<Rec & { address: Record<string, string> }>({ maxLive: 1 })
    const address = { address1: "1 Main St", city: "Austin", province: "Texas", postal_code: "78701", country: "United States" }
    for (let i = 0; i < 100; i++) map.set(`r${i}`, { ...rec(`r${i}`), address })
    map.flush()
    const stored = (map as unknown as { stored: Map<string, string> }).stored
    const json = JSON.stringify({ ...rec("r50"), address }).length
    expect(stored.get("r50")!.length).toBeLessThan(json / 4)
  })
})
