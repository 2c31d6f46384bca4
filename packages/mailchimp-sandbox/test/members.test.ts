import { api, control, expectNoResponseViolations, expectProblem, hashOf, LIST, STRICT_WARMUP_MS, strictSandbox } from "./helpers"

const sb = strictSandbox()
const mc = api(sb)
const ctl = control(sb)
const members = `/lists/${LIST}/members`

beforeAll(() => sb.warmUp(), STRICT_WARMUP_MS)
beforeEach(() => sb.state.reset())
afterEach(() => expectNoResponseViolations(sb))
afterAll(() => sb.close())

const put = (email: string, body: object = {}) =>
  mc.put(`${members}/${hashOf(email)}`, { email_address: email, status_if_new: "subscribed", ...body })

describe("PUT / GET / PATCH / DELETE a member", () => {
  it("adds with PUT (status_if_new) and reads it back", async () => {
    const res = await put("Ann@Example.com", { merge_fields: { FNAME: "Ann", LNAME: "Lee" } })
    expect(res.status).toBe(200)
    expect(res.body).toEqual(
      expect.objectContaining({
        id: hashOf("ann@example.com"),
        email_address: "Ann@Example.com",
        status: "subscribed",
        list_id: LIST,
        merge_fields: expect.objectContaining({ FNAME: "Ann", LNAME: "Lee", ADDRESS: "", PHONE: "", BIRTHDAY: "" }),
      })
    )
    const got = await mc.get(`${members}/${hashOf("ann@example.com")}`)
    expect(got.status).toBe(200)
    expect(got.body.full_name).toBe("Ann Lee")
  })

  it("accepts the address itself in place of the hash", async () => {
    await put("bob@example.com")
    expect((await mc.get(`${members}/bob@example.com`)).body.status).toBe("subscribed")
  })

  it("ignores status_if_new for an existing member, applies status", async () => {
    await put("c@example.com", { status_if_new: "pending" })
    const again = await put("c@example.com", { status_if_new: "unsubscribed" })
    expect(again.body.status).toBe("pending")
    const sub = await put("c@example.com", { status: "subscribed" })
    expect(sub.body.status).toBe("subscribed")
  })

  it("answers 400 when the hash does not match the body's address for a new member", async () => {
    const res = await mc.put(`${members}/${hashOf("someone@example.com")}`, {
      email_address: "other@example.com",
      status_if_new: "subscribed",
    })
    expectProblem(res, 400, "Invalid Resource")
    expect(res.body.errors[0].field).toBe("email_address")
  })

  it("answers 400 when a new member has no status", async () => {
    const res = await mc.put(`${members}/${hashOf("d@example.com")}`, { email_address: "d@example.com" })
    expectProblem(res, 400, "Invalid Resource")
    expect(res.body.errors[0].field).toBe("status_if_new")
  })

  it("refuses an invalid address", async () => {
    const res = await mc.post(members, { email_address: "not-an-address", status: "subscribed" })
    expectProblem(res, 400, "Invalid Resource")
    expect(res.body.detail).toBe("Please provide a valid email address.")
  })

  it("PATCHes merge fields and keeps the others", async () => {
    await put("e@example.com", { merge_fields: { FNAME: "E", LNAME: "Before" } })
    const res = await mc.patch(`${members}/${hashOf("e@example.com")}`, { merge_fields: { LNAME: "After" } })
    expect(res.status).toBe(200)
    expect(res.body.merge_fields).toEqual(expect.objectContaining({ FNAME: "E", LNAME: "After" }))
  })

  it("PATCH of an unknown member is 404", async () => {
    expectProblem(await mc.patch(`${members}/${hashOf("nobody@example.com")}`, { vip: true }), 404, "Resource Not Found")
  })

  it("POST adds, and a second POST is 400 Member Exists", async () => {
    const first = await mc.post(members, { email_address: "f@example.com", status: "pending", tags: ["vip"] })
    expect(first.status).toBe(200)
    expect(first.body.tags).toEqual([expect.objectContaining({ name: "vip" })])
    expectProblem(await mc.post(members, { email_address: "f@example.com", status: "subscribed" }), 400, "Member Exists")
  })

  it("DELETE archives; GET shows archived; PUT and POST bring the member back", async () => {
    await put("g@example.com")
    const del = await mc.delete(`${members}/${hashOf("g@example.com")}`)
    expect(del.status).toBe(204)
    expect((await mc.get(`${members}/${hashOf("g@example.com")}`)).body.status).toBe("archived")
    expect((await mc.get(members)).body.total_items).toBe(0)
    expect((await mc.get(`${members}?status=archived`)).body.total_items).toBe(1)
    const back = await put("g@example.com")
    expect(back.body.status).toBe("subscribed")

    await mc.delete(`${members}/${hashOf("g@example.com")}`)
    const posted = await mc.post(members, { email_address: "g@example.com", status: "pending" })
    expect(posted.status).toBe(200)
    expect(posted.body.status).toBe("pending")
  })

  it("lists members with paging", async () => {
    for (const e of ["1@example.com", "2@example.com", "3@example.com"]) await put(e)
    const res = await mc.get(`${members}?count=2&offset=1`)
    expect(res.body.total_items).toBe(3)
    expect(res.body.members.map((m: { email_address: string }) => m.email_address)).toEqual(["2@example.com", "3@example.com"])
  })
})

