import { readCustomerRows, readOrderRows, SqlConnection } from "../../../src/modules/mailchimp-commerce/store-data"
import { toMailchimpOrder } from "../../../src/modules/mailchimp-commerce/mapping"

const raw = (value: number | string) => ({ value: String(value), precision: 20 })

/** A connection answering each reader query from canned rows, by the table it reads; it keeps what was asked. */
function fakeDb(tables: Record<string, any[]>): SqlConnection & { asked: { sql: string; bindings: readonly unknown[] }[] } {
  const asked: { sql: string; bindings: readonly unknown[] }[] = []
  const pick = (sql: string): any[] => {
    const order: [RegExp, string][] = [
      [/JOIN order_line_item_adjustment/, "item_adjustments"],
      [/JOIN order_line_item_tax_line/, "item_tax_lines"],
      [/JOIN order_line_item /, "items"],
      [/JOIN order_shipping_method_adjustment/, "shipping_adjustments"],
      [/JOIN order_shipping_method_tax_line/, "shipping_tax_lines"],
      [/JOIN order_shipping_method /, "shipping_methods"],
      [/FROM order_credit_line/, "credit_lines"],
      [/FROM order_fulfillment/, "fulfillments"],
      [/FROM fulfillment_label/, "labels"],
      [/FROM order_address/, "addresses"],
      [/FROM customer_address/, "customer_addresses"],
      [/FROM customer /, "customers"],
      [/FROM "order" o/, "orders"],
    ]
    const hit = order.find(([re]) => re.test(sql))
    if (!hit) throw new Error(`unexpected SQL: ${sql}`)
    return tables[hit[1]] ?? []
  }
  return {
    asked,
    async raw(sql: string, bindings: readonly unknown[] = []) {
      asked.push({ sql, bindings })
      return { rows: structuredClone(pick(sql)) }
    },
  }
}

const head = (o: Record<string, unknown> = {}) => ({
  id: "order_1",
  display_id: 7,
  email: "ann@example.com",
  customer_id: "cus_1",
  currency_code: "eur",
  status: "pending",
  is_draft_order: false,
  created_at: new Date("2026-01-02T03:04:05Z"),
  updated_at: new Date("2026-01-02T03:04:06Z"),
  canceled_at: null,
  metadata: { mc_cid: "abc" },
  version: 2,
  shipping_address_id: "addr_s",
  billing_address_id: "addr_b",
  summary: { paid_total: 66.5, refunded_total: 0, original_order_total: 66.5 },
  ...o,
})

