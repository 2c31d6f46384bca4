import type { IMailchimpSegmentsService } from "../../../../types/mailchimp-segments-module"
import type { Segment, SegmentCondition } from "../../../../types/http"

type SegmentRow = Awaited<ReturnType<IMailchimpSegmentsService["retrieveSegment"]>>

/**
 * What the admin is shown of segments: the audience (the plugin's when the row names none), the definition, member
 * counts and the state of the Mailchimp copy.
 */
export async function segmentViews(service: IMailchimpSegmentsService, rows: SegmentRow[], pluginAudienceId: string): Promise<Segment[]> {
  const figures = await service.figures(rows.map((r) => r.id))
  return rows.map((s) => {
    const f = figures.get(s.id)
    return {
      id: s.id,
      name: s.name,
      audience_id: service.audienceOf(s, pluginAudienceId),
      match: s.match,
      // A JSON column, written only through the conditions' schema (rules/conditions.ts).
      conditions: s.conditions as unknown as SegmentCondition[],
      member_count: s.member_count,
      evaluated_at: s.evaluated_at,
      mailchimp_segment_id: s.mailchimp_segment_id,
      mailchimp_member_count: f?.mailchimp_count ?? 0,
      pending_changes: f?.pending_changes ?? 0,
      failed_members: f?.failed_members ?? 0,
      sync_status: s.sync_status,
      last_synced_at: s.last_synced_at,
      error: s.error,
      created_at: s.created_at,
      updated_at: s.updated_at,
    }
  })
}
