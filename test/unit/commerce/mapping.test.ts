import {
  financialStatus,
  fulfillmentStatus,
  placeholderProduct,
  purchaseMergeFieldDefinitions,
  purchaseMergeValues,
  readCampaignId,
  toMailchimpCustomer,
  toMailchimpOrder,
  toMailchimpOrderUpdate,
  toMailchimpProduct,
  toMailchimpStore,
  toPurchaseOrder,
} from "../../../src/modules/mailchimp-commerce/mapping"
import { customerOptInStatus } from "../../../src/modules/mailchimp-commerce/rules/opt-in-status"
import { order, product } from "./fixtures"

const TAGS = { orders: "ORDERS", spent: "SPENT", firstOrder: "FIRSTORDER", lastOrder: "LASTORDER" } as const

describe("Medusa order → Mailchimp order", () => {
  it("carries lines, totals, discounts, currency, addresses and the customer", () => {
    const body = toMailchimpOrder(order(), { id: "cus_1" })
    expect(body).toEqual({
      id: "order_1",
      customer: { id: "cus_1" },
      financial_status: "pending",
      currency_code: "USD",
      order_total: 60,
      discount_total: 10,
      tax_total: 5,
      shipping_total: 10,
      processed_at_foreign: "2026-01-02T10:00:00+00:00",
      updated_at_foreign: "2026-01-02T10:05:00+00:00",
      shipping_address: {
        name: "Ada Lovelace",
        address1: "1 Main Street",
        city: "Austin",
        province: "TX",
        postal_code: "78701",
        country_code: "US",
        phone: "+15125550100",
      },
      promos: [{ code: "SPRING", amount_discounted: 10, type: "fixed" }],
      lines: [
        { id: "ordli_1", product_id: "prod_1", product_variant_id: "variant_1", quantity: 2, price: 25, discount: 10 },
        { id: "ordli_2", product_id: "prod_2", product_variant_id: "variant_2", quantity: 1, price: 10.3, discount: 0 },
      ],
    })
  })

  it("takes the landing site and, when the order has none of its own, the campaign the cart recorded", () => {
    const source = { campaign_id: "cartcamp01", landing_site: "https://shop.example.com/summer" }
    expect(toMailchimpOrder(order(), { id: "c" }, source)).toEqual(expect.objectContaining(source))
    expect(toMailchimpOrderUpdate(order({ metadata: { mc_cid: "ordercamp1" } }), source)).toEqual(
      expect.objectContaining({ campaign_id: "ordercamp1", landing_site: source.landing_site })
    )
    const none = toMailchimpOrder(order(), { id: "c" }, { campaign_id: null, landing_site: null })
    expect(none).not.toHaveProperty("campaign_id")
    expect(none).not.toHaveProperty("landing_site")
  })

  it("sends the campaign the storefront passed as mc_cid, and ignores anything that is not a campaign id", () => {
    expect(toMailchimpOrder(order({ metadata: { mc_cid: "4f3a9c2b1d" } }), { id: "c" }).campaign_id).toBe("4f3a9c2b1d")
    expect(toMailchimpOrder(order({ metadata: { mc_cid: "x'; DROP" } }), { id: "c" })).not.toHaveProperty("campaign_id")
    expect(readCampaignId({ mc_cid: 42 })).toBeNull()
    expect(readCampaignId(null)).toBeNull()
  })

  it("names statuses Mailchimp's order notifications know", () => {
    expect(financialStatus(order())).toBe("pending")
    expect(financialStatus(order({ summary: { paid_total: 60, refunded_total: 0 } }))).toBe("paid")
    expect(financialStatus(order({ total: 50, summary: { paid_total: 60, refunded_total: 10 } }))).toBe("partially_refunded")
    expect(financialStatus(order({ total: 0, summary: { paid_total: 60, refunded_total: 60 } }))).toBe("refunded")
    expect(financialStatus(order({ status: "canceled", canceled_at: "2026-01-03T00:00:00Z" }))).toBe("cancelled")
    expect(fulfillmentStatus(order())).toBeUndefined()
    expect(fulfillmentStatus(order({ fulfillments: [{ id: "f1" }] }))).toBe("fulfilled")
    expect(fulfillmentStatus(order({ fulfillments: [{ id: "f1", shipped_at: "2026-01-03T00:00:00Z" }] }))).toBe("shipped")
    expect(fulfillmentStatus(order({ fulfillments: [{ id: "f1", shipped_at: "2026-01-03", canceled_at: "2026-01-04" }] }))).toBeUndefined()
  })

  it("a canceled order carries cancelled_at_foreign; tracking comes from the live fulfilment's label", () => {
    const canceled = toMailchimpOrder(order({ status: "canceled", canceled_at: "2026-01-03T00:00:00.000Z" }), { id: "c" })
    expect(canceled.cancelled_at_foreign).toBe("2026-01-03T00:00:00+00:00")
    const shipped = toMailchimpOrder(
      order({ fulfillments: [{ id: "f", shipped_at: "2026-01-03", labels: [{ tracking_number: "1Z9", tracking_url: "https://t/1Z9" }] }] }),
      { id: "c" }
    )
    expect(shipped).toEqual(expect.objectContaining({ fulfillment_status: "shipped", tracking_number: "1Z9", tracking_url: "https://t/1Z9" }))
  })

  it("a line without a product (a custom line) gets ids of its own", () => {
    const body = toMailchimpOrder(order({ items: [{ id: "ordli_x", quantity: 1, unit_price: 5 }] }), { id: "c" })
    expect(body.lines[0]).toEqual(expect.objectContaining({ product_id: "line-ordli_x", product_variant_id: "line-ordli_x" }))
  })

  it("the update body has the same fields but no id and no lines (PATCH names no line id)", () => {
    const update = toMailchimpOrderUpdate(order({ status: "canceled", canceled_at: "2026-01-03T00:00:00.000Z" }))
    expect(update).not.toHaveProperty("id")
    expect(update).not.toHaveProperty("lines")
    expect(update).not.toHaveProperty("customer")
    expect(update).toEqual(expect.objectContaining({ financial_status: "cancelled", order_total: 60, currency_code: "USD" }))
  })
})

