import { z } from "@medusajs/framework/zod"
import { SegmentCondition, SegmentMatch } from "../../../../modules/mailchimp-segments/rules/conditions"

const name = z.string().trim().min(1).max(100)
const conditions = z.array(SegmentCondition).min(1).max(20)
// One of the audiences the plugin uses (checked by requireAudienceInUse); absent: the plugin's audience.
const audience_id = z.string().trim().min(1).max(100)

export const AdminCreateSegment = z.object({ name, audience_id: audience_id.optional(), match: SegmentMatch.default("all"), conditions }).strict()
export type AdminCreateSegmentType = z.infer<typeof AdminCreateSegment>

export const AdminUpdateSegment = z
  .object({ name: name.optional(), audience_id: audience_id.optional(), match: SegmentMatch.optional(), conditions: conditions.optional() })
  .strict()
  .refine((b) => b.name !== undefined || b.audience_id !== undefined || b.match !== undefined || b.conditions !== undefined, {
    message: "give name, audience_id, match or conditions",
  })
export type AdminUpdateSegmentType = z.infer<typeof AdminUpdateSegment>

export const AdminPreviewSegment = z.object({ audience_id: audience_id.optional(), match: SegmentMatch.default("all"), conditions }).strict()
export type AdminPreviewSegmentType = z.infer<typeof AdminPreviewSegment>

export const AdminListSegments = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type AdminListSegmentsType = z.infer<typeof AdminListSegments>

export const AdminSyncSegment = z.object({}).strict()
