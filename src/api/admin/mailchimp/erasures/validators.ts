import { z } from "@medusajs/framework/zod"

export const AdminEraseAddress = z
  .object({
    email: z.string().trim().email().max(254),
    mode: z.enum(["archive", "delete-permanent"]).optional(),
  })
  .strict()

export type AdminEraseAddressType = z.infer<typeof AdminEraseAddress>

export const AdminErasureQuery = z
  .object({
    // Proves (or not) that an address was erased: it is hashed here and looked up by its hash.
    email: z.string().trim().email().max(254).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()

export type AdminErasureQueryType = z.infer<typeof AdminErasureQuery>
