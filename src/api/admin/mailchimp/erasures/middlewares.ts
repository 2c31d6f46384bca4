import { validateAndTransformBody, validateAndTransformQuery, type MiddlewareRoute } from "@medusajs/framework/http"
import { AdminEraseAddress, AdminErasureQuery } from "./validators"

export const adminErasuresMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/mailchimp/erasures",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminEraseAddress)],
  },
  {
    matcher: "/admin/mailchimp/erasures",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminErasureQuery, {})],
  },
]
