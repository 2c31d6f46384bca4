import { validateAndTransformBody, validateAndTransformQuery, type MiddlewareRoute } from "@medusajs/framework/http"
import { AdminGetMailchimpSync, AdminMailchimpJobAction } from "./validators"

export const adminSyncMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/mailchimp/sync",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminGetMailchimpSync, {})],
  },
  {
    matcher: "/admin/mailchimp/sync/jobs/:id/retry",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminMailchimpJobAction)],
  },
  {
    matcher: "/admin/mailchimp/sync/jobs/:id/discard",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminMailchimpJobAction)],
  },
]
