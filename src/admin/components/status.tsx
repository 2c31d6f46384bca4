import { StatusBadge } from "@medusajs/ui"

type Color = "green" | "orange" | "red" | "grey" | "blue"

const MEMBER: Record<string, [Color, string]> = {
  subscribed: ["green", "Subscribed"],
  pending: ["orange", "Pending confirmation"],
  unsubscribed: ["grey", "Unsubscribed"],
  cleaned: ["red", "Cleaned"],
  archived: ["grey", "Archived"],
  transactional: ["grey", "Transactional"],
  none: ["grey", "Not a member"],
}

const SYNC: Record<string, [Color, string]> = {
  pending: ["orange", "On its way"],
  synced: ["green", "In Mailchimp"],
  failed: ["red", "Failed"],
  superseded: ["grey", "Superseded"],
  skipped: ["grey", "Skipped"],
}

export function MemberStatus({ status }: { status: string }) {
  const [color, text] = MEMBER[status] ?? ["grey", status]
  return <StatusBadge color={color}>{text}</StatusBadge>
}

export function SyncStatus({ status }: { status: string }) {
  const [color, text] = SYNC[status] ?? ["grey", status]
  return <StatusBadge color={color}>{text}</StatusBadge>
}
