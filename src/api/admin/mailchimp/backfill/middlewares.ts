import { validateAndTransformBody, validateAndTransformQuery, type MiddlewareRoute } from "@medusajs/framework/http"
import { AdminGetBackfill, AdminStartBackfill } from "./validators"

export const adminBackfillMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/mailchimp/backfill",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminStartBackfill)],
  },
  {
    matcher: "/admin/mailchimp/backfill",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminGetBackfill, {})],
  },
]
