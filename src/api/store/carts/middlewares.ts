import { validateAndTransformBody, type MiddlewareRoute } from "@medusajs/framework/http"
import { captureMetadataNewsletterChoice } from "./[id]/newsletter/capture-metadata-choice"
import { StoreCartNewsletterChoice } from "./[id]/newsletter/validators"
import { StoreCartSource } from "./[id]/mailchimp-source/validators"

export const storeCartsMiddlewares: MiddlewareRoute[] = [
  {
    // Every store route that takes a cart's metadata: creation and update.
    matcher: "/store/carts",
    methods: ["POST"],
    middlewares: [captureMetadataNewsletterChoice],
  },
  {
    matcher: "/store/carts/:id",
    methods: ["POST"],
    middlewares: [captureMetadataNewsletterChoice],
  },
  {
    matcher: "/store/carts/:id/newsletter",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(StoreCartNewsletterChoice)],
  },
  {
    matcher: "/store/carts/:id/mailchimp-source",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(StoreCartSource)],
  },
]