describe("order table reader", () => {
  // Totals Medusa's own order read gave for the same rows (a tax-inclusive order with a promotion and shipping).
  const taxInclusive = {
    orders: [head()],
    items: [
      {
        order_id: "order_1",
        id: "ordli_1",
        product_id: "prod_1",
        variant_id: "variant_1",
        product_title: "Shirt",
        product_handle: "shirt",
        variant_title: "M",
        variant_sku: "SKU-M",
        title: "Shirt",
        thumbnail: null,
        is_tax_inclusive: true,
        quantity: "2",
        raw_quantity: raw(2),
        unit_price: "30",
        raw_unit_price: raw(30),
      },
    ],
    item_adjustments: [{ item_id: "ordli_1", code: "TEN", amount: "6", raw_amount: raw(6), is_tax_inclusive: true }],
    item_tax_lines: [{ item_id: "ordli_1", rate: "25", raw_rate: raw(25) }],
    shipping_methods: [{ order_id: "order_1", id: "ordsm_1", amount: "12.5", raw_amount: raw(12.5), is_tax_inclusive: true }],
    shipping_tax_lines: [{ shipping_method_id: "ordsm_1", rate: "25", raw_rate: raw(25) }],
    addresses: [
      { id: "addr_s", first_name: "Ann", last_name: "Lee", address_1: "1 Main St", city: "Austin", country_code: "us" },
      { id: "addr_b", first_name: "Ann", last_name: "Lee", address_1: "2 Side St", city: "Austin", country_code: "us" },
    ],
    customers: [{ id: "cus_1", email: "ann@example.com", first_name: "Ann", last_name: "Lee", company_name: null }],
    fulfillments: [
      { order_id: "order_1", id: "ful_1", shipped_at: null, delivered_at: null, canceled_at: new Date() },
      { order_id: "order_1", id: "ful_2", shipped_at: new Date(), delivered_at: null, canceled_at: null },
    ],
    labels: [{ fulfillment_id: "ful_2", tracking_number: "TN1", tracking_url: "https://t.example/TN1" }],
  }

  it("assembles an order with Medusa's totals (tax-inclusive prices, promotion, shipping), addresses, customer, fulfilments", async () => {
    const [o] = await readOrderRows(fakeDb(taxInclusive), { after: null, take: 10 })
    expect(o).toEqual(
      expect.objectContaining({ id: "order_1", total: 66.5, tax_total: 13.3, discount_total: 6, shipping_total: 12.5, display_id: 7 })
    )
    expect(o).not.toHaveProperty("version")
    expect(o).not.toHaveProperty("shipping_address_id")
    expect(o.items).toEqual([
      expect.objectContaining({ id: "ordli_1", quantity: 2, unit_price: 30, discount_total: 6, adjustments: [{ code: "TEN", amount: 6 }] }),
    ])
    expect(o.shipping_address?.address_1).toBe("1 Main St")
    expect(o.billing_address?.address_1).toBe("2 Side St")
    expect(o.customer).toEqual(expect.objectContaining({ id: "cus_1", first_name: "Ann" }))
    const body = toMailchimpOrder(o, { id: "cus_1" })
    expect(body).toEqual(
      expect.objectContaining({
        order_total: 66.5,
        tax_total: 13.3,
        discount_total: 6,
        shipping_total: 12.5,
        fulfillment_status: "shipped",
        tracking_number: "TN1",
        campaign_id: "abc",
        financial_status: "paid",
        promos: [{ code: "TEN", amount_discounted: 6, type: "fixed" }],
      })
    )
  })

  it("credit lines (refunds) lower the total; tax-exclusive lines add their tax", async () => {
    const [o] = await readOrderRows(
      fakeDb({
        orders: [head({ customer_id: null, shipping_address_id: null, billing_address_id: null })],
        items: [
          {
            ...taxInclusive.items[0],
            is_tax_inclusive: false,
            quantity: "3",
            raw_quantity: raw(3),
            unit_price: "33.33",
            raw_unit_price: raw(33.33),
          },
        ],
        item_adjustments: [
          { item_id: "ordli_1", code: "A", amount: "10", raw_amount: raw(10), is_tax_inclusive: false },
          { item_id: "ordli_1", code: "B", amount: "3.33", raw_amount: raw(3.33), is_tax_inclusive: false },
        ],
        credit_lines: [{ order_id: "order_1", amount: "7", raw_amount: raw(7) }],
      }),
      { ids: ["order_1"] }
    )
    // What Medusa's read answers for this order: 99.99 − 13.33 − 7.
    expect({ total: o.total, discount: o.discount_total, tax: o.tax_total, shipping: o.shipping_total }).toEqual({
      total: 79.66,
      discount: 13.33,
      tax: 0,
      shipping: 0,
    })
    expect(o.customer).toBeNull()
    expect(o.shipping_address).toBeNull()
  })

  it("pages placed orders by id after the cursor (and since a date); reads nothing more for an empty page", async () => {
    const db = fakeDb({ orders: [] })
    const since = new Date("2026-01-01T00:00:00Z")
    expect(await readOrderRows(db, { after: "order_0", since, take: 50 })).toEqual([])
    expect(db.asked).toHaveLength(1)
    expect(db.asked[0].sql).toMatch(/o\.is_draft_order = false AND o\.id > \? AND o\.created_at >= \? ORDER BY o\.id LIMIT \?/)
    expect(db.asked[0].bindings).toEqual(["order_0", since, 50])
    expect(await readOrderRows(db, { ids: [] })).toEqual([])
    expect(db.asked).toHaveLength(1)
  })
})

describe("customer table reader", () => {
  it("reads a page of customers with their addresses, in id order", async () => {
    const db = fakeDb({
      customers: [
        { id: "cus_1", email: "a@x.io", first_name: "A" },
        { id: "cus_2", email: "b@x.io", first_name: "B" },
      ],
      customer_addresses: [
        { customer_id: "cus_2", address_1: "1 Main", is_default_billing: true, is_default_shipping: false },
        { customer_id: "cus_2", address_1: "2 Side", is_default_billing: false, is_default_shipping: true },
      ],
    })
    const customers = await readCustomerRows(db, { after: "cus_0", take: 2 })
    expect(customers.map((c) => [c.id, (c.addresses ?? []).map((a) => a.address_1)])).toEqual([
      ["cus_1", []],
      ["cus_2", ["1 Main", "2 Side"]],
    ])
    expect(db.asked[0].bindings).toEqual(["cus_0", 2])
    expect(db.asked[1].bindings).toEqual(['{"cus_1","cus_2"}'])
  })
})
