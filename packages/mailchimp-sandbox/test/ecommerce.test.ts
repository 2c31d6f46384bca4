import {
  api,
  control,
  expectNoResponseViolations,
  expectProblem,
  hashOf,
  LIST,
  type Receiver,
  startReceiver,
  STRICT_WARMUP_MS,
  strictSandbox,
} from "./helpers"

const sb = strictSandbox()
const mc = api(sb)
const ctl = control(sb)
const STORE = "medusa-store"
const base = `/ecommerce/stores/${STORE}`

beforeAll(() => sb.warmUp(), STRICT_WARMUP_MS)
beforeEach(() => sb.state.reset())
afterEach(async () => {
  await sb.idle()
  expectNoResponseViolations(sb)
})
afterAll(() => sb.close())

const createStore = (body: object = {}) =>
  mc.post("/ecommerce/stores", { id: STORE, list_id: LIST, name: "Medusa", currency_code: "EUR", ...body })

const product = (id: string, variants: Array<{ id: string; title: string; price?: number }> = [{ id: `${id}-v1`, title: "Default", price: 10 }]) => ({
  id,
  title: `Product ${id}`,
  variants,
})

const member = (email: string) => mc.get(`/lists/${LIST}/members/${hashOf(email)}`)

describe("stores", () => {
  it("creates a store on an audience and lists it", async () => {
    const res = await createStore({ domain: "shop.example.com", address: { city: "Lyon", country_code: "FR" } })
    expect(res.status).toBe(200)
    expect(res.body).toEqual(
      expect.objectContaining({
        id: STORE,
        list_id: LIST,
        name: "Medusa",
        currency_code: "EUR",
        domain: "shop.example.com",
        list_is_active: true,
        address: expect.objectContaining({ city: "Lyon", country_code: "FR", address1: "" }),
        created_at: expect.any(String),
      })
    )
    const list = await mc.get("/ecommerce/stores")
    expect(list.body.total_items).toBe(1)
    expect(list.body.stores.map((s: { id: string }) => s.id)).toEqual([STORE])
  })

  it("requires id, list_id, name and currency_code", async () => {
    const res = await mc.post("/ecommerce/stores", { id: STORE, list_id: LIST, name: "Medusa" })
    expectProblem(res, 400, "Invalid Resource")
    expect(JSON.stringify(res.body.errors)).toContain("currency_code")
    expect(sb.state.stores.size).toBe(0)
  })

  it("refuses a list_id that is not an audience, and a duplicate id", async () => {
    const bad = await createStore({ list_id: "0000000000" })
    expectProblem(bad, 400, "Invalid Resource")
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: "list_id" })])
    expect((await createStore()).status).toBe(200)
    expectProblem(await createStore(), 400, "Invalid Resource")
  })

  it("PATCH changes the store but strict mode refuses list_id (it cannot change)", async () => {
    await createStore()
    const patched = await mc.patch(base, { name: "Renamed", is_syncing: true })
    expect(patched.body).toEqual(expect.objectContaining({ name: "Renamed", is_syncing: true, list_id: LIST }))
    const other = await ctl.post("/lists", { id: "bbbbbbbbbb" })
    expect(other.status).toBe(201)
    const move = await mc.patch(base, { list_id: "bbbbbbbbbb" })
    expectProblem(move, 400, "Invalid Resource")
    expect(move.body.errors).toEqual([expect.objectContaining({ field: "list_id" })])
    expect(sb.state.stores.get(STORE)!.list_id).toBe(LIST)
  })

  it("a store's domain is unique in the account: a second store (or a PATCH) with a domain held is refused", async () => {
    expect((await createStore({ domain: "shop.example.com" })).status).toBe(200)
    const twin = await mc.post("/ecommerce/stores", { id: "other", list_id: LIST, name: "Other", currency_code: "USD", domain: "Shop.Example.com" })
    expect(twin.status).toBe(400)
    expect(twin.body.detail).toBe("We were unable to process the request. A store with the domain Shop.Example.com already exists in the account.")
    expect(sb.state.stores.has("other")).toBe(false)
    expect((await mc.post("/ecommerce/stores", { id: "other", list_id: LIST, name: "Other", currency_code: "USD", domain: "eu.example.com" })).status).toBe(200)
    const moved = await mc.patch("/ecommerce/stores/other", { domain: "shop.example.com" })
    expect(moved.status).toBe(400)
    expect(sb.state.stores.get("other")!.fields.domain).toBe("eu.example.com")
    // The store itself may be written again with its own domain.
    expect((await mc.patch(base, { domain: "shop.example.com", name: "Same" })).status).toBe(200)
  })

  it("DELETE removes the store and everything in it", async () => {
    await createStore()
    await mc.post(`${base}/products`, product("p1"))
    expect((await mc.delete(base)).status).toBe(204)
    expect((await mc.get(base)).status).toBe(404)
    expect((await mc.get(`${base}/products/p1`)).status).toBe(404)
  })

  it("objects gone: PATCH of a deleted product, order or customer is 404; PUT creates the customer again; a deleted store answers 404 to every write", async () => {
    await createStore()
    await mc.post(`${base}/products`, product("p1"))
    const line = { id: "l1", product_id: "p1", product_variant_id: "p1-v1", quantity: 1, price: 10 }
    await mc.post(`${base}/orders`, { id: "o1", customer: { id: "c1", email_address: "gone@example.com", opt_in_status: false }, currency_code: "EUR", order_total: 10, lines: [line] })
    for (const path of ["products/p1", "orders/o1", "customers/c1"]) expect((await mc.delete(`${base}/${path}`)).status).toBe(204)
    expectProblem(await mc.patch(`${base}/products/p1`, { title: "x" }), 404, "Resource Not Found")
    expectProblem(await mc.patch(`${base}/orders/o1`, { financial_status: "paid" }), 404, "Resource Not Found")
    expectProblem(await mc.patch(`${base}/customers/c1`, { first_name: "x" }), 404, "Resource Not Found")
    const customer = { id: "c1", email_address: "gone@example.com", opt_in_status: false }
    expect((await mc.put(`${base}/customers/c1`, customer)).status).toBe(200)
    // An order naming a customer by id alone that the store does not hold is refused for the customer.
    const byId = await mc.post(`${base}/orders`, { id: "o2", customer: { id: "c9" }, currency_code: "EUR", order_total: 10, lines: [line] })
    expectProblem(byId, 400, "Invalid Resource")
    expect(byId.body.errors).toEqual([expect.objectContaining({ field: "customer" })])
    expect((await mc.delete(base)).status).toBe(204)
    expectProblem(await mc.put(`${base}/customers/c1`, customer), 404, "Resource Not Found")
    expectProblem(await mc.post(`${base}/products`, product("p2")), 404, "Resource Not Found")
    expectProblem(await mc.post(`${base}/orders`, { id: "o3", customer, currency_code: "EUR", order_total: 10, lines: [line] }), 404, "Resource Not Found")
  })
})