describe("products", () => {
  it("carries variants with the store currency's price, images and URLs", () => {
    const body = toMailchimpProduct(product(), "usd", { template: "https://shop.example.com/products/{handle}" })
    expect(body).toEqual({
      id: "prod_1",
      title: "Shirt",
      handle: "shirt",
      url: "https://shop.example.com/products/shirt",
      description: "A shirt",
      image_url: "https://cdn.example.com/shirt.png",
      images: [{ id: "img_1", url: "https://cdn.example.com/shirt-1.png" }],
      published_at_foreign: "2025-12-01T00:00:00+00:00",
      variants: [
        { id: "variant_1", title: "M", sku: "SHIRT-M", price: 25, url: "https://shop.example.com/products/shirt", image_url: "https://cdn.example.com/shirt.png", visibility: "visible" },
        { id: "variant_2", title: "L", url: "https://shop.example.com/products/shirt", image_url: "https://cdn.example.com/shirt.png", visibility: "visible" },
      ],
    })
  })

  it("a draft is hidden; a product without variants gets one with its own id; no URL without a storefront", () => {
    const body = toMailchimpProduct(product({ status: "draft", variants: [], images: [], thumbnail: null }), "usd", {})
    expect(body.variants).toEqual([{ id: "prod_1", title: "Shirt", visibility: "hidden" }])
    expect(body).not.toHaveProperty("url")
    expect(body).not.toHaveProperty("images")
  })

  it("a deleted product is rebuilt, hidden, from what its order lines remember", () => {
    const o = order()
    expect(placeholderProduct("prod_1", o.items!)).toEqual({
      id: "prod_1",
      title: "Shirt",
      variants: [{ id: "variant_1", title: "M", sku: "SHIRT-M", price: 25, visibility: "hidden" }],
    })
    expect(placeholderProduct("prod_2", o.items!).title).toBe("Deleted product prod_2")
  })
})

