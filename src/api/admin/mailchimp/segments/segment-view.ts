import type MailchimpSegmentsService from "../../../../modules/mailchimp-segments/service"

type SegmentRow = Awaited<ReturnType<MailchimpSegmentsService["retrieveSegment"]>>

/** What the admin is shown of segments: the definition, member counts and the state of the Mailchimp copy. */
export async function segmentViews(service: MailchimpSegmentsService, rows: SegmentRow[]) {
  const figures = await service.figures(rows.map((r) => r.id))
  return rows.map((s) => {
    const f = figures.get(s.id)
    return {
      id: s.id,
      name: s.name,
      match: s.match,
      conditions: s.conditions,
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