describe("customers and the audience", () => {
  beforeEach(async () => {
    expect((await createStore()).status).toBe(200)
  })

  it("opt_in_status true for an address the audience lacks adds a subscribed contact", async () => {
    const res = await mc.put(`${base}/customers/c1`, {
      id: "c1",
      email_address: "ann@example.com",
      opt_in_status: true,
      first_name: "Ann",
      last_name: "Lee",
    })
    expect(res.status).toBe(200)
    expect(res.body).toEqual(
      expect.objectContaining({ id: "c1", email_address: "ann@example.com", opt_in_status: true, orders_count: 0, total_spent: 0 })
    )
    const m = await member("ann@example.com")
    expect(m.body.status).toBe("subscribed")
    expect(m.body.merge_fields).toEqual(expect.objectContaining({ FNAME: "Ann", LNAME: "Lee" }))
  })

  it("opt_in_status false never subscribes: a transactional contact, still transactional after a false update", async () => {
    await mc.put(`${base}/customers/c2`, { id: "c2", email_address: "bob@example.com", opt_in_status: false })
    expect((await member("bob@example.com")).body.status).toBe("transactional")
    await mc.patch(`${base}/customers/c2`, { opt_in_status: false, first_name: "Bob" })
    expect((await member("bob@example.com")).body.status).toBe("transactional")
    const got = await mc.get(`${base}/customers/c2`)
    expect(got.body).toEqual(expect.objectContaining({ opt_in_status: false, first_name: "Bob" }))
  })

  it("a later opt-in subscribes the transactional contact the store added", async () => {
    await mc.put(`${base}/customers/c3`, { id: "c3", email_address: "cy@example.com", opt_in_status: false })
    await mc.patch(`${base}/customers/c3`, { opt_in_status: true })
    expect((await member("cy@example.com")).body.status).toBe("subscribed")
  })

  it("never overwrites an existing member: unsubscribed stays unsubscribed, and the customer shows it", async () => {
    await mc.put(`/lists/${LIST}/members/${hashOf("dee@example.com")}`, { email_address: "dee@example.com", status_if_new: "unsubscribed" })
    const res = await mc.put(`${base}/customers/c4`, { id: "c4", email_address: "dee@example.com", opt_in_status: true })
    expect(res.status).toBe(200)
    expect(res.body.opt_in_status).toBe(false)
    expect((await member("dee@example.com")).body.status).toBe("unsubscribed")
  })

  it("delivers the subscribe webhook for a contact the store subscribes (source api)", async () => {
    const receiver: Receiver = await startReceiver()
    try {
      await mc.post(`/lists/${LIST}/webhooks`, { url: receiver.url, sources: { user: true, admin: true, api: true } })
      await mc.post(`${base}/customers`, { id: "c5", email_address: "eve@example.com", opt_in_status: true })
      await mc.post(`${base}/customers`, { id: "c6", email_address: "fay@example.com", opt_in_status: false })
      await sb.idle()
      const posts = receiver.posts()
      expect(posts.map((p) => [p.form.get("type"), p.form.get("data[email]")])).toEqual([["subscribe", "eve@example.com"]])
    } finally {
      await receiver.close()
    }
  })

  it("POST refuses a duplicate id; PUT needs the body id to match the URL; GET filters by address; paging counts", async () => {
    await mc.post(`${base}/customers`, { id: "c7", email_address: "g@example.com", opt_in_status: false })
    expectProblem(await mc.post(`${base}/customers`, { id: "c7", email_address: "g@example.com", opt_in_status: false }), 400, "Invalid Resource")
    expectProblem(await mc.put(`${base}/customers/c8`, { id: "c9", email_address: "h@example.com", opt_in_status: false }), 400, "Invalid Resource")
    for (const n of [1, 2, 3]) await mc.put(`${base}/customers/k${n}`, { id: `k${n}`, email_address: `k${n}@example.com`, opt_in_status: false })
    const page = await mc.get(`${base}/customers?count=2&offset=1`)
    expect(page.body.total_items).toBe(4)
    expect(page.body.customers.map((c: { id: string }) => c.id)).toEqual(["k1", "k2"])
    const byEmail = await mc.get(`${base}/customers?email_address=${encodeURIComponent("K2@example.com")}`)
    expect(byEmail.body.customers.map((c: { id: string }) => c.id)).toEqual(["k2"])
  })

  it("PUT requires opt_in_status (strict) and a valid address", async () => {
    expectProblem(await mc.put(`${base}/customers/x`, { id: "x", email_address: "x@example.com" }), 400, "Invalid Resource")
    expectProblem(await mc.put(`${base}/customers/x`, { id: "x", email_address: "nope", opt_in_status: true }), 400, "Invalid Resource")
    expect(sb.state.stores.get(STORE)!.customers.size).toBe(0)
    expect(sb.state.defaultList.members.size).toBe(0)
  })
})

