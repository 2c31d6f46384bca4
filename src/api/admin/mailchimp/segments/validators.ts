import { z } from "@medusajs/framework/zod"
import { SegmentCondition, SegmentMatch } from "../../../../modules/mailchimp-segments/rules/conditions"

const name = z.string().trim().min(1).max(100)
const conditions = z.array(SegmentCondition).min(1).max(20)

export const AdminCreateSegment = z.object({ name, match: SegmentMatch.default("all"), conditions }).strict()
export type AdminCreateSegmentType = z.infer<typeof AdminCreateSegment>

export const AdminUpdateSegment = z
  .object({ name: name.optional(), match: SegmentMatch.optional(), conditions: conditions.optional() })
  .strict()
  .refine((b) => b.name !== undefined || b.match !== undefined || b.conditions !== undefined, {
    message: "give name, match or conditions",
  })
export type AdminUpdateSegmentType = z.infer<typeof AdminUpdateSegment>

export const AdminPreviewSegment = z.object({ match: SegmentMatch.default("all"), conditions }).strict()
export type AdminPreviewSegmentType = z.infer<typeof AdminPreviewSegment>

export const AdminListSegments = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type AdminListSegmentsType = z.infer<typeof AdminListSegments>

export const AdminSyncSegment = z.object({}).strict()
