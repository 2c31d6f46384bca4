import { z } from "@medusajs/framework/zod"

/** The rebuild takes no body. */
export const AdminRebuildPurchaseProfiles = z.object({}).strict()
