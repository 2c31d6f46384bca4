/**
 * Runs one request through an express app in-process: a real IncomingMessage and ServerResponse (express
 * swaps their prototypes, so both must be Node's own) on a stand-in socket, the answer collected from
 * `write`/`end` instead of a wire. The batch runner uses it so that each operation pays for the app's work
 * only, not for a loopback connection's.
 */
import { IncomingMessage, ServerResponse, type RequestListener } from "http"
import { API_BODY_LIMIT_BYTES } from "./constants"

export type LocalRequest = { method: string; url: string; headers: Record<string, string>; body?: string }
export type LocalAnswer = { status: number; text: string }

type Chunk = string | Buffer | Uint8Array
type Done = (error?: Error | null) => void

const SOCKET = { readableHighWaterMark: 16_384, remoteAddress: "127.0.0.1", encrypted: false }

/**
 * The body as express.json() (strict, API_BODY_LIMIT_BYTES) would parse it, or undefined when it would not (not an
 * object or array, malformed, too large): then the body goes through body-parser, which answers as on the wire.
 */
function preParsed(body: string | undefined, bytes: number): object | undefined {
  if (body === undefined || bytes > API_BODY_LIMIT_BYTES) return undefined
  const first = body.trimStart()[0]
  if (first !== "{" && first !== "[") return undefined
  try {
    return JSON.parse(body) as object
  } catch {
    return undefined
  }
}

export function localRequest(app: RequestListener, request: LocalRequest): Promise<LocalAnswer> {
  return new Promise<LocalAnswer>((resolve, reject) => {
    const payload = request.body === undefined ? undefined : Buffer.from(request.body)
    // Most operations' bodies are JSON: parsed here, body-parser sees `_body` and skips its stream read (about a tenth
    // of a batch operation's cost: content-type parsing, raw-body, stream events).
    const parsed = preParsed(request.body, payload?.length ?? 0)
    const req = new IncomingMessage(SOCKET as never)
    req.method = request.method
    req.url = request.url
    req.httpVersion = "1.1"
    req.httpVersionMajor = 1
    req.httpVersionMinor = 1
    req.headers = { host: "127.0.0.1", ...request.headers, ...(payload ? { "content-length": String(payload.length) } : {}) }
    if (parsed) Object.assign(req, { body: parsed, _body: true })
    else if (payload) req.push(payload)
    req.push(null)
    req.complete = true

    const res = new ServerResponse(req)
    const chunks: Buffer[] = []
    const keep = (chunk: Chunk | undefined, encoding?: BufferEncoding) => {
      if (chunk !== undefined && chunk !== null && chunk.length) {
        chunks.push(typeof chunk === "string" ? Buffer.from(chunk, encoding) : Buffer.from(chunk))
      }
    }
    res.write = ((chunk: Chunk, encoding?: BufferEncoding | Done, cb?: Done) => {
      if (!res.headersSent) res.writeHead(res.statusCode)
      keep(chunk, typeof encoding === "string" ? encoding : undefined)
      ;(typeof encoding === "function" ? encoding : cb)?.()
      return true
    }) as ServerResponse["write"]
    res.end = ((chunk?: Chunk | Done, encoding?: BufferEncoding | Done, cb?: Done) => {
      if (res.writableEnded) return res
      const done = [chunk, encoding, cb].find((a): a is Done => typeof a === "function")
      if (typeof chunk !== "function") keep(chunk, typeof encoding === "string" ? encoding : undefined)
      if (!res.headersSent) res.writeHead(res.statusCode)
      res.finished = true
      resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString("utf8") })
      done?.()
      res.emit("prefinish")
      res.emit("finish")
      res.emit("close")
      return res
    }) as ServerResponse["end"]
    try {
      app(req, res)
    } catch (e) {
      reject(e)
    }
  })
}