describe("email change", () => {
  it("moves the member to the new address (and hash)", async () => {
    await put("old@example.com", { merge_fields: { FNAME: "Old" } })
    const res = await mc.patch(`${members}/${hashOf("old@example.com")}`, { email_address: "new@example.com" })
    expect(res.status).toBe(200)
    expect(res.body.id).toBe(hashOf("new@example.com"))
    expect(res.body.merge_fields.FNAME).toBe("Old")
    expectProblem(await mc.get(`${members}/${hashOf("old@example.com")}`), 404, "Resource Not Found")
    expect((await mc.get(`${members}/${hashOf("new@example.com")}`)).status).toBe(200)
  })

  it("works through PUT on the old hash too", async () => {
    await put("p-old@example.com")
    const res = await mc.put(`${members}/${hashOf("p-old@example.com")}`, { email_address: "p-new@example.com" })
    expect(res.status).toBe(200)
    expect(res.body.email_address).toBe("p-new@example.com")
  })

  it("refuses an address already on the audience", async () => {
    await put("one@example.com")
    await put("two@example.com")
    const res = await mc.patch(`${members}/${hashOf("one@example.com")}`, { email_address: "two@example.com" })
    expect(res.status).toBe(400)
    expect(res.body.detail).toContain("two@example.com")
    expect((await mc.get(`${members}/${hashOf("one@example.com")}`)).status).toBe(200)
  })
})

describe("compliance rules", () => {
  it("an unsubscribed member cannot be set to subscribed (400 Member In Compliance State)", async () => {
    await put("u@example.com", { status_if_new: "unsubscribed" })
    const res = await put("u@example.com", { status: "subscribed" })
    expectProblem(res, 400, "Member In Compliance State")
    expect(res.body.detail).toBe(
      "u@example.com is already a list member in compliance state due to unsubscribe, bounce, or compliance review and cannot be subscribed."
    )
    expectProblem(await mc.patch(`${members}/${hashOf("u@example.com")}`, { status: "subscribed" }), 400, "Member In Compliance State")
    expect((await mc.get(`${members}/${hashOf("u@example.com")}`)).body.status).toBe("unsubscribed")
  })

  it("an unsubscribed member may be sent a re-confirmation (pending)", async () => {
    await put("u2@example.com", { status_if_new: "unsubscribed" })
    const res = await put("u2@example.com", { status: "pending" })
    expect(res.status).toBe(200)
    expect(res.body.status).toBe("pending")
  })

  it("a member who unsubscribed through Mailchimp cannot be resubscribed by the API", async () => {
    await put("u3@example.com")
    await ctl.post(`/lists/${LIST}/members/u3@example.com/unsubscribe`, {})
    expectProblem(await put("u3@example.com", { status: "subscribed" }), 400, "Member In Compliance State")
  })

  it("a cleaned member cannot come back at all", async () => {
    await put("bounce@example.com")
    await ctl.post(`/lists/${LIST}/members/bounce@example.com/clean`, { reason: "hard" })
    expect((await mc.get(`/lists/${LIST}`)).body.stats.cleaned_count).toBe(1)
    expectProblem(await put("bounce@example.com", { status: "subscribed" }), 400, "Member In Compliance State")
    expectProblem(await put("bounce@example.com", { status: "pending" }), 400, "Member In Compliance State")
  })

  it("archiving keeps the compliance state", async () => {
    await put("arch@example.com", { status_if_new: "unsubscribed" })
    await mc.delete(`${members}/${hashOf("arch@example.com")}`)
    expectProblem(await put("arch@example.com", { status: "subscribed" }), 400, "Member In Compliance State")
  })

  it("a permanently deleted address cannot be re-added via the API", async () => {
    await put("gone@example.com")
    const del = await mc.post(`${members}/${hashOf("gone@example.com")}/actions/delete-permanent`)
    expect(del.status).toBe(204)
    expectProblem(await mc.get(`${members}/${hashOf("gone@example.com")}`), 404, "Resource Not Found")
    const res = await put("gone@example.com")
    expectProblem(res, 400, "Forgotten Email Not Subscribed")
    expectProblem(await mc.post(members, { email_address: "gone@example.com", status: "subscribed" }), 400, "Forgotten Email Not Subscribed")
    // …but the person may sign up again themselves.
    const again = await ctl.post(`/lists/${LIST}/members/gone@example.com/subscribe`, {})
    expect(again.status).toBe(200)
    expect(again.body.member.status).toBe("subscribed")
  })
})

