import { api, control, expectNoResponseViolations, expectProblem, hashOf, LIST, STRICT_WARMUP_MS, strictSandbox } from "./helpers"

/** What Mailchimp refuses that the stand-in must refuse too, with Mailchimp's wording (docs/mailchimp-behaviour-catalogue.md). */
const sb = strictSandbox()
const mc = api(sb)
const ctl = control(sb)
const members = `/lists/${LIST}/members`
const STORE = "refusals-store"
const base = `/ecommerce/stores/${STORE}`

beforeAll(() => sb.warmUp(), STRICT_WARMUP_MS)
beforeEach(() => sb.state.reset())
afterEach(async () => {
  await sb.idle()
  expectNoResponseViolations(sb)
})
afterAll(() => sb.close())

const put = (email: string, body: object = {}, query = "") =>
  mc.put(`${members}/${hashOf(email)}${query}`, { email_address: email, status_if_new: "subscribed", ...body })

describe("orders: campaign_id", () => {
  const UNKNOWN = "A campaign with the provided ID does not exist in the account for this list."
  const order = (id: string, campaign_id?: string) => ({
    id,
    customer: { id: `c-${id}`, email_address: `${id}@example.com`, opt_in_status: false },
    currency_code: "EUR",
    order_total: 10,
    lines: [{ id: "l1", product_id: "p1", product_variant_id: "p1", quantity: 1, price: 10 }],
    ...(campaign_id !== undefined ? { campaign_id } : {}),
  })

  beforeEach(async () => {
    await mc.post("/ecommerce/stores", { id: STORE, list_id: LIST, name: "S", currency_code: "EUR" })
    await mc.post(`${base}/products`, { id: "p1", title: "P", variants: [{ id: "p1", title: "P" }] })
  })

  it("an order or cart whose campaign_id is not a campaign of the store's audience is refused with Mailchimp's wording", async () => {
    // An id nobody made.
    const junk = await mc.post(`${base}/orders`, order("o1", "zz00notacampaign"))
    expectProblem(junk, 400, "Invalid Resource")
    expect(junk.body.detail).toBe(UNKNOWN)
    expect((await mc.get(`${base}/orders/o1`)).status).toBe(404)

    // A campaign of another audience of the same account.
    await ctl.post("/lists", { id: "0000000bbb", name: "Other" })
    await ctl.post("/campaigns/other00001/finish", { list_id: "0000000bbb" })
    const other = await mc.post(`${base}/orders`, order("o2", "other00001"))
    expect(other.body.detail).toBe(UNKNOWN)

    // A campaign of this audience, made through the API, and one finished through the controls: taken.
    const made = await mc.post("/campaigns", { type: "regular", recipients: { list_id: LIST } })
    expect((await mc.post(`${base}/orders`, order("o3", made.body.id))).body.campaign_id).toBe(made.body.id)
    await ctl.post("/campaigns/ours000001/finish", { list_id: LIST })
    expect((await mc.post(`${base}/orders`, order("o4", "ours000001"))).status).toBe(200)
    // No campaign, or an empty one: fine.
    expect((await mc.post(`${base}/orders`, order("o5"))).status).toBe(200)
    expect((await mc.post(`${base}/orders`, order("o6", ""))).status).toBe(200)

    // PATCH checks it too, and changes nothing when it refuses.
    const patch = await mc.patch(`${base}/orders/o5`, { campaign_id: "zz00notacampaign", financial_status: "paid" })
    expect(patch.body.detail).toBe(UNKNOWN)
    expect((await mc.get(`${base}/orders/o5`)).body.financial_status).not.toBe("paid")
  })
})

