import type { MemberRecord } from "./types"

/** Something Mailchimp tells webhooks about. Member events carry a copy of the member as it was then. */
export type SandboxEvent =
  | { type: "subscribe"; member: MemberRecord }
  | {
      type: "unsubscribe"
      member: MemberRecord
      action: "unsub" | "delete"
      reason: "manual" | "abuse"
      campaign_id?: string
    }
  | { type: "profile"; member: MemberRecord }
  | { type: "upemail"; old_email: string; new_email: string; new_id: string }
  | { type: "cleaned"; email: string; reason: "hard" | "abuse"; campaign_id?: string }
  | { type: "campaign"; id: string; subject: string; status: string; reason: string }

/** Receives the events of one change; `source` is who made it (user, admin or api). */
export type EmitEvent = (event: SandboxEvent) => void

export function snapshot(member: MemberRecord): MemberRecord {
  return structuredClone(member)
}