describe("merge fields", () => {
  it("a new audience has Mailchimp's default merge fields, none required", async () => {
    const res = await mc.get(`/lists/${LIST}/merge-fields`)
    expect(res.status).toBe(200)
    expect(res.body.merge_fields.map((f: { tag: string }) => f.tag)).toEqual(["FNAME", "LNAME", "ADDRESS", "PHONE", "BIRTHDAY"])
    expect(res.body.merge_fields.every((f: { required: boolean }) => !f.required)).toBe(true)
  })

  it("refuses an unknown merge tag", async () => {
    const res = await put("m1@example.com", { merge_fields: { NICKNAME: "x" } })
    expectProblem(res, 400, "Invalid Resource")
    expect(res.body.detail).toBe("Your merge fields were invalid.")
    expect(res.body.errors).toEqual([{ field: "NICKNAME", message: expect.stringContaining("NICKNAME") }])
  })

  it("merge tags are case-sensitive", async () => {
    const res = await put("m1b@example.com", { merge_fields: { fname: "x" } })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].message).toContain("FNAME")
  })

  it("refuses an ADDRESS without addr1, city, state and zip", async () => {
    const res = await put("m2@example.com", { merge_fields: { ADDRESS: { addr1: "1 Main St", city: "Atlanta" } } })
    expectProblem(res, 400, "Invalid Resource")
    expect(res.body.errors).toEqual([{ field: "ADDRESS", message: "Please enter a complete address" }])
    const ok = await put("m2@example.com", {
      merge_fields: { ADDRESS: { addr1: "1 Main St", city: "Atlanta", state: "GA", zip: "30308" } },
    })
    expect(ok.status).toBe(200)
    expect(ok.body.merge_fields.ADDRESS).toEqual(expect.objectContaining({ addr1: "1 Main St", zip: "30308", country: "US" }))
  })

  it("creates a required field; new members must then fill it, unless skip_merge_validation", async () => {
    const created = await mc.post(`/lists/${LIST}/merge-fields`, { name: "Loyalty", type: "text", tag: "loyalty", required: true })
    expect(created.status).toBe(200)
    expect(created.body).toEqual(expect.objectContaining({ tag: "LOYALTY", required: true, list_id: LIST }))
    const res = await put("m3@example.com")
    expectProblem(res, 400, "Invalid Resource")
    expect(res.body.errors).toEqual([{ field: "LOYALTY", message: "Please enter a value" }])
    const skipped = await mc
      .put(`${members}/${hashOf("m3@example.com")}?skip_merge_validation=true`, {
        email_address: "m3@example.com",
        status_if_new: "subscribed",
      })
    expect(skipped.status).toBe(200)
    const filled = await put("m4@example.com", { merge_fields: { LOYALTY: "gold" } })
    expect(filled.status).toBe(200)
  })

  it("checks tag uniqueness and length", async () => {
    expectProblem(await mc.post(`/lists/${LIST}/merge-fields`, { name: "First", type: "text", tag: "FNAME" }), 400, "Invalid Resource")
    const long = await mc.post(`/lists/${LIST}/merge-fields`, { name: "Long", type: "text", tag: "ELEVENCHARS" })
    expectProblem(long, 400, "Invalid Resource")
    expect(long.body.errors[0].field).toBe("tag")
    const auto = await mc.post(`/lists/${LIST}/merge-fields`, { name: "No tag", type: "number" })
    expect(auto.body.tag).toBe("MMERGE6")
    const num = await put("n@example.com", { merge_fields: { MMERGE6: "not a number" } })
    expect(num.status).toBe(400)
  })
})

