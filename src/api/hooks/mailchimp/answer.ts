import type { MedusaResponse } from "@medusajs/framework/http"

/**
 * A webhook answer written straight to the socket: the bodies are fixed and small, so they are serialized once,
 * and Express's `res.json` (serialize, then `res.send`'s ETag hash and freshness check) is skipped on a route
 * that answers thousands of deliveries a second. Mailchimp reads only the status.
 */
export function answer(res: MedusaResponse, status: number, body: Buffer) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": body.length })
  res.end(body)
}

const fixed = (body: object) => Buffer.from(JSON.stringify(body))

export const ANSWERS = {
  stored: fixed({ received: true, duplicate: false }),
  duplicate: fixed({ received: true, duplicate: true }),
  checked: fixed({ received: false }),
  unauthorized: fixed({ message: "Unauthorized" }),
  notStored: fixed({ message: "Not stored; send again later" }),
  tooLarge: fixed({ message: "Request body too large" }),
} as const
