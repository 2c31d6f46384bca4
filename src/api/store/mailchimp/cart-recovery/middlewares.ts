import { validateAndTransformBody, type MiddlewareRoute } from "@medusajs/framework/http"
import { StoreCartRecovery } from "./validators"

// Not under /store/carts: Medusa's own POST /store/carts/:id middlewares would take /store/carts/recovery for a cart.
export const storeCartRecoveryMiddlewares: MiddlewareRoute[] = [
  { matcher: "/store/mailchimp/cart-recovery", methods: ["POST"], middlewares: [validateAndTransformBody(StoreCartRecovery)] },
]
