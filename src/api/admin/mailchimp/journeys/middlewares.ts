import { validateAndTransformBody, type MiddlewareRoute } from "@medusajs/framework/http"
import { AdminUpdateJourneySettings } from "./validators"

export const adminJourneysMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/mailchimp/journeys",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminUpdateJourneySettings)],
  },
]
