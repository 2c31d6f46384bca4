import { validateAndTransformBody, type MiddlewareRoute } from "@medusajs/framework/http"
import { StoreCustomerNewsletter } from "./me/newsletter/validators"

export const storeCustomersMiddlewares: MiddlewareRoute[] = [
  {
    // Medusa's own /store/customers/me* middleware has already required a logged-in customer.
    matcher: "/store/customers/me/newsletter",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(StoreCustomerNewsletter)],
  },
]
