import type { MedusaOrder, MedusaProduct } from "../../../src/modules/mailchimp-commerce/mapping"

export function order(overrides: Partial<MedusaOrder> = {}): MedusaOrder {
  return {
    id: "order_1",
    email: "Ada@Example.com",
    customer_id: "cus_1",
    currency_code: "usd",
    status: "pending",
    created_at: "2026-01-02T10:00:00.000Z",
    updated_at: "2026-01-02T10:05:00.000Z",
    canceled_at: null,
    metadata: null,
    total: 60,
    tax_total: 5,
    discount_total: 10,
    shipping_total: 10,
    summary: { original_order_total: 60, current_order_total: 60, paid_total: 0, refunded_total: 0 },
    items: [
      {
        id: "ordli_1",
        product_id: "prod_1",
        variant_id: "variant_1",
        product_title: "Shirt",
        variant_title: "M",
        variant_sku: "SHIRT-M",
        quantity: 2,
        unit_price: 25,
        discount_total: 10,
        adjustments: [{ code: "SPRING", amount: 10 }],
      },
      { id: "ordli_2", product_id: "prod_2", variant_id: "variant_2", quantity: 1, unit_price: 10.1 + 0.2, discount_total: 0 },
    ],
    shipping_address: {
      first_name: "Ada",
      last_name: "Lovelace",
      address_1: "1 Main Street",
      city: "Austin",
      province: "TX",
      postal_code: "78701",
      country_code: "us",
      phone: "+15125550100",
    },
    billing_address: null,
    customer: { id: "cus_1", email: "ada@example.com", first_name: null, last_name: null },
    fulfillments: [],
    ...overrides,
  }
}

export function product(overrides: Partial<MedusaProduct> = {}): MedusaProduct {
  return {
    id: "prod_1",
    title: "Shirt",
    handle: "shirt",
    description: "A shirt",
    status: "published",
    thumbnail: "https://cdn.example.com/shirt.png",
    created_at: "2025-12-01T00:00:00.000Z",
    images: [{ id: "img_1", url: "https://cdn.example.com/shirt-1.png" }],
    variants: [
      { id: "variant_1", title: "M", sku: "SHIRT-M", prices: [{ amount: 25, currency_code: "usd" }, { amount: 23, currency_code: "eur" }] },
      { id: "variant_2", title: "L", sku: null, prices: [{ amount: 21, currency_code: "eur" }] },
    ],
    ...overrides,
  }
}
