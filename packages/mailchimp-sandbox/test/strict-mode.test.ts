import request from "supertest"
import { createSandboxApp } from "../src"
import { mailchimpOpenApiPath } from "../src/openapi-path"
import {
  api,
  control,
  expectNoResponseViolations,
  expectProblem,
  hashOf,
  LIST,
  looseSandbox,
  startReceiver,
  STRICT_WARMUP_MS,
  strictSandbox,
} from "./helpers"

const sb = strictSandbox()
const mc = api(sb)
const ctl = control(sb)
const members = `/lists/${LIST}/members`

beforeAll(() => sb.warmUp(), STRICT_WARMUP_MS)
beforeEach(() => sb.state.reset())
afterAll(() => sb.close())

describe("strict mode refuses requests outside Mailchimp's API description", () => {
  afterEach(() => expectNoResponseViolations(sb))

  it("is on with openapiPath", () => {
    expect(sb.strict).toBe(true)
    expect(sb.state.strict).toBe(true)
  })

  it("a field of the wrong type", async () => {
    const res = await mc.put(`${members}/${hashOf("a@example.com")}`, { email_address: 42, status_if_new: "subscribed" })
    expectProblem(res, 400, "Invalid Resource")
    expect(res.body.errors).toEqual([expect.objectContaining({ field: "email_address" })])
    expect(res.body.detail).toContain("email_address")
  })

  it("a value outside an enum", async () => {
    const res = await mc.post(members, { email_address: "a@example.com", status: "active" })
    expectProblem(res, 400, "Invalid Resource")
    expect(res.body.errors).toEqual([expect.objectContaining({ field: "status" })])
  })

  it("a missing required field", async () => {
    const res = await mc.post(members, { email_address: "a@example.com" })
    expectProblem(res, 400, "Invalid Resource")
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain("status")
  })

  it("a field the operation does not have (a misspelling)", async () => {
    const res = await mc.put(`${members}/${hashOf("a@example.com")}`, {
      email_address: "a@example.com",
      status_if_new: "subscribed",
      mergeFields: { FNAME: "A" },
    })
    expectProblem(res, 400, "Invalid Resource")
    expect(res.body.errors).toEqual([expect.objectContaining({ field: "mergeFields" })])
  })

  it("a field of another operation (tags on PUT, status_if_new on POST)", async () => {
    const put = await mc.put(`${members}/${hashOf("a@example.com")}`, {
      email_address: "a@example.com",
      status_if_new: "subscribed",
      tags: ["x"],
    })
    expect(put.body.errors).toEqual([expect.objectContaining({ field: "tags" })])
    const post = await mc.post(members, { email_address: "a@example.com", status: "subscribed", status_if_new: "subscribed" })
    expect(post.body.errors).toEqual([expect.objectContaining({ field: "status_if_new" })])
  })

  it("nested mistakes name the path", async () => {
    const res = await mc.post(`/lists/${LIST}`, {
      members: [{ email_address: "a@example.com", status: "subscribed" }, { email_address: "b@example.com", status: "yes" }],
    })
    expectProblem(res, 400, "Invalid Resource")
    expect(res.body.errors).toEqual([expect.objectContaining({ field: "members.1.status" })])
    const tags = await mc.post(`${members}/${hashOf("a@example.com")}/tags`, { tags: [{ name: "x", status: "on" }] })
    expect(tags.body.errors).toEqual([expect.objectContaining({ field: "tags.0.status" })])
    const hook = await mc.post(`/lists/${LIST}/webhooks`, { url: "http://127.0.0.1:1/x", events: { subscribe: "yes" } })
    expect(hook.body.errors).toEqual([expect.objectContaining({ field: "events.subscribe" })])
  })

  it("query parameters: unknown ones and wrong types", async () => {
    const unknown = await mc.get(`/lists?bogus=1`)
    expectProblem(unknown, 400, "Invalid Resource")
    expect(unknown.body.errors[0].field).toBe("query.bogus")
    const wrong = await mc.get(`${members}?count=many`)
    expect(wrong.status).toBe(400)
    expect(wrong.body.errors[0].field).toBe("query.count")
    const status = await mc.get(`${members}?status=active`)
    expect(status.status).toBe(400)
  })

  it("a method the path does not have is 405", async () => {
    expectProblem(await mc.put(`/lists`, {}), 405, "Method Not Allowed")
  })

  it("correct requests pass", async () => {
    const put = await mc.put(`${members}/${hashOf("ok@example.com")}?skip_merge_validation=false`, {
      email_address: "ok@example.com",
      status_if_new: "subscribed",
      email_type: "html",
      merge_fields: { FNAME: "Ok", ADDRESS: { addr1: "1 Main", city: "Atlanta", state: "GA", zip: "30308", country: "US" } },
      interests: {},
      language: "en",
      vip: false,
      ip_signup: "10.0.0.1",
      timestamp_signup: "2024-01-01T10:00:00+00:00",
      marketing_permissions: [],
    })
    expect(put.status).toBe(200)
    const post = await mc.post(members, { email_address: "p@example.com", status: "pending", tags: ["new"] })
    expect(post.status).toBe(200)
    const patch = await mc.patch(`${members}/${hashOf("ok@example.com")}`, { merge_fields: { LNAME: "Fine" }, vip: true })
    expect(patch.status).toBe(200)
    const batch = await mc.post(`/lists/${LIST}?skip_merge_validation=true&skip_duplicate_check=false`, {
      members: [{ email_address: "b1@example.com", status: "transactional" }],
      update_existing: true,
      sync_tags: false,
    })
    expect(batch.status).toBe(200)
    const fields = await mc.get(`/lists?fields=lists.id&count=5&offset=0`)
    expect(fields.status).toBe(200)
  })
})

