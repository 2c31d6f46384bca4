import { validateAndTransformBody, type MiddlewareRoute } from "@medusajs/framework/http"
import { AdminEraseCustomer } from "./[id]/erase/validators"
import { AdminCustomerNewsletter } from "./[id]/newsletter/validators"

export const adminCustomersMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/mailchimp/customers/:id/newsletter",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminCustomerNewsletter)],
  },
  {
    matcher: "/admin/mailchimp/customers/:id/erase",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminEraseCustomer)],
  },
]
