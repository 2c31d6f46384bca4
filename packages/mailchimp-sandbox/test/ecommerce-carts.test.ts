import { api, expectNoResponseViolations, expectProblem, hashOf, LIST, STRICT_WARMUP_MS, strictSandbox } from "./helpers"

const sb = strictSandbox()
const mc = api(sb)
const STORE = "medusa-store"
const base = `/ecommerce/stores/${STORE}`

beforeAll(() => sb.warmUp(), STRICT_WARMUP_MS)
beforeEach(async () => {
  sb.state.reset()
  expect((await mc.post("/ecommerce/stores", { id: STORE, list_id: LIST, name: "Medusa", currency_code: "EUR" })).status).toBe(200)
  expect((await mc.post(`${base}/products`, { id: "p1", title: "Shirt", variants: [{ id: "v1", title: "S", price: 10 }, { id: "v2", title: "M", price: 12 }] })).status).toBe(200)
})
afterEach(async () => {
  await sb.idle()
  expectNoResponseViolations(sb)
})
afterAll(() => sb.close())

const line = (id: string, variant = "v1", quantity = 1) => ({ id, product_id: "p1", product_variant_id: variant, quantity, price: 10 })
const cart = (id: string, extra: object = {}) => ({
  id,
  customer: { id: "guest-1", email_address: "ada@example.com", opt_in_status: false },
  currency_code: "eur",
  order_total: 10,
  tax_total: 2,
  checkout_url: "https://shop.example.com/cart/recover?token=t",
  lines: [line("l1")],
  ...extra,
})

describe("carts", () => {
  it("creates a cart with its customer (transactional) and shows it with its lines", async () => {
    const res = await mc.post(`${base}/carts`, cart("c1"))
    expect(res.status).toBe(200)
    expect(res.body).toEqual(
      expect.objectContaining({ id: "c1", currency_code: "EUR", order_total: 10, checkout_url: "https://shop.example.com/cart/recover?token=t" })
    )
    expect(res.body.lines).toEqual([expect.objectContaining({ id: "l1", product_title: "Shirt", product_variant_title: "S", quantity: 1 })])
    const member = await mc.get(`/lists/${LIST}/members/${hashOf("ada@example.com")}`)
    expect(member.body.status).toBe("transactional")
    expect((await mc.get(`${base}/carts`)).body.total_items).toBe(1)
  })

  it("refuses a second cart with the same id, unknown products and campaigns, and missing fields", async () => {
    await mc.post(`${base}/carts`, cart("c1"))
    const again = await mc.post(`${base}/carts`, cart("c1"))
    expectProblem(again, 400, "Invalid Resource")
    expect(again.body.detail).toBe("A cart with the provided ID already exists.")
    const unknown = await mc.post(`${base}/carts`, cart("c2", { lines: [{ ...line("l1"), product_id: "nope" }] }))
    expectProblem(unknown, 400, "Invalid Resource")
    expect(unknown.body.errors[0].message).toContain("A product with the provided ID (nope) does not exist")
    const campaign = await mc.post(`${base}/carts`, cart("c3", { campaign_id: "zz00notacampaign" }))
    expectProblem(campaign, 400, "Invalid Resource")
    expect(campaign.body.detail).toBe("A campaign with the provided ID does not exist in the account for this list.")
    const { lines: _l, ...noLines } = cart("c4")
    expectProblem(await mc.post(`${base}/carts`, noLines), 400, "Invalid Resource")
  })

  it("changes a cart's fields by PATCH and its lines by their own endpoints", async () => {
    await mc.post(`${base}/carts`, cart("c1"))
    expect((await mc.patch(`${base}/carts/c1`, { order_total: 34, tax_total: 4 })).body.order_total).toBe(34)
    expect((await mc.post(`${base}/carts/c1/lines`, line("l2", "v2", 2))).status).toBe(200)
    expectProblem(await mc.post(`${base}/carts/c1/lines`, line("l2")), 400, "Invalid Resource")
    expect((await mc.patch(`${base}/carts/c1/lines/l1`, { quantity: 3 })).body.quantity).toBe(3)
    expect((await mc.delete(`${base}/carts/c1/lines/l2`)).status).toBe(204)
    expectProblem(await mc.delete(`${base}/carts/c1/lines/l2`), 404, "Resource Not Found")
    const got = await mc.get(`${base}/carts/c1`)
    expect(got.body.lines.map((l: { id: string; quantity: number }) => [l.id, l.quantity])).toEqual([["l1", 3]])
  })

  it("a cart gone (deleted, or its store deleted) answers 404 to GET, PATCH and its lines' writes; a POST of its id creates it again", async () => {
    await mc.post(`${base}/carts`, cart("c1"))
    expect((await mc.delete(`${base}/carts/c1`)).status).toBe(204)
    for (const gone of [
      await mc.get(`${base}/carts/c1`),
      await mc.patch(`${base}/carts/c1`, { order_total: 20 }),
      await mc.post(`${base}/carts/c1/lines`, line("l2")),
      await mc.patch(`${base}/carts/c1/lines/l1`, { quantity: 2 }),
      await mc.delete(`${base}/carts/c1/lines/l1`),
    ]) {
      expectProblem(gone, 404, "Resource Not Found")
      expect(gone.body.detail).toBe("The requested resource could not be found.")
    }
    const again = await mc.post(`${base}/carts`, cart("c1", { order_total: 20 }))
    expect(again.status).toBe(200)
    expect(again.body).toEqual(expect.objectContaining({ id: "c1", order_total: 20 }))
    expect((await mc.delete(base)).status).toBe(204)
    expectProblem(await mc.patch(`${base}/carts/c1`, { order_total: 30 }), 404, "Resource Not Found")
    expectProblem(await mc.post(`${base}/carts`, cart("c1")), 404, "Resource Not Found")
  })

  it("deletes a cart; a deleted store takes its carts along", async () => {
    await mc.post(`${base}/carts`, cart("c1"))
    await mc.post(`${base}/carts`, cart("c2"))
    expect((await mc.delete(`${base}/carts/c1`)).status).toBe(204)
    expectProblem(await mc.get(`${base}/carts/c1`), 404, "Resource Not Found")
    expectProblem(await mc.delete(`${base}/carts/c1`), 404, "Resource Not Found")
    expect((await mc.delete(base)).status).toBe(204)
    await mc.post("/ecommerce/stores", { id: STORE, list_id: LIST, name: "Medusa", currency_code: "EUR" })
    expect((await mc.get(`${base}/carts`)).body.total_items).toBe(0)
  })
})
