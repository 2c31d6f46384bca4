import { z } from "@medusajs/framework/zod"
import { optInExtrasFields } from "../../../../utils/opt-in-extras"

export const StoreCustomerNewsletter = z.object({ subscribed: z.boolean(), ...optInExtrasFields }).strict()

export type StoreCustomerNewsletterType = z.infer<typeof StoreCustomerNewsletter>