describe("products and variants", () => {
  beforeEach(async () => {
    await createStore()
  })

  it("creates with variants and images, answers 400 for a duplicate id", async () => {
    const res = await mc.post(`${base}/products`, {
      ...product("p1", [
        { id: "p1-s", title: "Small", price: 9.5 },
        { id: "p1-l", title: "Large", price: 12 },
      ]),
      images: [{ id: "img1", url: "https://cdn.example.com/p1.png", variant_ids: ["p1-s"] }],
    })
    expect(res.status).toBe(200)
    expect(res.body).toEqual(
      expect.objectContaining({
        id: "p1",
        currency_code: "EUR",
        title: "Product p1",
        variants: [expect.objectContaining({ id: "p1-s", title: "Small", price: 9.5 }), expect.objectContaining({ id: "p1-l", price: 12 })],
        images: [expect.objectContaining({ id: "img1", variant_ids: ["p1-s"] })],
      })
    )
    const dup = await mc.post(`${base}/products`, product("p1"))
    expectProblem(dup, 400, "Invalid Resource")
    expect(dup.body.detail).toContain("already exists")
  })

  it("requires at least one variant", async () => {
    expectProblem(await mc.post(`${base}/products`, { id: "p0", title: "No variants", variants: [] }), 400, "Invalid Resource")
  })

  it("PATCH changes fields and images; PUT variant adds and updates; DELETE variant", async () => {
    await mc.post(`${base}/products`, product("p2"))
    const patched = await mc.patch(`${base}/products/p2`, {
      title: "New title",
      images: [{ id: "i1", url: "https://cdn.example.com/i1.png" }],
    })
    expect(patched.body).toEqual(expect.objectContaining({ title: "New title", images: [expect.objectContaining({ id: "i1" })] }))
    const added = await mc.put(`${base}/products/p2/variants/p2-v2`, { id: "p2-v2", title: "Blue", price: 15, inventory_quantity: 3 })
    expect(added.body).toEqual(expect.objectContaining({ id: "p2-v2", title: "Blue", price: 15, inventory_quantity: 3 }))
    const updated = await mc.put(`${base}/products/p2/variants/p2-v2`, { id: "p2-v2", title: "Navy" })
    expect(updated.body).toEqual(expect.objectContaining({ title: "Navy", price: 15 }))
    expect((await mc.patch(`${base}/products/p2/variants/p2-v2`, { sku: "NAVY-1" })).body.sku).toBe("NAVY-1")
    const variants = await mc.get(`${base}/products/p2/variants`)
    expect(variants.body.total_items).toBe(2)
    expect((await mc.delete(`${base}/products/p2/variants/p2-v2`)).status).toBe(204)
    expect((await mc.get(`${base}/products/p2/variants/p2-v2`)).status).toBe(404)
  })

  it("lists with paging and counts", async () => {
    for (const id of ["a", "b", "c", "d", "e"]) await mc.post(`${base}/products`, product(id))
    const page = await mc.get(`${base}/products?count=2&offset=2`)
    expect(page.body.total_items).toBe(5)
    expect(page.body.products.map((p: { id: string }) => p.id)).toEqual(["c", "d"])
  })
})

