import { z } from "@medusajs/framework/zod"

export const AdminTestCampaign = z
  .object({
    emails: z.array(z.email()).min(1).max(10),
    send_type: z.enum(["html", "plaintext"]).optional(),
  })
  .strict()

export type AdminTestCampaignType = z.infer<typeof AdminTestCampaign>
