import { z } from "@medusajs/framework/zod"

export const AdminCustomerNewsletter = z
  .object({
    subscribed: z.boolean(),
    // Why, in the admin's words: "asked at the counter", "wrote to support", …
    note: z.string().trim().max(500).optional(),
  })
  .strict()

export type AdminCustomerNewsletterType = z.infer<typeof AdminCustomerNewsletter>