describe("orders", () => {
  beforeEach(async () => {
    await createStore()
    await mc.post(`${base}/products`, product("p1", [{ id: "p1-v1", title: "Default", price: 20 }]))
  })

  const order = (id: string, customer: object, extra: object = {}) => ({
    id,
    customer,
    currency_code: "EUR",
    order_total: 40,
    lines: [{ id: `${id}-l1`, product_id: "p1", product_variant_id: "p1-v1", quantity: 2, price: 20 }],
    ...extra,
  })

  it("creates the customer with the order (transactional without opt-in), keeps campaign_id", async () => {
    await ctl.post("/campaigns/abc123/finish", { list_id: LIST })
    const res = await mc.post(`${base}/orders`, order("o1", { id: "c1", email_address: "ann@example.com", opt_in_status: false }, { campaign_id: "abc123" }))
    expect(res.status).toBe(200)
    expect(res.body).toEqual(
      expect.objectContaining({
        id: "o1",
        store_id: STORE,
        campaign_id: "abc123",
        order_total: 40,
        customer: expect.objectContaining({ id: "c1", email_address: "ann@example.com", orders_count: 1, total_spent: 40 }),
        lines: [expect.objectContaining({ id: "o1-l1", product_title: "Product p1", product_variant_title: "Default", quantity: 2 })],
      })
    )
    expect((await member("ann@example.com")).body.status).toBe("transactional")
    const filtered = await mc.get(`${base}/orders?campaign_id=abc123`)
    expect(filtered.body.total_items).toBe(1)
    expect((await mc.get("/ecommerce/orders?campaign_id=abc123")).body.orders[0].store_id).toBe(STORE)
  })

  it("an order for an existing customer updates it; an opt-in subscribes a new address", async () => {
    await mc.post(`${base}/orders`, order("o1", { id: "c1", email_address: "bo@example.com", opt_in_status: true, first_name: "Bo" }))
    expect((await member("bo@example.com")).body.status).toBe("subscribed")
    await mc.post(`${base}/orders`, order("o2", { id: "c1", last_name: "Vu" }))
    const customer = await mc.get(`${base}/customers/c1`)
    expect(customer.body).toEqual(expect.objectContaining({ first_name: "Bo", last_name: "Vu", orders_count: 2, total_spent: 80 }))
  })

  it("refuses lines naming an unknown product or variant, and a new customer without an address; nothing is stored", async () => {
    const unknown = await mc.post(`${base}/orders`, {
      ...order("o3", { id: "c3", email_address: "c3@example.com", opt_in_status: true }),
      lines: [{ id: "l1", product_id: "nope", product_variant_id: "nope", quantity: 1, price: 1 }],
    })
    expectProblem(unknown, 400, "Invalid Resource")
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: "lines.0.product_id" })])
    const noEmail = await mc.post(`${base}/orders`, order("o4", { id: "c4" }))
    expectProblem(noEmail, 400, "Invalid Resource")
    expect(sb.state.stores.get(STORE)!.orders.size).toBe(0)
    expect(sb.state.stores.get(STORE)!.customers.size).toBe(0)
    expect(sb.state.defaultList.members.size).toBe(0)
  })

  it("keeps accepting lines of a product deleted since, and orders keep showing them", async () => {
    await mc.post(`${base}/orders`, order("o1", { id: "c1", email_address: "d@example.com", opt_in_status: false }))
    expect((await mc.delete(`${base}/products/p1`)).status).toBe(204)
    expect((await mc.get(`${base}/products/p1`)).status).toBe(404)
    const later = await mc.post(`${base}/orders`, order("o2", { id: "c1" }))
    expect(later.status).toBe(200)
    expect(later.body.lines[0]).toEqual(expect.objectContaining({ product_id: "p1", product_title: "Product p1" }))
    expect((await mc.get(`${base}/orders/o1`)).body.lines[0].product_title).toBe("Product p1")
  })

  it("PATCH changes status fields, DELETE removes; duplicate id is 400; lists count", async () => {
    await mc.post(`${base}/orders`, order("o1", { id: "c1", email_address: "e@example.com", opt_in_status: false }))
    expectProblem(await mc.post(`${base}/orders`, order("o1", { id: "c1" })), 400, "Invalid Resource")
    const patched = await mc.patch(`${base}/orders/o1`, { financial_status: "refunded", cancelled_at_foreign: "2024-05-01T10:00:00Z" })
    expect(patched.body).toEqual(expect.objectContaining({ financial_status: "refunded", cancelled_at_foreign: "2024-05-01T10:00:00+00:00" }))
    await mc.post(`${base}/orders`, order("o2", { id: "c1" }))
    expect((await mc.get(`${base}/orders?count=1`)).body).toEqual(expect.objectContaining({ total_items: 2, orders: [expect.objectContaining({ id: "o1" })] }))
    expect((await mc.delete(`${base}/orders/o1`)).status).toBe(204)
    expect((await mc.get(`${base}/orders`)).body.total_items).toBe(1)
    expect((await mc.get(`${base}/customers/c1`)).body.orders_count).toBe(1)
  })
})
