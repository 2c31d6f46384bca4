import { z } from "@medusajs/framework/zod"

export const AdminListMailchimpAudiences = z
  .object({
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()

export type AdminListMailchimpAudiencesType = z.infer<typeof AdminListMailchimpAudiences>
