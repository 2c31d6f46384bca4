import { z } from "@medusajs/framework/zod"
import { optInExtrasFields } from "../../utils/opt-in-extras"

export const StoreNewsletterSignup = z
  .object({
    email: z.string().trim().email().max(254),
    first_name: z.string().trim().max(100).optional(),
    last_name: z.string().trim().max(100).optional(),
    ...optInExtrasFields,
  })
  .strict()

export type StoreNewsletterSignupType = z.infer<typeof StoreNewsletterSignup>
