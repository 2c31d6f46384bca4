import { z } from "@medusajs/framework/zod"

export const AdminStartBackfill = z
  .object({
    objects: z
      .array(z.enum(["customers", "products", "orders", "merge_fields"]))
      .min(1)
      .refine((a) => new Set(a).size === a.length, { message: "objects must not repeat" })
      .optional(),
    since: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()

export type AdminStartBackfillType = z.infer<typeof AdminStartBackfill>

export const AdminGetBackfill = z.object({ id: z.string().min(1).optional() }).strict()

export type AdminGetBackfillType = z.infer<typeof AdminGetBackfill>
