import { validateAndTransformBody, type MiddlewareRoute } from "@medusajs/framework/http"
import { AdminRebuildPurchaseProfiles } from "./rebuild/validators"

export const adminPurchaseProfilesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/mailchimp/purchase-profiles/rebuild",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminRebuildPurchaseProfiles)],
  },
]
