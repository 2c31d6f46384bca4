import { api, expectNoResponseViolations, expectProblem, hashOf, LIST, STRICT_WARMUP_MS, strictSandbox } from "./helpers"

const sb = strictSandbox()
const mc = api(sb)
const segments = `/lists/${LIST}/segments`

beforeAll(() => sb.warmUp(), STRICT_WARMUP_MS)
beforeEach(async () => {
  sb.state.reset()
  for (const [email, status] of [
    ["a@example.com", "subscribed"],
    ["b@example.com", "subscribed"],
    ["c@example.com", "subscribed"],
    ["u@example.com", "unsubscribed"],
  ]) {
    const res = await mc.put(`/lists/${LIST}/members/${hashOf(email)}`, { email_address: email, status_if_new: status })
    expect(res.status).toBe(200)
  }
})
afterEach(async () => {
  await sb.idle()
  expectNoResponseViolations(sb)
})
afterAll(() => sb.close())

const emailsOf = (res: { body: { members: Array<{ email_address: string }> } }) => res.body.members.map((m) => m.email_address).sort()

describe("static segments", () => {
  it("creates one from static_segment, ignoring addresses that are not members", async () => {
    const res = await mc.post(segments, { name: "VIP", static_segment: ["a@example.com", "B@example.com", "stranger@example.com"] })
    expect(res.status).toBe(200)
    expect(res.body).toEqual(expect.objectContaining({ id: expect.any(Number), name: "VIP", type: "static", member_count: 2, list_id: LIST }))
    const members = await mc.get(`${segments}/${res.body.id}/members`)
    expect(members.body.total_items).toBe(2)
    expect(emailsOf(members)).toEqual(["a@example.com", "b@example.com"])
    // A static segment is a tag in Mailchimp.
    const tags = await mc.get(`/lists/${LIST}/members/${hashOf("a@example.com")}/tags`)
    expect(tags.body.tags).toEqual([expect.objectContaining({ id: res.body.id, name: "VIP" })])
  })

  it("lists, gets, renames (PATCH needs a name), replaces the members with static_segment, deletes", async () => {
    const { body: vip } = await mc.post(segments, { name: "VIP", static_segment: ["a@example.com"] })
    await mc.post(segments, { name: "Empty", static_segment: [] })
    const list = await mc.get(segments)
    expect(list.body.total_items).toBe(2)
    expect(list.body.segments.map((s: { name: string }) => s.name)).toEqual(["VIP", "Empty"])
    expect((await mc.get(`${segments}/${vip.id}`)).body.member_count).toBe(1)
    expectProblem(await mc.patch(`${segments}/${vip.id}`, { static_segment: ["b@example.com"] }), 400, "Invalid Resource")
    const renamed = await mc.patch(`${segments}/${vip.id}`, { name: "Gold", static_segment: ["b@example.com", "c@example.com"] })
    expect(renamed.body).toEqual(expect.objectContaining({ name: "Gold", member_count: 2 }))
    expect(emailsOf(await mc.get(`${segments}/${vip.id}/members`))).toEqual(["b@example.com", "c@example.com"])
    expect((await mc.get(`/lists/${LIST}/members/${hashOf("b@example.com")}/tags`)).body.tags[0].name).toBe("Gold")
    expect((await mc.delete(`${segments}/${vip.id}`)).status).toBe(204)
    expect((await mc.get(`${segments}/${vip.id}`)).status).toBe(404)
    expect((await mc.get(`/lists/${LIST}/members/${hashOf("b@example.com")}/tags`)).body.total_items).toBe(0)
  })

  it("refuses a second segment of the same name and saved segments with conditions", async () => {
    await mc.post(segments, { name: "VIP", static_segment: [] })
    expectProblem(await mc.post(segments, { name: "vip", static_segment: [] }), 400, "Invalid Resource")
    const saved = await mc.post(segments, { name: "Cond", options: { match: "any", conditions: [] } })
    expectProblem(saved, 400, "Invalid Resource")
    expect(saved.body.errors).toEqual([expect.objectContaining({ field: "options" })])
  })
})

describe("POST /lists/{id}/segments/{sid}: members_to_add and members_to_remove", () => {
  it("adds audience members only; others come back in errors", async () => {
    const { body: seg } = await mc.post(segments, { name: "Buyers", static_segment: [] })
    const res = await mc.post(`${segments}/${seg.id}`, {
      members_to_add: ["a@example.com", "b@example.com", "nobody@example.com"],
    })
    expect(res.status).toBe(200)
    expect(res.body).toEqual(
      expect.objectContaining({
        total_added: 2,
        total_removed: 0,
        error_count: 1,
        errors: [expect.objectContaining({ email_addresses: ["nobody@example.com"] })],
      })
    )
    expect(res.body.members_added.map((m: { email_address: string }) => m.email_address)).toEqual(["a@example.com", "b@example.com"])
    const removed = await mc.post(`${segments}/${seg.id}`, { members_to_remove: ["a@example.com", "c@example.com"] })
    expect(removed.body).toEqual(expect.objectContaining({ total_removed: 1, error_count: 1 }))
    expect(emailsOf(await mc.get(`${segments}/${seg.id}/members`))).toEqual(["b@example.com"])
  })

  it("takes at most 500 addresses each", async () => {
    const { body: seg } = await mc.post(segments, { name: "Big", static_segment: [] })
    const many = Array.from({ length: 501 }, (_, i) => `x${i}@example.com`)
    const res = await mc.post(`${segments}/${seg.id}`, { members_to_add: many })
    expectProblem(res, 400, "Invalid Resource")
    expect(res.body.errors).toEqual([expect.objectContaining({ field: "members_to_add" })])
    const ok = await mc.post(`${segments}/${seg.id}`, { members_to_add: many.slice(0, 500) })
    expect(ok.status).toBe(200)
    expect(ok.body.error_count).toBe(500)
  })

  it("an unsubscribed member stays in the segment; GET members shows it only with include_unsubscribed", async () => {
    const { body: seg } = await mc.post(segments, { name: "Mixed", static_segment: ["a@example.com", "u@example.com"] })
    expect(seg.member_count).toBe(1)
    await mc.patch(`/lists/${LIST}/members/${hashOf("a@example.com")}`, { status: "unsubscribed" })
    expect((await mc.get(`${segments}/${seg.id}/members`)).body.total_items).toBe(0)
    const all = await mc.get(`${segments}/${seg.id}/members?include_unsubscribed=true`)
    expect(emailsOf(all)).toEqual(["a@example.com", "u@example.com"])
  })

  it("one member in with POST …/members, out with DELETE …/members/{hash}", async () => {
    const { body: seg } = await mc.post(segments, { name: "One", static_segment: [] })
    const added = await mc.post(`${segments}/${seg.id}/members`, { email_address: "c@example.com" })
    expect(added.body.email_address).toBe("c@example.com")
    expect((await mc.delete(`${segments}/${seg.id}/members/${hashOf("c@example.com")}`)).status).toBe(204)
    expect((await mc.delete(`${segments}/${seg.id}/members/${hashOf("c@example.com")}`)).status).toBe(404)
  })

  it("a tag given to a member is a static segment too", async () => {
    await mc.post(`/lists/${LIST}/members/${hashOf("a@example.com")}/tags`, { tags: [{ name: "Newsletter", status: "active" }] })
    const list = await mc.get(segments)
    expect(list.body.segments).toEqual([expect.objectContaining({ name: "Newsletter", type: "static", member_count: 1 })])
  })
})
