import { validateAndTransformQuery, type MiddlewareRoute } from "@medusajs/framework/http"
import { AdminListMailchimpAudiences } from "./validators"

export const adminAudiencesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/mailchimp/audiences",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminListMailchimpAudiences, {})],
  },
]
