import {
  api,
  control,
  expectNoResponseViolations,
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
const members = `/lists/${LIST}/members`
const categories = `/lists/${LIST}/interest-categories`
let receiver: Receiver

beforeAll(() => sb.warmUp(), STRICT_WARMUP_MS)
beforeEach(async () => {
  sb.state.reset()
  receiver = await startReceiver()
})
afterEach(async () => {
  await sb.idle({ retries: true })
  await receiver.close()
  expectNoResponseViolations(sb)
})
afterAll(() => sb.close())

async function groups() {
  const topics = (await mc.post(categories, { title: "Topics", type: "checkboxes" })).body
  const shoes = (await mc.post(`${categories}/${topics.id}/interests`, { name: "Shoes" })).body
  const hats = (await mc.post(`${categories}/${topics.id}/interests`, { name: "Hats" })).body
  return { topics, shoes, hats }
}

const put = (email: string, body: object = {}) =>
  mc.put(`${members}/${hashOf(email)}`, { email_address: email, status_if_new: "subscribed", ...body })

describe("interest categories and interests", () => {
  it("creates and lists categories and their interests; a category needs title and type", async () => {
    const { topics, shoes, hats } = await groups()
    expect(topics).toEqual(expect.objectContaining({ id: expect.stringMatching(/^[0-9a-f]{10}$/), title: "Topics", type: "checkboxes", list_id: LIST }))
    const listed = await mc.get(categories)
    expect(listed.body.categories.map((c: { title: string }) => c.title)).toEqual(["Topics"])
    const interests = await mc.get(`${categories}/${topics.id}/interests`)
    expect(interests.body.interests.map((i: { id: string; name: string }) => [i.id, i.name])).toEqual([
      [shoes.id, "Shoes"],
      [hats.id, "Hats"],
    ])
    expect((await mc.post(categories, { title: "No type" })).status).toBe(400)
    expect((await mc.get(`${categories}/0000000000/interests`)).status).toBe(404)
  })

  it("a member's interests by id: every interest of the audience shows, true for the chosen ones", async () => {
    const { shoes, hats } = await groups()
    const res = await put("ann@example.com", { interests: { [shoes.id]: true } })
    expect(res.status).toBe(200)
    expect(res.body.interests).toEqual({ [shoes.id]: true, [hats.id]: false })
    const patched = await mc.patch(`${members}/${hashOf("ann@example.com")}`, { interests: { [hats.id]: true, [shoes.id]: false } })
    expect(patched.body.interests).toEqual({ [shoes.id]: false, [hats.id]: true })
  })

  it("an interest id the audience lacks is refused: 400 Invalid interest ID, and nothing changes", async () => {
    const { shoes } = await groups()
    const refused = await put("bob@example.com", { interests: { [shoes.id]: true, c06bb4b529: true } })
    expect(refused.status).toBe(400)
    expect(refused.body).toEqual(expect.objectContaining({ title: "Invalid Resource", detail: "Invalid interest ID: 'c06bb4b529'." }))
    expect((await mc.get(`${members}/${hashOf("bob@example.com")}`)).status).toBe(404)
    await put("bob@example.com", { merge_fields: { FNAME: "Bob" } })
    const again = await put("bob@example.com", { merge_fields: { FNAME: "Robert" }, interests: { nope000000: true } })
    expect(again.status).toBe(400)
    expect((await mc.get(`${members}/${hashOf("bob@example.com")}`)).body.merge_fields.FNAME).toBe("Bob")
  })

  it("a deleted interest leaves the audience and its members; a write naming it is then refused as unknown", async () => {
    const { topics, shoes, hats } = await groups()
    await put("dee@example.com", { interests: { [shoes.id]: true, [hats.id]: true } })
    const deleted = await mc.delete(`${categories}/${topics.id}/interests/${shoes.id}`)
    expect(deleted.status).toBe(204)
    expect((await mc.get(`${categories}/${topics.id}/interests/${shoes.id}`)).status).toBe(404)
    expect((await mc.get(`${members}/${hashOf("dee@example.com")}`)).body.interests).toEqual({ [hats.id]: true })
    const refused = await put("dee@example.com", { interests: { [shoes.id]: true } })
    expect(refused.status).toBe(400)
    expect(refused.body.detail).toBe(`Invalid interest ID: '${shoes.id}'.`)
    expect((await mc.delete(`${categories}/${topics.id}/interests/${shoes.id}`)).status).toBe(404)
  })

  it("a member's language is written, kept by a write without it, and read back", async () => {
    expect((await put("eve@example.com", { language: "fr_CA" })).body.language).toBe("fr_CA")
    await put("eve@example.com", { merge_fields: { FNAME: "Eve" } })
    expect((await mc.get(`${members}/${hashOf("eve@example.com")}`)).body.language).toBe("fr_CA")
  })

  it("profile webhooks carry the member's interests by name, comma-separated, never by id", async () => {
    const { shoes, hats } = await groups()
    await mc.post(`/lists/${LIST}/webhooks`, { url: receiver.url })
    await put("cy@example.com")
    await sb.idle()
    receiver.received.length = 0
    const res = await ctl.post(`/lists/${LIST}/members/cy@example.com/profile`, { interests: { [shoes.id]: true, [hats.id]: true } })
    expect(res.status).toBe(200)
    const form = receiver.posts()[0].form
    expect(form.get("type")).toBe("profile")
    expect(form.get("data[merges][INTERESTS]")).toBe("Shoes, Hats")
    const unknown = await ctl.post(`/lists/${LIST}/members/cy@example.com/profile`, { interests: { nope000000: true } })
    expect(unknown.status).toBe(400)
  })
})

describe("GDPR marketing permissions", () => {
  it("an audience without them: the audience says false and members show none", async () => {
    expect((await mc.get(`/lists/${LIST}`)).body.marketing_permissions).toBe(false)
    const res = await put("dee@example.com", { marketing_permissions: [{ marketing_permission_id: "abc", enabled: true }] })
    expect(res.body.marketing_permissions).toEqual([])
  })

  it("set up in Mailchimp's app (a control): members show each with its text, none granted unless written", async () => {
    const setup = await ctl.put(`/lists/${LIST}/marketing-permissions`, { texts: ["Email", "Direct Mail"] })
    const [email, mail] = setup.body.marketing_permissions as Array<{ marketing_permission_id: string; text: string }>
    expect((await mc.get(`/lists/${LIST}`)).body.marketing_permissions).toBe(true)
    const plain = await put("eve@example.com")
    expect(plain.body.marketing_permissions).toEqual([
      { marketing_permission_id: email.marketing_permission_id, text: "Email", enabled: false },
      { marketing_permission_id: mail.marketing_permission_id, text: "Direct Mail", enabled: false },
    ])
    const granted = await put("eve@example.com", { marketing_permissions: [{ marketing_permission_id: mail.marketing_permission_id, enabled: true }] })
    expect(granted.body.marketing_permissions.map((p: { enabled: boolean }) => p.enabled)).toEqual([false, true])
    // The audience's own record says only that it has them: no ids, no texts.
    const list = await mc.get(`/lists/${LIST}`)
    expect(JSON.stringify(list.body)).not.toContain(mail.marketing_permission_id)
  })
})
