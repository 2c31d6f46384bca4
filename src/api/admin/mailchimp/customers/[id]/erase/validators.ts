import { z } from "@medusajs/framework/zod"

export const AdminEraseCustomer = z
  .object({
    // Overrides the erasure option for this request: archive, or delete permanently.
    mode: z.enum(["archive", "delete-permanent"]).optional(),
  })
  .strict()

export type AdminEraseCustomerType = z.infer<typeof AdminEraseCustomer>
