import { readOrder } from "../../../src/modules/mailchimp-commerce/store-data/order-reader"
import type { SqlConnection } from "../../../src/modules/mailchimp-commerce/store-data"

/** A text[] literal's elements (its quoting and escapes are JSON's). */
const fromTextArray = (literal: string): string[] => JSON.parse(`[${literal.slice(1, -1)}]`)

/** A database holding orders without lines: answers the order head query, nothing for the rest. */
function fakeDb(fail = false) {
  const reads: string[][] = []
  const db: SqlConnection = {
    async raw(sql, bindings) {
      if (!sql.includes(`FROM "order" o WHERE o.id = ANY`)) return { rows: [] }
      const ids = fromTextArray(bindings![0] as string)
      reads.push(ids)
      if (fail) throw new Error("database away")
      const rows = ids
        .filter((id) => id !== "order_missing")
        .map((id) => ({ id, email: `${id}@example.com`, currency_code: "usd", version: 1, summary: null, metadata: null }))
      return { rows }
    },
  }
  return { db, reads }
}

describe("readOrder", () => {
  it("reads the orders asked for together in one read, each caller getting its own", async () => {
    const { db, reads } = fakeDb()
    const got = await Promise.all(["order_1", "order_2", "order_1", "order_missing"].map((id) => readOrder(db, id)))
    expect(reads).toEqual([["order_1", "order_2", "order_missing"]])
    expect(got.map((o) => o?.email)).toEqual(["order_1@example.com", "order_2@example.com", "order_1@example.com", undefined])
  })

  it("reads apart what is asked later", async () => {
    const { db, reads } = fakeDb()
    await readOrder(db, "order_1")
    await readOrder(db, "order_2")
    expect(reads).toEqual([["order_1"], ["order_2"]])
  })

  it("hands a failed read to every caller of it", async () => {
    const { db } = fakeDb(true)
    const asked = ["order_1", "order_2"].map((id) => readOrder(db, id))
    await expect(asked[0]).rejects.toThrow("database away")
    await expect(asked[1]).rejects.toThrow("database away")
  })

  it("reads at most 100 orders at once", async () => {
    const { db, reads } = fakeDb()
    await Promise.all(Array.from({ length: 150 }, (_, i) => readOrder(db, `order_${i}`)))
    expect(reads.map((r) => r.length)).toEqual([100, 50])
  })
})
