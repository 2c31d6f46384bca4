import { z } from "@medusajs/framework/zod"

export const AdminGetMailchimpSync = z
  .object({
    failed_limit: z.coerce.number().int().min(1).max(100).default(20),
    failed_offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()

export type AdminGetMailchimpSyncType = z.infer<typeof AdminGetMailchimpSync>

/** Retry and discard take no body. */
export const AdminMailchimpJobAction = z.object({}).strict()
