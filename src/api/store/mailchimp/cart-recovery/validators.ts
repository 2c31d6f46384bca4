import { z } from "@medusajs/framework/zod"

export const StoreCartRecovery = z.object({ token: z.string().min(1).max(300) }).strict()

export type StoreCartRecoveryType = z.infer<typeof StoreCartRecovery>
