import type { MiddlewareRoute } from "@medusajs/framework/http"
import { maskWebhookSecret } from "./mask-secret"

export const hooksMailchimpMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/hooks/mailchimp",
    middlewares: [maskWebhookSecret],
  },
  {
    matcher: "/hooks/mailchimp",
    methods: ["POST"],
    bodyParser: { preserveRawBody: true, sizeLimit: "64kb" },
    middlewares: [],
  },
  // The benchmark's no-op twin of the route above (inert without its flag): the same secret handling and body.
  {
    matcher: "/hooks/mailchimp/bench-noop",
    middlewares: [maskWebhookSecret],
  },
  {
    matcher: "/hooks/mailchimp/bench-noop",
    methods: ["POST"],
    bodyParser: { preserveRawBody: true, sizeLimit: "64kb" },
    middlewares: [],
  },
]
