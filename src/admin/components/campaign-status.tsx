import { StatusBadge } from "@medusajs/ui"
import type { Campaign } from "../lib/campaigns-api"

type Color = "green" | "orange" | "red" | "grey" | "blue" | "purple"

const STATUS: Record<Campaign["status"], [Color, string]> = {
  save: ["grey", "Draft"],
  paused: ["orange", "Paused"],
  schedule: ["blue", "Scheduled"],
  sending: ["purple", "Sending"],
  sent: ["green", "Sent"],
  canceled: ["red", "Canceled"],
}

/** The campaign's state in Mailchimp. */
export function CampaignStatusBadge({ status }: { status: Campaign["status"] }) {
  const [color, text] = STATUS[status] ?? ["grey", status]
  return (
    <StatusBadge color={color} data-testid="mailchimp-campaign-status">
      {text}
    </StatusBadge>
  )
}

const SYNC: Record<Campaign["sync_status"], [Color, string]> = {
  pending: ["orange", "On its way to Mailchimp"],
  synced: ["green", "In Mailchimp"],
  failed: ["red", "Refused by Mailchimp"],
}

/** The state of the store's own last write to Mailchimp. */
export function CampaignSyncBadge({ status }: { status: Campaign["sync_status"] }) {
  const [color, text] = SYNC[status] ?? ["grey", status]
  return <StatusBadge color={color}>{text}</StatusBadge>
}

export function campaignStatusText(status: Campaign["status"]): string {
  return STATUS[status]?.[1] ?? status
}
