import { readOrder } from "../../../src/modules/mailchimp-commerce/store-data/order-reader"
import type { GraphQuery } from "../../../src/modules/mailchimp-commerce/store-data"

const FIELDS = ["id", "email"]

function fakeQuery(fail = false) {
  const calls: string[][] = []
  const query: GraphQuery = {
    async graph({ filters }) {
      const ids = filters!.id as string[]
      calls.push(ids)
      if (fail) throw new Error("database away")
      return { data: ids.filter((id) => id !== "order_missing").map((id) => ({ id, email: `${id}@example.com` })) }
    },
  }
  return { query, calls }
}

describe("readOrder", () => {
  it("reads the orders asked for together in one query, each caller getting its own", async () => {
    const { query, calls } = fakeQuery()
    const got = await Promise.all(["order_1", "order_2", "order_1", "order_missing"].map((id) => readOrder(query, id, FIELDS)))
    expect(calls).toEqual([["order_1", "order_2", "order_missing"]])
    expect(got.map((o) => o?.id)).toEqual(["order_1", "order_2", "order_1", undefined])
  })

  it("reads apart what is asked with other fields, or later", async () => {
    const { query, calls } = fakeQuery()
    const other = ["id"]
    await Promise.all([readOrder(query, "order_1", FIELDS), readOrder(query, "order_2", other)])
    await readOrder(query, "order_3", FIELDS)
    expect(calls).toEqual([["order_1"], ["order_2"], ["order_3"]])
  })

  it("hands a failed read to every caller of it", async () => {
    const { query } = fakeQuery(true)
    const reads = ["order_1", "order_2"].map((id) => readOrder(query, id, FIELDS))
    await expect(Promise.all(reads)).rejects.toThrow("database away")
    await expect(reads[1]).rejects.toThrow("database away")
  })

  it("reads at most 100 orders in one query", async () => {
    const { query, calls } = fakeQuery()
    await Promise.all(Array.from({ length: 150 }, (_, i) => readOrder(query, `order_${i}`, FIELDS)))
    expect(calls.map((c) => c.length)).toEqual([100, 50])
  })
})
