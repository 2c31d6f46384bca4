import { BATCH_SUBSCRIBE_LIMIT, MailchimpClient, SEGMENT_MEMBERS_LIMIT, subscriberHash } from "../../../src/mailchimp"
import { L, RESOURCE_CALLS } from "./resource-calls"
import { json, startServer, TEST_KEY, type TestServer } from "./test-server"

describe("resource methods", () => {
  let server: TestServer
  let client: MailchimpClient

  beforeAll(async () => {
    server = await startServer()
    client = new MailchimpClient({ apiKey: TEST_KEY, apiUrl: server.apiUrl })
  })

  afterAll(async () => {
    await client.close()
    await server.close()
  })

  beforeEach(() => {
    server.requests.length = 0
    server.handle((_req, res) => json(res, 200, { ok: true }))
  })

  it.each(RESOURCE_CALLS.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    await c.call(client)
    expect(server.requests).toHaveLength(1)
    const req = server.requests[0]
    const url = new URL(req.url, server.origin)
    expect(req.method).toBe(c.method)
    expect(url.pathname).toBe(`/3.0${c.path}`)
    expect(Object.fromEntries(url.searchParams)).toEqual(c.query ?? {})
    if (c.body === undefined) {
      expect(req.body).toBe("")
    } else {
      expect(JSON.parse(req.body)).toEqual(c.body)
    }
  })

  it("members are addressed by the hash of their lower-cased address", async () => {
    await client.members.get(L, "  ANN@Example.com ")
    expect(server.requests[0].url).toBe(`/3.0/lists/${L}/members/${subscriberHash("ann@example.com")}`)
  })

  it("batchSubscribe returns the new, updated and error arrays", async () => {
    const answer = {
      new_members: [{ id: "h1", email_address: "a@b.c", unique_email_id: "u1", status: "subscribed", merge_fields: {}, list_id: L }],
      updated_members: [],
      errors: [{ email_address: "bad@", error: "invalid address", error_code: "ERROR_GENERIC" }],
      total_created: 1,
      total_updated: 0,
      error_count: 1,
    }
    server.handle((_req, res) => json(res, 200, answer))
    const result = await client.members.batchSubscribe(L, [
      { email_address: "a@b.c", status: "subscribed" },
      { email_address: "bad@", status: "subscribed" },
    ])
    expect(result).toEqual(answer)
    expect(JSON.parse(server.requests[0].body)).not.toHaveProperty("update_existing")
  })

  it(`batchSubscribe refuses more than ${BATCH_SUBSCRIBE_LIMIT} members before sending anything`, async () => {
    const members = Array.from({ length: BATCH_SUBSCRIBE_LIMIT + 1 }, (_, i) => ({
      email_address: `m${i}@example.com`,
      status: "subscribed" as const,
    }))
    await expect(client.members.batchSubscribe(L, members)).rejects.toThrow(RangeError)
    await expect(client.members.batchSubscribe(L, members)).rejects.toThrow(/at most 500 members per call, got 501/)
    expect(server.requests).toHaveLength(0)

    await client.members.batchSubscribe(L, members.slice(0, BATCH_SUBSCRIBE_LIMIT))
    expect(JSON.parse(server.requests[0].body).members).toHaveLength(500)
  })

  it(`segments.changeMembers refuses more than ${SEGMENT_MEMBERS_LIMIT} addresses either way`, async () => {
    const many = Array.from({ length: SEGMENT_MEMBERS_LIMIT + 1 }, (_, i) => `m${i}@example.com`)
    await expect(client.segments.changeMembers(L, 1, { members_to_add: many })).rejects.toThrow(/members_to_add/)
    await expect(client.segments.changeMembers(L, 1, { members_to_remove: many })).rejects.toThrow(/members_to_remove/)
    expect(server.requests).toHaveLength(0)
    await client.segments.changeMembers(L, 1, { members_to_add: many.slice(1), members_to_remove: many.slice(1) })
    expect(server.requests).toHaveLength(1)
  })
})
