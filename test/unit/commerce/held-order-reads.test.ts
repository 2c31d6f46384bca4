import {
  heldOrderReads,
  holdOrderRead,
  sealOrderRead,
  takeOrderRead,
} from "../../../src/modules/mailchimp-commerce/store-data/held-order-reads"
import type { MedusaOrder } from "../../../src/modules/mailchimp-commerce/mapping"

const order = (id: string, email = `${id}@example.com`) => ({ id, email }) as MedusaOrder

describe("held order reads", () => {
  afterEach(() => jest.useRealTimers())

  it("hands the job the read its request's revision was made with, once", () => {
    holdOrderRead(order("order_a"))
    sealOrderRead("order_a", 3)
    expect(takeOrderRead("order_a", 3)?.email).toBe("order_a@example.com")
    expect(takeOrderRead("order_a", 3)).toBeUndefined()
  })

  it("gives nothing when the row moved on to another revision (a change the read does not show)", () => {
    holdOrderRead(order("order_b"))
    sealOrderRead("order_b", 3)
    expect(takeOrderRead("order_b", 4)).toBeUndefined()
  })

  it("gives nothing while a read is not yet tied to its request", () => {
    holdOrderRead(order("order_c"))
    expect(takeOrderRead("order_c", 1)).toBeUndefined()
    sealOrderRead("order_c", 1)
    expect(takeOrderRead("order_c", 1)?.id).toBe("order_c")
  })

  it("gives nothing for an order two steps read at once (their reads may finish out of order)", () => {
    holdOrderRead(order("order_d", "first@example.com"))
    holdOrderRead(order("order_d", "second@example.com"))
    sealOrderRead("order_d", 5)
    sealOrderRead("order_d", 6)
    expect(takeOrderRead("order_d", 6)).toBeUndefined()
    // Once the job has read for itself, the next event's read is handed over again.
    holdOrderRead(order("order_d", "third@example.com"))
    sealOrderRead("order_d", 7)
    expect(takeOrderRead("order_d", 7)?.email).toBe("third@example.com")
  })

  it("lets go of reads no job came for within a minute", () => {
    jest.useFakeTimers({ now: new Date("2026-12-03T10:00:00Z") })
    holdOrderRead(order("order_e"))
    sealOrderRead("order_e", 1)
    jest.setSystemTime(new Date("2026-12-03T10:01:01Z"))
    expect(takeOrderRead("order_e", 1)).toBeUndefined()
    holdOrderRead(order("order_f"))
    sealOrderRead("order_f", 1)
    const before = heldOrderReads()
    jest.setSystemTime(new Date("2026-12-03T10:02:02Z"))
    holdOrderRead(order("order_g"))
    expect(heldOrderReads()).toBe(before) // order_f let go, order_g held
    expect(takeOrderRead("order_f", 1)).toBeUndefined()
  })

  it("holds at most 2,000 reads, letting the oldest go", () => {
    for (let i = 0; i < 2_100; i++) {
      holdOrderRead(order(`order_many_${i}`))
      sealOrderRead(`order_many_${i}`, 1)
    }
    expect(heldOrderReads()).toBe(2_000)
    expect(takeOrderRead("order_many_0", 1)).toBeUndefined()
    expect(takeOrderRead("order_many_2099", 1)?.id).toBe("order_many_2099")
  })
})
