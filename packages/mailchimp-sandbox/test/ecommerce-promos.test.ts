import { api, expectNoResponseViolations, expectProblem, LIST, STRICT_WARMUP_MS, strictSandbox } from "./helpers"

const sb = strictSandbox()
const mc = api(sb)
const STORE = "medusa-store"
const rules = `/ecommerce/stores/${STORE}/promo-rules`
const codes = (rule: string) => `${rules}/${rule}/promo-codes`

beforeAll(() => sb.warmUp(), STRICT_WARMUP_MS)
beforeEach(async () => {
  sb.state.reset()
  await mc.post("/ecommerce/stores", { id: STORE, list_id: LIST, name: "Medusa", currency_code: "EUR" })
})
afterEach(async () => {
  await sb.idle()
  expectNoResponseViolations(sb)
})
afterAll(() => sb.close())

const rule = (id: string, body: object = {}) => ({
  id,
  description: `SUMMER10 (Summer)`,
  amount: 0.1,
  type: "percentage",
  target: "total",
  enabled: true,
  ...body,
})
const code = (id: string, body: object = {}) => ({ id, code: "SUMMER10", redemption_url: "https://shop.example.com/promo/SUMMER10", ...body })

describe("promo rules and codes", () => {
  it("creates a rule with its code, lists and reads them back as sent", async () => {
    const created = await mc.post(rules, rule("promo_1", { starts_at: "2026-06-01T00:00:00Z", ends_at: "2026-09-01T00:00:00Z" }))
    expect(created.status).toBe(200)
    expect(created.body).toEqual(expect.objectContaining({ id: "promo_1", amount: 0.1, type: "percentage", target: "total", enabled: true, starts_at: "2026-06-01T00:00:00+00:00" }))
    const c = await mc.post(codes("promo_1"), code("promo_1", { usage_count: 3, enabled: true }))
    expect(c.status).toBe(200)
    expect(c.body).toEqual(expect.objectContaining({ id: "promo_1", code: "SUMMER10", usage_count: 3, enabled: true }))
    const list = await mc.get(rules)
    expect(list.body.total_items).toBe(1)
    const listed = await mc.get(codes("promo_1"))
    expect(listed.body.promo_codes.map((x: { code: string }) => x.code)).toEqual(["SUMMER10"])
  })

  it("requires description, amount, type and target; type and target are closed lists", async () => {
    const missing = await mc.post(rules, { id: "r1", amount: 5, type: "fixed", target: "total" })
    expectProblem(missing, 400, "Invalid Resource")
    expect(JSON.stringify(missing.body)).toMatch(/description/)
    const badTarget = await mc.post(rules, rule("r2", { target: "order" }))
    expect(badTarget.status).toBe(400)
    expect(JSON.stringify(badTarget.body)).toMatch(/target/)
  })

  it("a percentage is a decimal between 0.0 and 1.0: 10 is refused, 0.10 taken; a fixed amount is money", async () => {
    const ten = await mc.post(rules, rule("r1", { amount: 10 }))
    expectProblem(ten, 400, "Invalid Resource")
    expect(ten.body.errors[0].field).toBe("amount")
    expect((await mc.post(rules, rule("r1", { amount: 0.1 }))).status).toBe(200)
    expect((await mc.post(rules, rule("r2", { amount: 25, type: "fixed", target: "per_item" }))).status).toBe(200)
    // A PATCH is checked against the rule it makes.
    const patched = await mc.patch(`${rules}/r1`, { amount: 15 })
    expect(patched.status).toBe(400)
  })

  it("ends_at must be after starts_at", async () => {
    const res = await mc.post(rules, rule("r1", { starts_at: "2026-09-01T00:00:00Z", ends_at: "2026-06-01T00:00:00Z" }))
    expect(res.status).toBe(400)
    expect(res.body.errors[0].field).toBe("ends_at")
  })

  it("a second POST of an id is refused as Mailchimp words it; PATCH changes the rule and code", async () => {
    await mc.post(rules, rule("r1"))
    const again = await mc.post(rules, rule("r1"))
    expectProblem(again, 400, "Invalid Resource")
    expect(again.body.detail).toBe(`A promo rule for store '${STORE}' with the id 'r1' already exists.`)
    await mc.post(codes("r1"), code("c1"))
    expect((await mc.post(codes("r1"), code("c1"))).status).toBe(400)
    const patched = await mc.patch(`${rules}/r1`, { enabled: false, amount: 0.2 })
    expect(patched.body).toEqual(expect.objectContaining({ enabled: false, amount: 0.2 }))
    const code2 = await mc.patch(`${codes("r1")}/c1`, { usage_count: 7, enabled: false })
    expect(code2.body).toEqual(expect.objectContaining({ usage_count: 7, enabled: false, code: "SUMMER10" }))
  })

  it("a code needs code and redemption_url, under a rule that exists", async () => {
    const noRule = await mc.post(codes("nope"), code("c1"))
    expectProblem(noRule, 404, "Resource Not Found")
    await mc.post(rules, rule("r1"))
    const noUrl = await mc.post(codes("r1"), { id: "c1", code: "X" })
    expect(noUrl.status).toBe(400)
    expect(JSON.stringify(noUrl.body)).toMatch(/redemption_url/)
  })

  it("deleting a rule takes its codes; deleting the store takes its rules", async () => {
    await mc.post(rules, rule("r1"))
    await mc.post(codes("r1"), code("c1"))
    expect((await mc.delete(`${rules}/r1`)).status).toBe(204)
    expect((await mc.get(`${codes("r1")}/c1`)).status).toBe(404)
    expect((await mc.delete(`${rules}/r1`)).status).toBe(404)
    await mc.post(rules, rule("r2"))
    await mc.delete(`/ecommerce/stores/${STORE}`)
    await mc.post("/ecommerce/stores", { id: STORE, list_id: LIST, name: "Medusa", currency_code: "EUR" })
    expect((await mc.get(rules)).body.total_items).toBe(0)
  })
})
