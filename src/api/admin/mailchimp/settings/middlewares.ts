import { validateAndTransformBody, type MiddlewareRoute } from "@medusajs/framework/http"
import { AdminUpdateMailchimpSettings } from "./validators"

export const adminSettingsMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/mailchimp/settings",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminUpdateMailchimpSettings)],
  },
]
