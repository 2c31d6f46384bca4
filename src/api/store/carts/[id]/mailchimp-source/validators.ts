import { z } from "@medusajs/framework/zod"

// Medusa's 400 shows a custom message without its path, so each message names its field.
export const StoreCartSource = z
  .object({
    // A Mailchimp campaign id (mc_cid): short and alphanumeric; anything else is refused, not stored.
    mc_cid: z.string().regex(/^[A-Za-z0-9]{1,50}$/, "mc_cid: a Mailchimp campaign id (letters and digits, at most 50)").optional(),
    landing_site: z.string().url("landing_site: an absolute URL").max(2_000, "landing_site: at most 2000 characters").optional(),
  })
  .strict()

export type StoreCartSourceType = z.infer<typeof StoreCartSource>
