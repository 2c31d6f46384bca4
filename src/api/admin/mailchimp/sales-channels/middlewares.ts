import { validateAndTransformBody, type MiddlewareRoute } from "@medusajs/framework/http"
import { AdminSaveSalesChannelMapping } from "./validators"

export const adminSalesChannelsMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/mailchimp/sales-channels",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminSaveSalesChannelMapping)],
  },
]