describe("tags", () => {
  it("active adds, inactive removes", async () => {
    await put("t@example.com")
    const tagsPath = `${members}/${hashOf("t@example.com")}/tags`
    const add = await mc.post(tagsPath, { tags: [{ name: "customer", status: "active" }, { name: "vip", status: "active" }] })
    expect(add.status).toBe(204)
    let res = await mc.get(tagsPath)
    expect(res.body.total_items).toBe(2)
    expect(res.body.tags.map((t: { name: string }) => t.name)).toEqual(["customer", "vip"])
    await mc.post(tagsPath, { tags: [{ name: "vip", status: "inactive" }] })
    res = await mc.get(tagsPath)
    expect(res.body.tags.map((t: { name: string }) => t.name)).toEqual(["customer"])
    expect((await mc.get(`${members}/${hashOf("t@example.com")}`)).body.tags_count).toBe(1)
  })

  it("tags of an unknown member are 404", async () => {
    expectProblem(
      await mc.post(`${members}/${hashOf("x@example.com")}/tags`, { tags: [{ name: "a", status: "active" }] }),
      404,
      "Resource Not Found"
    )
  })
})

describe("batch subscribe (POST /lists/{id})", () => {
  it("creates, updates and reports errors with error codes", async () => {
    await put("exists@example.com", { merge_fields: { FNAME: "Before" } })
    await put("unsub@example.com", { status_if_new: "unsubscribed" })
    const res = await mc.post(`/lists/${LIST}`, {
      members: [
        { email_address: "new1@example.com", status: "subscribed" },
        { email_address: "new2@example.com", status: "pending", merge_fields: { FNAME: "Two" } },
        { email_address: "exists@example.com", status: "subscribed", merge_fields: { FNAME: "After" } },
        { email_address: "unsub@example.com", status: "subscribed" },
        { email_address: "bad@example.com", status: "subscribed", merge_fields: { NOPE: "x" } },
      ],
      update_existing: true,
    })
    expect(res.status).toBe(200)
    expect(res.body.total_created).toBe(2)
    expect(res.body.total_updated).toBe(1)
    expect(res.body.error_count).toBe(2)
    expect(res.body.new_members.map((m: { email_address: string }) => m.email_address)).toEqual([
      "new1@example.com",
      "new2@example.com",
    ])
    expect(res.body.updated_members[0].merge_fields.FNAME).toBe("After")
    expect(res.body.errors).toEqual([
      expect.objectContaining({ email_address: "unsub@example.com", error_code: "ERROR_GENERIC" }),
      expect.objectContaining({ email_address: "bad@example.com", error_code: "ERROR_GENERIC", field: "NOPE" }),
    ])
  })

  it("without update_existing an existing member is ERROR_CONTACT_EXISTS", async () => {
    await put("exists@example.com")
    const res = await mc.post(`/lists/${LIST}`, { members: [{ email_address: "exists@example.com", status: "subscribed" }] })
    expect(res.body.errors).toEqual([expect.objectContaining({ error_code: "ERROR_CONTACT_EXISTS" })])
    expect(res.body.total_updated).toBe(0)
  })

  it("refuses more than 500 members", async () => {
    const many = Array.from({ length: 501 }, (_, i) => ({ email_address: `m${i}@example.com`, status: "subscribed" }))
    expectProblem(await mc.post(`/lists/${LIST}`, { members: many }), 400, "Invalid Resource")
    const fine = await mc.post(`/lists/${LIST}`, { members: many.slice(0, 500) })
    expect(fine.body.total_created).toBe(500)
  })
})
