import { z } from "@medusajs/framework/zod"

export const StoreCustomerNewsletter = z.object({ subscribed: z.boolean() }).strict()

export type StoreCustomerNewsletterType = z.infer<typeof StoreCustomerNewsletter>
