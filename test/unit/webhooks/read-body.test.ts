import { PassThrough } from "stream"
import { readWebhookBody } from "../../../src/api/hooks/mailchimp/read-body"

// A request stream with headers, and a response that records what was written.
function exchange(headers: Record<string, string> = {}) {
  const req = Object.assign(new PassThrough(), { headers }) as any
  const res = {
    status: 0,
    headers: {} as Record<string, unknown>,
    body: "",
    setHeader(k: string, v: unknown) {
      this.headers[k] = v
    },
    writeHead(status: number, h: Record<string, unknown>) {
      this.status = status
      Object.assign(this.headers, h)
    },
    end(b?: Buffer) {
      this.body = b ? b.toString() : ""
    },
  } as any
  return { req, res }
}

const run = (limit: number, ex: ReturnType<typeof exchange>, send: (req: PassThrough) => void) =>
  new Promise<{ nextCalled: boolean; error?: unknown }>((resolve) => {
    readWebhookBody(limit)(ex.req, ex.res, (error?: unknown) => resolve({ nextCalled: true, error }))
    send(ex.req)
    // A refused body never calls next: settle once the stream has been looked at.
    setImmediate(() => setImmediate(() => resolve({ nextCalled: false })))
  })

describe("webhook body read", () => {
  it("keeps the body as it came, across chunks, and passes on", async () => {
    const ex = exchange()
    const out = await run(1024, ex, (req) => {
      req.write("type=profile&data")
      req.end("[email]=a%40example.com")
    })
    expect(out).toEqual({ nextCalled: true, error: undefined })
    expect(ex.req.rawBody.toString()).toBe("type=profile&data[email]=a%40example.com")
    expect(ex.res.status).toBe(0)
  })

  it("an empty body is an empty buffer", async () => {
    const ex = exchange()
    await run(1024, ex, (req) => req.end())
    expect(ex.req.rawBody).toEqual(Buffer.alloc(0))
  })

  it("refuses a body declared over the limit with 413, unread, and closes the connection", async () => {
    const ex = exchange({ "content-length": "2048" })
    const out = await run(1024, ex, () => {})
    expect(out.nextCalled).toBe(false)
    expect(ex.res.status).toBe(413)
    expect(ex.res.headers.connection).toBe("close")
    expect(ex.req.rawBody).toBeUndefined()
  })

  it("refuses a body that grows over the limit as it streams in (no Content-Length) with 413", async () => {
    const ex = exchange({ "transfer-encoding": "chunked" })
    const out = await run(1024, ex, (req) => {
      req.write("x".repeat(1000))
      req.write("x".repeat(100))
    })
    expect(out.nextCalled).toBe(false)
    expect(ex.res.status).toBe(413)
    expect(JSON.parse(ex.res.body)).toEqual({ message: "Request body too large" })
    expect(ex.req.rawBody).toBeUndefined()
  })

  it("a body exactly at the limit is read", async () => {
    const ex = exchange({ "content-length": "1024" })
    const out = await run(1024, ex, (req) => req.end("x".repeat(1024)))
    expect(out.nextCalled).toBe(true)
    expect(ex.req.rawBody.length).toBe(1024)
  })

  it("a request that fails while read goes to the error handler", async () => {
    const ex = exchange()
    const boom = new Error("aborted")
    const out = await run(1024, ex, (req) => req.destroy(boom))
    expect(out).toEqual({ nextCalled: true, error: boom })
  })
})
