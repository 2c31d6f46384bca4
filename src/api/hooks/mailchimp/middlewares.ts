import type { MiddlewareRoute } from "@medusajs/framework/http"
import { maskWebhookSecret } from "./mask-secret"
import { readWebhookBody } from "./read-body"

// Medusa's parsers off, the body read as bytes with a size limit (read-body.ts says why).
const readBody = readWebhookBody()

export const hooksMailchimpMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/hooks/mailchimp",
    middlewares: [maskWebhookSecret],
  },
  {
    matcher: "/hooks/mailchimp",
    methods: ["POST"],
    bodyParser: false,
    middlewares: [readBody],
  },
  // The benchmark's no-op twin of the route above (inert without its flag): the same secret handling and body.
  {
    matcher: "/hooks/mailchimp/bench-noop",
    middlewares: [maskWebhookSecret],
  },
  {
    matcher: "/hooks/mailchimp/bench-noop",
    methods: ["POST"],
    bodyParser: false,
    middlewares: [readBody],
  },
]
