import request from "supertest"
import * as tar from "tar"
import { loadOpenApiDocument, unknownFields } from "../src/strict"
import { mailchimpOpenApiPath } from "../src/openapi-path"
import {
  api,
  BASIC,
  control,
  expectNoResponseViolations,
  expectProblem,
  hashOf,
  LIST,
  STRICT_WARMUP_MS,
  strictSandbox,
} from "./helpers"

const sb = strictSandbox({ maxPendingBatches: 3 })
const mc = api(sb)
const ctl = control(sb)

beforeAll(() => sb.warmUp(), STRICT_WARMUP_MS)
beforeEach(() => sb.state.reset())
afterEach(async () => {
  await ctl.post("/batches/resume")
  await sb.idle()
  expectNoResponseViolations(sb)
})
afterAll(() => sb.close())

type Result = { status_code: number; operation_id: string | null; response: string }

const putMember = (email: string, extra: object = {}) => ({
  method: "PUT",
  path: `/lists/${LIST}/members/${hashOf(email)}`,
  operation_id: `put ${email}`,
  body: JSON.stringify({ email_address: email, status_if_new: "subscribed", ...extra }),
})

async function finished(id: string) {
  await sb.idle()
  const res = await mc.get(`/batches/${id}`)
  expect(res.status).toBe(200)
  expect(res.body.status).toBe("finished")
  return res.body as {
    id: string
    status: string
    total_operations: number
    finished_operations: number
    errored_operations: number
    completed_at: string
    response_body_url: string
  }
}

/** Downloads `response_body_url` from the sandbox and reads every JSON file of the gzipped tar with `tar`. */
async function readResults(url: string): Promise<{ files: string[]; results: Result[] }> {
  const res = await request(sb.app)
    .get(new URL(url).pathname)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = []
      r.on("data", (c: Buffer) => chunks.push(c))
      r.on("end", () => done(null, Buffer.concat(chunks)))
    })
  expect(res.status).toBe(200)
  const archive = res.body as Buffer
  expect([archive[0], archive[1]]).toEqual([0x1f, 0x8b])
  const contents: Record<string, string> = {}
  await new Promise<void>((resolve, reject) => {
    const parser = new tar.Parser({
      onReadEntry: (entry) => {
        if (entry.type !== "File") return entry.resume()
        const chunks: Buffer[] = []
        entry.on("data", (c: Buffer) => chunks.push(c))
        entry.on("end", () => (contents[entry.path] = Buffer.concat(chunks).toString("utf8")))
      },
    })
    parser.on("end", resolve)
    parser.on("error", reject)
    parser.end(archive)
  })
  const files = Object.keys(contents).sort()
  return { files, results: files.flatMap((f) => JSON.parse(contents[f]) as Result[]) }
}

describe("strict mode: an object that names no property is free-form", () => {
  it("unknownFields does not check inside `type: object, properties: {}`", () => {
    const doc = loadOpenApiDocument(mailchimpOpenApiPath())
    const schema = { $ref: "#/components/schemas/batches_body" }
    const body = { operations: [{ method: "GET", path: "/lists", params: { count: 5, fields: "lists.id" } }] }
    expect(unknownFields(doc, schema, body, "")).toEqual([])
    const misspelt = { operations: [{ method: "GET", path: "/lists", param: { count: 5 } }] }
    expect(unknownFields(doc, schema, misspelt, "")).toEqual([expect.objectContaining({ field: "operations.0.param" })])
  })

  it("POST /batches with params is accepted, and the params reach the operation", async () => {
    await mc.put(`/lists/${LIST}/members/${hashOf("a@example.com")}`, { email_address: "a@example.com", status_if_new: "subscribed" })
    await mc.put(`/lists/${LIST}/members/${hashOf("b@example.com")}`, { email_address: "b@example.com", status_if_new: "subscribed" })
    const res = await mc.post("/batches", {
      operations: [{ method: "GET", path: `/lists/${LIST}/members`, params: { count: 1, offset: 1 }, operation_id: "page2" }],
    })
    expect(res.status).toBe(200)
    const batch = await finished(res.body.id)
    const { results } = await readResults(batch.response_body_url)
    expect(results).toHaveLength(1)
    const page = JSON.parse(results[0].response)
    expect(page.total_items).toBe(2)
    expect(page.members.map((m: { email_address: string }) => m.email_address)).toEqual(["b@example.com"])
  })
})

