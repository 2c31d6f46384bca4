import type { MedusaNextFunction, MedusaResponse } from "@medusajs/framework/http"
import type { WebhookRequest } from "./mask-secret"
import { answer, ANSWERS } from "./answer"

/** A delivery is a small form; anything larger is refused (413) unread and nothing is stored. */
export const WEBHOOK_BODY_LIMIT = 64 * 1024

/**
 * Reads a delivery's body as it came (`req.rawBody`), at most `limit` bytes. The webhook routes turn Medusa's
 * body parsers off (`bodyParser: false`): with `preserveRawBody` every POST went through the json, text and
 * urlencoded parsers, and the last parsed the whole form with `qs` only for the route to parse it again from the
 * raw bytes (webhooks/parse-form.ts), which cost more than the framework's whole request. Whatever its content
 * type, the body is read as bytes (Mailchimp sends a form). Over the limit, by its Content-Length or as it
 * streams in, the answer is 413 and the connection is closed, so the rest is never read.
 */
export function readWebhookBody(limit: number = WEBHOOK_BODY_LIMIT) {
  return function readBody(req: WebhookRequest, res: MedusaResponse, next: MedusaNextFunction) {
    const declared = Number(req.headers["content-length"])
    if (declared > limit) return tooLarge(res)
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    // The error listener stays: a request reset after its answer must not throw as an unheard 'error'.
    const done = (e?: unknown) => {
      if (settled) return
      settled = true
      req.off("data", onData)
      req.off("end", onEnd)
      if (e) next(e)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        done()
        req.pause()
        return tooLarge(res)
      }
      chunks.push(chunk)
    }
    const onEnd = () => {
      done()
      req.rawBody = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)
      next()
    }
    req.on("data", onData)
    req.on("end", onEnd)
    req.on("error", done)
  }
}

function tooLarge(res: MedusaResponse) {
  res.setHeader("connection", "close")
  answer(res, 413, ANSWERS.tooLarge)
}