describe("PHONE format", () => {
  const usPhone = async () => {
    const phone = sb.state.defaultList.merge_fields.find((f) => f.tag === "PHONE")!
    expect((await mc.delete(`/lists/${LIST}/merge-fields/${phone.merge_id}`)).status).toBe(204)
    const created = await mc.post(`/lists/${LIST}/merge-fields`, { tag: "PHONE", name: "Phone", type: "phone", options: { phone_format: "US" } })
    expect(created.body.options.phone_format).toBe("US")
  }

  it("a US-format PHONE refuses a number that is not NPA-NXX-LINE; an International one takes any", async () => {
    expect((await put("intl@example.com", { merge_fields: { PHONE: "+44 20 7946 0958" } })).body.merge_fields.PHONE).toBe("+44 20 7946 0958")
    await usPhone()
    const refused = await put("us@example.com", { merge_fields: { PHONE: "+44 20 7946 0958" } })
    expectProblem(refused, 400, "Invalid Resource")
    expect(refused.body.detail).toBe("Your merge fields were invalid.")
    expect(refused.body.errors).toEqual([{ field: "PHONE", message: expect.stringContaining("NPA-NXX-LINE") }])
    expect((await mc.get(`${members}/${hashOf("us@example.com")}`)).status).toBe(404)
    expect((await put("us@example.com", { merge_fields: { PHONE: "404-555-1212" } })).body.merge_fields.PHONE).toBe("404-555-1212")
  })
})

describe("required merge fields", () => {
  it("a missing required field is 'Please enter a value' in errors[]; skip_merge_validation=true takes the member", async () => {
    await mc.post(`/lists/${LIST}/merge-fields`, { tag: "COMPANY", name: "Company", type: "text", required: true })
    const refused = await put("req@example.com", { merge_fields: { FNAME: "Ann" } })
    expectProblem(refused, 400, "Invalid Resource")
    expect(refused.body).toEqual(
      expect.objectContaining({ detail: "Your merge fields were invalid.", errors: [{ field: "COMPANY", message: "Please enter a value" }] })
    )
    const taken = await put("req@example.com", { merge_fields: { FNAME: "Ann" } }, "?skip_merge_validation=true")
    expect(taken.status).toBe(200)
    expect(taken.body.status).toBe("subscribed")
  })
})

describe("compliance state", () => {
  it("an archived member who had unsubscribed: status_if_new subscribed is refused as compliance state, pending is taken", async () => {
    await put("gone@example.com")
    await mc.patch(`${members}/${hashOf("gone@example.com")}`, { status: "unsubscribed" })
    expect((await mc.delete(`${members}/${hashOf("gone@example.com")}`)).status).toBe(204)
    const refused = await put("gone@example.com")
    expectProblem(refused, 400, "Member In Compliance State")
    const pending = await put("gone@example.com", { status_if_new: "pending" })
    expect(pending.body.status).toBe("pending")
  })

  it("a cleaned member is refused even pending", async () => {
    await put("bounced@example.com")
    await mc.patch(`${members}/${hashOf("bounced@example.com")}`, { status: "cleaned" })
    expectProblem(await put("bounced@example.com", { status: "pending", status_if_new: "pending" }), 400, "Member In Compliance State")
  })
})

describe("anti-abuse", () => {
  it("anti_abuse fault: the next member writes are refused with Mailchimp's wording", async () => {
    await ctl.post("/faults", { anti_abuse: 2 })
    // A write that subscribes nobody is not counted.
    expect((await mc.get(`${members}`)).status).toBe(200)
    for (const email of ["a1@example.com", "a2@example.com"]) {
      const res = await put(email)
      expectProblem(res, 400, "Invalid Resource")
      expect(res.body.detail).toBe(`${email} has signed up to a lot of lists very recently; we're not allowing more signups for now`)
      expect(res.body.errors).toBeUndefined()
    }
    expect((await put("a3@example.com")).body.status).toBe("subscribed")
    expect((await ctl.get("/faults")).body.anti_abuse).toBe(0)
  })
})

describe("timestamps", () => {
  it("timestamp_signup in Mailchimp's own form is stored as sent", async () => {
    const res = await put("ts@example.com", { status_if_new: "pending", timestamp_signup: "2026-12-05T10:11:12+00:00" })
    expect(res.body.timestamp_signup).toBe("2026-12-05T10:11:12+00:00")
  })
})
