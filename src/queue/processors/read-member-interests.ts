import type { JobPayload } from "../../modules/mailchimp/queue-runtime/jobs"
import type { ProcessorContext } from "./context"
import { readMember } from "./read-member"

/**
 * Reads a member's interests and marketing permissions from Mailchimp and stores them by id. Webhooks name
 * interests only by their (editable, not unique across categories) names, so the ids come from the member itself.
 */
export async function readMemberInterests({ audience_id, email_hash }: JobPayload<"member.interests.read">, ctx: ProcessorContext) {
  const member = await readMember(ctx.client, audience_id, email_hash)
  if (!member) return { skipped: "not on the audience" }
  const permissions = Object.fromEntries((member.marketing_permissions ?? []).map((p) => [p.marketing_permission_id, p.enabled]))
  const stored = await ctx.service.recordMemberInterests({ audience_id, email_hash, interests: member.interests ?? {}, marketing_permissions: permissions })
  return { stored }
}