describe("strict mode checks the sandbox's own answers", () => {
  it("an answer that breaks the description fails loudly (500) and is recorded", async () => {
    await mc.put(`${members}/${hashOf("x@example.com")}`, { email_address: "x@example.com", status_if_new: "subscribed" })
    // Corrupt the state behind the sandbox's back: no such status in Mailchimp's description.
    const member = sb.state.defaultList.members.get(hashOf("x@example.com"))!
    ;(member as { status: string }).status = "bogus"
    const errorSpy = jest.spyOn(console, "error").mockImplementation(() => undefined)
    const res = await mc.get(`${members}/${hashOf("x@example.com")}`)
    const logged = errorSpy.mock.calls.length
    errorSpy.mockRestore()
    expectProblem(res, 500, "Response Validation Failed")
    expect(res.body.detail).toContain("status")
    expect(logged).toBeGreaterThan(0)
    expect(sb.state.responseViolations).toEqual([
      expect.objectContaining({ method: "GET", path: `/3.0${members}/${hashOf("x@example.com")}`, status: 200 }),
    ])
    expect((await ctl.get("/state")).body.response_violations).toHaveLength(1)
    sb.state.responseViolations = []
  })
})

describe("every operation the sandbox answers validates against the description", () => {
  afterEach(() => expectNoResponseViolations(sb))

  it("a tour of /3.0", async () => {
    const receiver = await startReceiver()
    const h = hashOf("tour@example.com")
    const answers: Array<[string, number]> = []
    const step = async (label: string, res: request.Response | Promise<request.Response>) => {
      const r = await res
      answers.push([label, r.status])
      return r
    }
    await step("ping", mc.get("/ping"))
    await step("lists", mc.get("/lists"))
    await step("list", mc.get(`/lists/${LIST}`))
    await step("list 404", mc.get(`/lists/ffffffffff`))
    await step("put", mc.put(`${members}/${h}`, { email_address: "tour@example.com", status_if_new: "subscribed" }))
    await step("get", mc.get(`${members}/${h}`))
    await step("members", mc.get(`${members}?status=subscribed`))
    await step("patch", mc.patch(`${members}/${h}`, { merge_fields: { FNAME: "T" } }))
    await step("post", mc.post(members, { email_address: "tour2@example.com", status: "subscribed" }))
    await step("post exists", mc.post(members, { email_address: "tour2@example.com", status: "subscribed" }))
    await step("tags", mc.post(`${members}/${h}/tags`, { tags: [{ name: "a", status: "active" }] }))
    await step("get tags", mc.get(`${members}/${h}/tags`))
    await step("merge fields", mc.get(`/lists/${LIST}/merge-fields`))
    await step("new merge field", mc.post(`/lists/${LIST}/merge-fields`, { name: "Size", type: "dropdown", options: { choices: ["S", "M"] } }))
    await step("merge field", mc.get(`/lists/${LIST}/merge-fields/1`))
    await step("batch", mc.post(`/lists/${LIST}`, { members: [{ email_address: "tour3@example.com", status: "subscribed" }] }))
    const hook = await step("webhook", mc.post(`/lists/${LIST}/webhooks`, { url: receiver.url }))
    await step("webhooks", mc.get(`/lists/${LIST}/webhooks`))
    await step("webhook get", mc.get(`/lists/${LIST}/webhooks/${hook.body.id}`))
    await step("webhook patch", mc.patch(`/lists/${LIST}/webhooks/${hook.body.id}`, { events: { campaign: false } }))
    await step("webhook delete", mc.delete(`/lists/${LIST}/webhooks/${hook.body.id}`))
    await step("compliance", mc.patch(`${members}/${h}`, { status: "unsubscribed" }))
    await step("compliance 400", mc.patch(`${members}/${h}`, { status: "subscribed" }))
    await step("archive", mc.delete(`${members}/${h}`))
    await step("delete permanent", mc.post(`${members}/${hashOf("tour2@example.com")}/actions/delete-permanent`))
    await step("forgotten", mc.post(members, { email_address: "tour2@example.com", status: "subscribed" }))
    await step("401", request(sb.app).get("/3.0/ping").auth("u", "wrong"))
    await step("trigger", mc.get("/ping").set("X-Trigger-Error", "ResourceNotFound"))
    await sb.idle()
    await receiver.close()
    expect(answers.filter(([, s]) => s >= 500)).toEqual([])
    expect(Object.fromEntries(answers)).toEqual(
      expect.objectContaining({
        "list 404": 404,
        "post exists": 400,
        "compliance 400": 400,
        archive: 204,
        "delete permanent": 204,
        forgotten: 400,
        "401": 401,
        trigger: 404,
      })
    )
  }, 60_000)
})

