import { authenticate, validateAndTransformBody, type MiddlewareRoute } from "@medusajs/framework/http"
import { guardSignup } from "./signup-guard"
import { limitSignups } from "./signup-limits"
import { StoreNewsletterSignup } from "./validators"

export const storeNewsletterMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/newsletter",
    methods: ["POST"],
    // The limits first: the guard may call out (a CAPTCHA provider).
    middlewares: [validateAndTransformBody(StoreNewsletterSignup), limitSignups, guardSignup],
  },
  {
    matcher: "/store/newsletter/settings",
    methods: ["GET"],
    middlewares: [authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true })],
  },
]