describe("POST /batches", () => {
  it("goes pending → started → finished and publishes every result in a gzipped tar", async () => {
    const operations = Array.from({ length: 12 }, (_, i) => putMember(`m${i}@example.com`, { merge_fields: { FNAME: `M${i}` } }))
    // Paused, the batch stays pending until we have looked; then every status it takes is recorded as it is
    // assigned (a timer poll missed `pending` on a loaded CI machine when the batch started within a millisecond).
    await ctl.post("/batches/pause")
    const res = await mc.post("/batches", { operations })
    expect(res.status).toBe(200)
    expect(res.body).toEqual(
      expect.objectContaining({ status: "pending", total_operations: 12, finished_operations: 0, errored_operations: 0, response_body_url: "" })
    )
    expect(res.body.completed_at).toBeUndefined()
    expect((await mc.get(`/batches/${res.body.id}`)).body.status).toBe("pending")
    const record = sb.state.batches.get(res.body.id)!
    const seen: string[] = [record.status]
    let status = record.status
    Object.defineProperty(record, "status", {
      get: () => status,
      set: (next) => {
        if (next !== status) seen.push(next)
        status = next
      },
      enumerable: true,
      configurable: true,
    })
    await ctl.post("/batches/resume")
    const batch = await finished(res.body.id)
    expect(seen).toEqual(["pending", "started", "finished"])
    expect(batch).toEqual(expect.objectContaining({ total_operations: 12, finished_operations: 12, errored_operations: 0 }))
    expect(batch.response_body_url).toMatch(/^http:\/\/.+\/_sandbox\/batches\/[0-9a-f]{10}\/response\.tar\.gz$/)

    const { files, results } = await readResults(batch.response_body_url)
    expect(files.every((f) => f.startsWith(`${batch.id}/`) && f.endsWith(".json"))).toBe(true)
    expect(results.map((r) => r.operation_id).sort()).toEqual(operations.map((o) => o.operation_id).sort())
    for (const r of results) {
      expect(r.status_code).toBe(200)
      const body = JSON.parse(r.response)
      expect(`put ${body.email_address}`).toBe(r.operation_id)
      expect(body.status).toBe("subscribed")
    }
    const members = await mc.get(`/lists/${LIST}/members?count=100`)
    expect(members.body.total_items).toBe(12)
  })

  it("runs operations in an order of its own, not the order given, through the same routes (logged with the batch id)", async () => {
    const operations = Array.from({ length: 10 }, (_, i) => putMember(`o${i}@example.com`))
    const res = await mc.post("/batches", { operations })
    await finished(res.body.id)
    const log = (await ctl.get(`/requests?method=PUT`)).body.requests as Array<{ path: string; batch_id?: string }>
    expect(log).toHaveLength(10)
    expect(log.every((r) => r.batch_id === res.body.id)).toBe(true)
    const order = log.map((r) => r.path)
    const given = operations.map((o) => `/3.0${o.path}`)
    expect([...order].sort()).toEqual([...given].sort())
    expect(order).not.toEqual(given)
  })

  it("applies strict mode and Mailchimp's rules inside the batch: errors are results, counted in errored_operations", async () => {
    await mc.put(`/lists/${LIST}/members/${hashOf("gone@example.com")}`, { email_address: "gone@example.com", status_if_new: "unsubscribed" })
    const res = await mc.post("/batches", {
      operations: [
        putMember("ok@example.com"),
        { ...putMember("typo@example.com", { mergeFields: { FNAME: "x" } }), operation_id: "typo" },
        { ...putMember("gone@example.com", { status: "subscribed" }), operation_id: "compliance" },
        { method: "POST", path: `/lists/${LIST}/members`, operation_id: "bad-json", body: "{not json" },
        { method: "GET", path: "/nothing/here", operation_id: "missing" },
      ],
    })
    const batch = await finished(res.body.id)
    expect(batch).toEqual(expect.objectContaining({ finished_operations: 5, errored_operations: 4 }))
    const { results } = await readResults(batch.response_body_url)
    const byId = Object.fromEntries(results.map((r) => [r.operation_id, r]))
    expect(byId["put ok@example.com"].status_code).toBe(200)
    expect(byId.typo.status_code).toBe(400)
    expect(JSON.parse(byId.typo.response).errors).toEqual([expect.objectContaining({ field: "mergeFields" })])
    expect(byId.compliance.status_code).toBe(400)
    expect(JSON.parse(byId.compliance.response).title).toBe("Member In Compliance State")
    expect(byId["bad-json"].status_code).toBe(400)
    expect(byId.missing.status_code).toBe(404)
  })

  it("answers each operation's body as it would on the wire: JSON objects parsed, other JSON values and broken JSON refused alike", async () => {
    const bodies = {
      object: JSON.stringify({ email_address: "wire@example.com", status: "subscribed" }),
      number: "42",
      text: '"wire@example.com"',
      spaced: '   \n {"email_address": "spaced@example.com", "status": "subscribed"}',
      broken: '{"email_address": ',
    }
    const wire: Record<string, { status: number; title: string }> = {}
    for (const [id, body] of Object.entries(bodies)) {
      const res = await request(sb.app).post(`/3.0/lists/${LIST}/members`).set("Authorization", BASIC).set("content-type", "application/json").send(body)
      wire[id] = { status: res.status, title: res.body.title }
    }
    expect(wire.object.status).toBe(200)
    expect(wire.spaced.status).toBe(200)
    expect(wire.number.status).toBe(400)
    sb.state.reset()
    const res = await mc.post("/batches", {
      operations: Object.entries(bodies).map(([id, body]) => ({ method: "POST", path: `/lists/${LIST}/members`, operation_id: id, body })),
    })
    const { results } = await readResults((await finished(res.body.id)).response_body_url)
    const batched = Object.fromEntries(results.map((r) => [r.operation_id, { status: r.status_code, title: JSON.parse(r.response).title }]))
    expect(batched).toEqual(wire)
  })

  it("applies faults inside the batch", async () => {
    await ctl.post("/batches/pause")
    const res = await mc.post("/batches", { operations: [putMember("f1@example.com"), putMember("f2@example.com"), putMember("f3@example.com")] })
    await ctl.post("/faults", { burst_500: 1 })
    await ctl.post("/batches/resume")
    const batch = await finished(res.body.id)
    expect(batch.errored_operations).toBe(1)
    const { results } = await readResults(batch.response_body_url)
    expect(results.map((r) => r.status_code).sort()).toEqual([200, 200, 500])
    expect((await mc.get(`/lists/${LIST}/members`)).body.total_items).toBe(2)
  })

  it("answers 429 past the limit of pending batches (maxPendingBatches), and accepts again once they finish", async () => {
    await ctl.post("/batches/pause")
    for (let i = 0; i < 3; i++) {
      const ok = await mc.post("/batches", { operations: [putMember(`p${i}@example.com`)] })
      expect(ok.status).toBe(200)
    }
    const listed = await mc.get("/batches")
    expect(listed.body.total_items).toBe(3)
    expect(listed.body.batches.map((b: { status: string }) => b.status)).toEqual(["pending", "pending", "pending"])
    const refused = await mc.post("/batches", { operations: [putMember("p3@example.com")] })
    expectProblem(refused, 429, "Too Many Requests")
    expect(refused.body.detail).toContain("3 pending batches")
    await ctl.post("/batches/resume")
    await sb.idle()
    expect((await mc.post("/batches", { operations: [putMember("p3@example.com")] })).status).toBe(200)
  })

  it("DELETE removes a batch (a pending one never runs)", async () => {
    await ctl.post("/batches/pause")
    const res = await mc.post("/batches", { operations: [putMember("never@example.com")] })
    expect((await mc.delete(`/batches/${res.body.id}`)).status).toBe(204)
    expect((await mc.get(`/batches/${res.body.id}`)).status).toBe(404)
    await ctl.post("/batches/resume")
    await sb.idle()
    expect((await mc.get(`/lists/${LIST}/members`)).body.total_items).toBe(0)
  })

  it("refuses a malformed batch: a body that is not a string, a method outside the enum, no operations", async () => {
    expectProblem(await mc.post("/batches", { operations: [{ method: "PUT", path: "/lists", body: { a: 1 } }] }), 400, "Invalid Resource")
    expectProblem(await mc.post("/batches", { operations: [{ method: "HEAD", path: "/lists" }] }), 400, "Invalid Resource")
    expectProblem(await mc.post("/batches", {}), 400, "Invalid Resource")
    expect(sb.state.batches.size).toBe(0)
  })

  it("runs e-commerce operations (a duplicate product is an errored operation)", async () => {
    await mc.post("/ecommerce/stores", { id: "s1", list_id: LIST, name: "S", currency_code: "USD" })
    const operations = Array.from({ length: 25 }, (_, i) => ({
      method: "POST",
      path: "/ecommerce/stores/s1/products",
      operation_id: `p${i}`,
      body: JSON.stringify({ id: `p${i}`, title: `P${i}`, variants: [{ id: `p${i}`, title: `P${i}` }] }),
    }))
    operations.push({ ...operations[0], operation_id: "dup" })
    const res = await mc.post("/batches", { operations })
    const batch = await finished(res.body.id)
    expect(batch).toEqual(expect.objectContaining({ total_operations: 26, errored_operations: 1 }))
    const products = await mc.get("/ecommerce/stores/s1/products?count=1")
    expect(products.body.total_items).toBe(25)
  })

  it("runs several batches at once, and a batch's operations several at a time", async () => {
    await ctl.post("/batches/pause")
    const ids: string[] = []
    for (let b = 0; b < 3; b++) {
      const operations = Array.from({ length: 10 }, (_, i) => putMember(`c${b}-${i}@example.com`))
      ids.push((await mc.post("/batches", { operations })).body.id)
    }
    await ctl.post("/faults", { latency_ms: 100 })
    let together = 0
    const watch = setInterval(() => {
      const started = ids.filter((id) => sb.state.batches.get(id)?.status === "started").length
      together = Math.max(together, started)
    }, 2)
    const t0 = Date.now()
    await ctl.post("/batches/resume")
    for (const id of ids) await finished(id)
    clearInterval(watch)
    await ctl.post("/faults", { latency_ms: 0 })
    // One after another, 30 operations at 100 ms would take 3 s (the margin is for a loaded machine).
    expect(Date.now() - t0).toBeLessThan(2_500)
    expect(together).toBe(3)
    expect((await mc.get(`/lists/${LIST}/members`)).body.total_items).toBe(30)
  })

  it("runs operations on the same resource one after another, in its drawn order", async () => {
    const email = "same@example.com"
    const operations = Array.from({ length: 12 }, (_, i) => ({
      ...putMember(email, { merge_fields: { FNAME: `V${i}` } }),
      operation_id: `v${i}`,
    }))
    const res = await mc.post("/batches", { operations })
    const batch = await finished(res.body.id)
    expect(batch.errored_operations).toBe(0)
    const log = (await ctl.get(`/requests?method=PUT`)).body.requests as Array<{ body?: { merge_fields?: { FNAME?: string } } }>
    expect(log).toHaveLength(12)
    const member = await mc.get(`/lists/${LIST}/members/${hashOf(email)}`)
    const lastLogged = log[log.length - 1].body?.merge_fields?.FNAME
    expect(lastLogged).toMatch(/^V\d+$/)
    expect(member.body.merge_fields.FNAME).toBe(lastLogged)
  })

  it("operations do not count against the limit of simultaneous connections", async () => {
    const one = strictSandbox({ maxConcurrent: 1 })
    try {
      const c = api(one)
      await request(one.app).post("/_sandbox/batches/pause")
      const res = await c.post("/batches", { operations: [putMember("x1@example.com"), putMember("x2@example.com")] })
      await request(one.app).post("/_sandbox/faults").send({ latency_ms: 300 })
      // The only connection is taken by this request for 300 ms, while the batch runs.
      const busy = c.get("/ping").then((r) => r.status)
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect((await c.get("/ping")).status).toBe(429)
      await request(one.app).post("/_sandbox/batches/resume")
      expect(await busy).toBe(200)
      await one.idle()
      const batch = one.state.batches.get(res.body.id)!
      expect(batch.results.map((r) => r.status_code)).toEqual([200, 200])
      expect(one.state.responseViolations).toEqual([])
    } finally {
      one.close()
    }
  })
})
