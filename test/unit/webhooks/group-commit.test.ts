import { GroupCommit } from "../../../src/modules/mailchimp/webhooks/group-commit"

describe("group commit", () => {
  it("writes the items that arrive together in one write, and each caller gets its own result", async () => {
    const writes: number[][] = []
    const group = new GroupCommit<number, string>(async (items) => (writes.push(items), items.map((i) => `stored ${i}`)), {
      maxItems: 100,
      maxConcurrentWrites: 1,
    })
    const results = await Promise.all([1, 2, 3, 4].map((i) => group.add(i)))
    expect(results).toEqual(["stored 1", "stored 2", "stored 3", "stored 4"])
    expect(writes).toEqual([[1, 2, 3, 4]])
  })

  it("gathers what arrives during a write for the next one, up to the cap per write", async () => {
    const writes: number[][] = []
    let release!: () => void
    const first = new Promise<void>((r) => (release = r))
    const group = new GroupCommit<number, number>(
      async (items) => {
        writes.push(items)
        if (writes.length === 1) await first
        return items
      },
      { maxItems: 3, maxConcurrentWrites: 1 }
    )
    const a = group.add(0)
    await new Promise((r) => setImmediate(r))
    expect(writes).toEqual([[0]])
    const rest = [1, 2, 3, 4, 5].map((i) => group.add(i))
    release()
    expect(await Promise.all([a, ...rest])).toEqual([0, 1, 2, 3, 4, 5])
    expect(writes).toEqual([[0], [1, 2, 3], [4, 5]])
  })

  it("a failed write fails every item of its group, and only those", async () => {
    let calls = 0
    const group = new GroupCommit<number, number>(
      async (items) => {
        if (++calls === 1) throw new Error("database away")
        return items
      },
      { maxItems: 2, maxConcurrentWrites: 1 }
    )
    const settled = await Promise.allSettled([1, 2, 3].map((i) => group.add(i)))
    expect(settled.map((s) => s.status)).toEqual(["rejected", "rejected", "fulfilled"])
  })
})

describe("group commit with spacing", () => {
  it("starts a write no sooner than the spacing after the last began, so a stream makes fewer, larger groups", async () => {
    const writes: { at: number; items: number[] }[] = []
    const group = new GroupCommit<number, number>(async (items) => (writes.push({ at: Date.now(), items }), items), {
      maxItems: 100,
      maxConcurrentWrites: 2,
      spacingMs: 40,
    })
    // The first after a quiet spell goes at once.
    const started = Date.now()
    await group.add(0)
    expect(writes[0].at - started).toBeLessThan(30)
    // A stream of one item every 5 ms for 200 ms: without spacing, about 40 writes of one.
    const stream: Promise<number>[] = []
    for (let i = 1; i <= 40; i++) {
      stream.push(group.add(i))
      await new Promise((r) => setTimeout(r, 5))
    }
    expect(await Promise.all(stream)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
    const later = writes.slice(1)
    expect(later.length).toBeLessThanOrEqual(8)
    for (let i = 1; i < writes.length; i++) expect(writes[i].at - writes[i - 1].at).toBeGreaterThanOrEqual(39)
    expect(later.flatMap((w) => w.items)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
  })

  it("does not hold back a full group", async () => {
    const writes: number[][] = []
    const group = new GroupCommit<number, number>(async (items) => (writes.push(items), items), {
      maxItems: 3,
      maxConcurrentWrites: 1,
      spacingMs: 10_000,
    })
    const started = Date.now()
    await Promise.all([1, 2, 3, 4, 5, 6].map((i) => group.add(i)))
    expect(Date.now() - started).toBeLessThan(1000)
    expect(writes).toEqual([[1, 2, 3], [4, 5, 6]])
  })
})
