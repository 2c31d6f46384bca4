import { z } from "@medusajs/framework/zod"

export const StoreCartNewsletterChoice = z.object({ opt_in: z.boolean() }).strict()

export type StoreCartNewsletterChoiceType = z.infer<typeof StoreCartNewsletterChoice>
