/**
 * The store at size (README, "Storage"): records share what they hold alike (addresses, merge fields, tags,
 * timestamps) and finished batches keep their operations and results on disk. A change to one record must never
 * show in another that shared a value with it, and every answer stays what it was.
 */
import request from "supertest"
import { api, control, hashOf, LIST, looseSandbox } from "./helpers"

const sb = looseSandbox({ batchStartDelayMs: 0 })
const mc = api(sb)
const ctl = control(sb)
const STORE = "compact-store"
const base = `/ecommerce/stores/${STORE}`
const ADDRESS = { address1: "1 Main St", city: "Austin", province_code: "TX", postal_code: "78701", country_code: "US" }

beforeEach(async () => {
  sb.state.reset()
  await mc.post("/ecommerce/stores", { id: STORE, list_id: LIST, name: "Compact", currency_code: "USD" })
  await mc.post(`${base}/products`, { id: "p1", title: "Shoe", variants: [{ id: "v1", title: "Red", price: 25 }] })
})
afterEach(() => sb.idle())
afterAll(() => sb.close())

const order = (id: string, customer: string, total: number) => ({
  id,
  customer: { id: customer, email_address: `${customer}@example.com`, opt_in_status: true },
  currency_code: "USD",
  order_total: total,
  shipping_address: { name: "A", ...ADDRESS },
  billing_address: { name: "A", ...ADDRESS },
  lines: [{ id: `${id}-l1`, product_id: "p1", product_variant_id: "v1", quantity: 1, price: total }],
})