describe("loose mode and the environment", () => {
  it("without a description the sandbox takes fields it does not know", async () => {
    const loose = looseSandbox()
    expect(loose.strict).toBe(false)
    const res = await api(loose).put(`${members}/${hashOf("l@example.com")}`, {
      email_address: "l@example.com",
      status_if_new: "subscribed",
      whatever: 1,
    })
    expect(res.status).toBe(200)
    // …but Mailchimp's own rules still apply.
    const bad = await api(loose).post(members, { email_address: "l2@example.com", status: "active" })
    expectProblem(bad, 400, "Invalid Resource")
    loose.close()
  })

  it("MAILCHIMP_OPENAPI turns strict mode on (sharing the compiled validator)", async () => {
    const before = process.env.MAILCHIMP_OPENAPI
    process.env.MAILCHIMP_OPENAPI = mailchimpOpenApiPath()
    try {
      const fromEnv = createSandboxApp()
      expect(fromEnv.strict).toBe(true)
      const res = await api(fromEnv).post(members, { email_address: "e@example.com", status: "active" })
      expect(res.body.errors).toEqual([expect.objectContaining({ field: "status" })])
      fromEnv.close()
    } finally {
      if (before === undefined) delete process.env.MAILCHIMP_OPENAPI
      else process.env.MAILCHIMP_OPENAPI = before
    }
  })
})
