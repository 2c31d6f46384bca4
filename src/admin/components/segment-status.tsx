import { StatusBadge } from "@medusajs/ui"
import type { Segment } from "../lib/segments-api"

/** The state of a segment's Mailchimp copy, in words. */
export function SegmentSyncBadge({ segment }: { segment: Segment }) {
  if (segment.sync_status === "failed") return <StatusBadge color="red">Sync failed</StatusBadge>
  if (segment.sync_status === "pending" || segment.pending_changes > 0)
    return <StatusBadge color="orange">{segment.mailchimp_segment_id ? "Syncing" : "On its way"}</StatusBadge>
  if (segment.failed_members > 0) return <StatusBadge color="orange">Synced, some refused</StatusBadge>
  return <StatusBadge color="green">Synced</StatusBadge>
}
