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