describe("records that hold the same values", () => {
  it("customers: a PATCH of one's address leaves the other's, and GET answers what PUT and PATCH did", async () => {
    const put = (id: string) => mc.put(`${base}/customers/${id}`, { id, email_address: `${id}@example.com`, opt_in_status: false, first_name: "Ann", address: ADDRESS })
    const a = await put("a")
    await put("b")
    expect((await mc.get(`${base}/customers/a`)).body).toEqual(a.body)
    const patched = await mc.patch(`${base}/customers/a`, { address: { city: "Dallas" }, last_name: "Lee" })
    expect(patched.body.address).toEqual({ ...a.body.address, city: "Dallas" })
    expect((await mc.get(`${base}/customers/a`)).body).toEqual(patched.body)
    const b = (await mc.get(`${base}/customers/b`)).body
    expect(b.address.city).toBe("Austin")
    expect(b.last_name).toBe("")
    expect(b.first_name).toBe("Ann")
  })

  it("orders: a PATCH of one's address leaves the other's; the customer counts its orders", async () => {
    const first = await mc.post(`${base}/orders`, order("o1", "c1", 10))
    await mc.post(`${base}/orders`, order("o2", "c1", 15))
    await mc.post(`${base}/orders`, order("o3", "c2", 20))
    expect(first.status).toBe(200)
    expect((await mc.get(`${base}/orders/o1`)).body).toEqual({ ...first.body, customer: expect.objectContaining({ orders_count: 2, total_spent: 25 }) })
    await mc.patch(`${base}/orders/o1`, { shipping_address: { city: "Dallas" }, financial_status: "refunded" })
    const o1 = (await mc.get(`${base}/orders/o1`)).body
    const o3 = (await mc.get(`${base}/orders/o3`)).body
    expect([o1.shipping_address.city, o1.billing_address.city, o1.financial_status]).toEqual(["Dallas", "Austin", "refunded"])
    expect([o3.shipping_address.city, o3.financial_status]).toEqual(["Austin", ""])
    expect((await mc.get(`${base}/customers/c1`)).body).toEqual(expect.objectContaining({ orders_count: 2, total_spent: 25 }))
    expect((await mc.delete(`${base}/orders/o2`)).status).toBe(204)
    expect((await mc.get(`${base}/customers/c1`)).body).toEqual(expect.objectContaining({ orders_count: 1, total_spent: 10 }))
    expect((await mc.delete(`${base}/orders/o1`)).status).toBe(204)
    expect((await mc.get(`${base}/customers/c1`)).body).toEqual(expect.objectContaining({ orders_count: 0, total_spent: 0 }))
  })

  it("members: merge fields, location and interests written on one stay off the other", async () => {
    const put = (email: string) =>
      mc.put(`/lists/${LIST}/members/${hashOf(email)}`, { email_address: email, status_if_new: "subscribed", merge_fields: { FNAME: "Ann" } })
    const a = await put("a@example.com")
    await put("b@example.com")
    expect((await mc.get(`/lists/${LIST}/members/${hashOf("a@example.com")}`)).body).toEqual(a.body)
    expect(a.body.contact_id).toMatch(/^[0-9a-f]{32}$/)
    const category = (await mc.post(`/lists/${LIST}/interest-categories`, { title: "Topics", type: "checkboxes" })).body
    const shoes = (await mc.post(`/lists/${LIST}/interest-categories/${category.id}/interests`, { name: "Shoes" })).body
    const patched = await mc.patch(`/lists/${LIST}/members/${hashOf("a@example.com")}`, {
      merge_fields: { FNAME: "Bea" },
      location: { latitude: 30.27 },
      interests: { [shoes.id]: true },
    })
    expect(patched.status).toBe(200)
    expect(patched.body.contact_id).toBe(a.body.contact_id)
    const b = (await mc.get(`/lists/${LIST}/members/${hashOf("b@example.com")}`)).body
    expect([patched.body.merge_fields.FNAME, patched.body.location.latitude, patched.body.interests[shoes.id]]).toEqual(["Bea", 30.27, true])
    expect([b.merge_fields.FNAME, b.location.latitude, b.interests[shoes.id]]).toEqual(["Ann", 0, false])
    expect(b.contact_id).not.toBe(a.body.contact_id)
  })

  it("tags: a renamed segment renames every member's tag; a tag taken off one stays on the other", async () => {
    for (const e of ["a@example.com", "b@example.com"]) {
      await mc.put(`/lists/${LIST}/members/${hashOf(e)}`, { email_address: e, status_if_new: "subscribed" })
    }
    const seg = (await mc.post(`/lists/${LIST}/segments`, { name: "VIP", static_segment: ["a@example.com", "b@example.com"] })).body
    await mc.patch(`/lists/${LIST}/segments/${seg.id}`, { name: "Gold" })
    await mc.post(`/lists/${LIST}/segments/${seg.id}`, { members_to_remove: ["a@example.com"] })
    const tags = async (e: string) => (await mc.get(`/lists/${LIST}/members/${hashOf(e)}`)).body.tags
    expect(await tags("a@example.com")).toEqual([])
    expect(await tags("b@example.com")).toEqual([{ id: seg.id, name: "Gold" }])
    expect((await mc.get(`/lists/${LIST}/segments/${seg.id}`)).body.member_count).toBe(1)
  })

  it("counts and pages: total_items, count and offset", async () => {
    for (let i = 0; i < 7; i++) await mc.post(`${base}/orders`, order(`o${i}`, `c${i}`, 10 + i))
    const page = await mc.get(`${base}/customers?count=3&offset=5`)
    expect(page.body.total_items).toBe(7)
    expect(page.body.customers.map((c: { id: string }) => c.id)).toEqual(["c5", "c6"])
    const orders = await mc.get(`${base}/orders?count=2&offset=1`)
    expect([orders.body.total_items, orders.body.orders.map((o: { id: string }) => o.id)]).toEqual([7, ["o1", "o2"]])
  })
})

describe("finished batches", () => {
  it("hold their operations and results on disk, and answer them as before", async () => {
    const operations = [0, 1, 2].map((i) => ({
      method: "PUT",
      path: `${base}/customers/k${i}`,
      operation_id: `k${i}`,
      body: JSON.stringify({ id: `k${i}`, email_address: `k${i}@example.com`, opt_in_status: false }),
    }))
    const { id } = (await mc.post("/batches", { operations })).body
    await sb.idle()
    const record = sb.state.batches.get(id)!
    expect(record.operations).toEqual([])
    expect(record.results.map((r) => [r.operation_id, r.status_code])).toEqual([["k0", 200], ["k1", 200], ["k2", 200]])
    const listed = (await ctl.get("/batches")).body.batches[0]
    expect(listed.operations).toEqual(operations)
    expect(listed.results.map((r: { response: string }) => JSON.parse(r.response).id)).toEqual(["k0", "k1", "k2"])
    expect((await mc.get(`/batches/${id}`)).body).toEqual(expect.objectContaining({ status: "finished", total_operations: 3, finished_operations: 3 }))
    const archive = await request(sb.app).get(`/_sandbox/batches/${id}/response.tar.gz`)
    expect(archive.status).toBe(200)
    sb.state.reset()
    expect((await request(sb.app).get(`/_sandbox/batches/${id}/response.tar.gz`)).status).toBe(404)
  })
})