describe("customers and consent", () => {
  it("takes names from the customer, else from the order's address; lower-cases the address", () => {
    const body = toMailchimpCustomer({ id: "cus_1", email: " Ada@Example.com " }, false, order().shipping_address)
    expect(body).toEqual({
      id: "cus_1",
      email_address: "ada@example.com",
      opt_in_status: false,
      first_name: "Ada",
      last_name: "Lovelace",
      address: { address1: "1 Main Street", city: "Austin", province: "TX", postal_code: "78701", country_code: "US" },
    })
  })

  it("opt_in_status is true only for a consented shopper the audience holds as subscribed", () => {
    expect(customerOptInStatus({ latestConsentAction: "opt_in", memberStatus: "subscribed" })).toBe(true)
    expect(customerOptInStatus({ latestConsentAction: "opt_in", memberStatus: "pending" })).toBe(false)
    expect(customerOptInStatus({ latestConsentAction: "opt_in", memberStatus: null })).toBe(false)
    expect(customerOptInStatus({ latestConsentAction: "opt_out", memberStatus: "subscribed" })).toBe(false)
    expect(customerOptInStatus({ latestConsentAction: null, memberStatus: "subscribed" })).toBe(false)
    expect(customerOptInStatus({ latestConsentAction: "opt_in", memberStatus: "unsubscribed" })).toBe(false)
  })
})

describe("purchase rows and merge values", () => {
  const filing = new Map([
    ["prod_1", { category_ids: ["pcat_b", "pcat_a"], collection_id: "pcol_1" }],
    ["prod_2", { category_ids: ["pcat_a"], collection_id: null }],
  ])

  it("an order's row: net total after refunds, sorted distinct ids, categories and collections from the catalogue", () => {
    const row = toPurchaseOrder(order({ total: 50, summary: { original_order_total: 60, refunded_total: 10 }, metadata: { mc_cid: "abc123" } }), filing)
    expect(row).toEqual({
      order_id: "order_1",
      email: "ada@example.com",
      customer_id: "cus_1",
      currency_code: "usd",
      status: "placed",
      total: 60,
      refunded_total: 10,
      net_total: 50,
      placed_at: "2026-01-02T10:00:00.000Z",
      canceled_at: null,
      product_ids: ["prod_1", "prod_2"],
      variant_ids: ["variant_1", "variant_2"],
      category_ids: ["pcat_a", "pcat_b"],
      collection_ids: ["pcol_1"],
      campaign_id: "abc123",
    })
  })

  it("a canceled order is marked so; a draft or an order without email adds nothing", () => {
    expect(toPurchaseOrder(order({ status: "canceled", canceled_at: "2026-01-05T00:00:00.000Z" }), filing)).toEqual(
      expect.objectContaining({ status: "canceled", canceled_at: "2026-01-05T00:00:00.000Z" })
    )
    expect(toPurchaseOrder(order({ is_draft_order: true }), filing)).toBeNull()
    expect(toPurchaseOrder(order({ email: null }), filing)).toBeNull()
  })

  it("merge values: counts, money to the cent, dates as YYYY-MM-DD; a disabled tag is left out", () => {
    const values = purchaseMergeValues(
      { orders_count: 3, total_spent: "123.456", first_order_at: new Date("2025-05-01T23:00:00Z"), last_order_at: "2026-01-02T10:00:00Z" },
      TAGS
    )
    expect(values).toEqual({ ORDERS: 3, SPENT: 123.46, FIRSTORDER: "2025-05-01", LASTORDER: "2026-01-02" })
    expect(purchaseMergeValues({ orders_count: 0, total_spent: 0, first_order_at: null, last_order_at: null }, { ...TAGS, spent: false })).toEqual({
      ORDERS: 0,
      FIRSTORDER: "",
      LASTORDER: "",
    })
    expect(purchaseMergeFieldDefinitions({ ...TAGS, orders: "NBORDERS", lastOrder: false }).map((d) => [d.tag, d.type])).toEqual([
      ["NBORDERS", "number"],
      ["SPENT", "number"],
      ["FIRSTORDER", "date"],
    ])
  })
})

describe("the connected store", () => {
  it("is the audience's, in the store's currency, with the storefront's domain", () => {
    expect(
      toMailchimpStore({ id: "medusa-a1", audienceId: "a1", name: "Shop", currencyCode: "eur", storefrontUrl: "https://shop.example.com/x", isSyncing: true })
    ).toEqual({ id: "medusa-a1", list_id: "a1", name: "Shop", currency_code: "EUR", platform: "Medusa", domain: "shop.example.com", is_syncing: true })
  })
})
