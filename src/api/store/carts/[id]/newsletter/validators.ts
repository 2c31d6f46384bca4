import { z } from "@medusajs/framework/zod"
import { optInExtrasFields } from "../../../../utils/opt-in-extras"

export const StoreCartNewsletterChoice = z.object({ opt_in: z.boolean(), ...optInExtrasFields }).strict()

export type StoreCartNewsletterChoiceType = z.infer<typeof StoreCartNewsletterChoice>
