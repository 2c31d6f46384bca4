import { z } from "@medusajs/framework/zod"

export const StoreNewsletterSignup = z
  .object({
    email: z.string().trim().email().max(254),
    first_name: z.string().trim().max(100).optional(),
    last_name: z.string().trim().max(100).optional(),
  })
  .strict()

export type StoreNewsletterSignupType = z.infer<typeof StoreNewsletterSignup>
