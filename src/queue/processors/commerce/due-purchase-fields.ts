import { purchaseMergeValues } from "../../../modules/mailchimp-commerce/mapping"
import type { SyncRef } from "../../../types/mailchimp-commerce-module"
import type { ProcessorContext } from "../context"
import { commerceContext } from "./context"
import { payloadHash } from "./payload-hash"

export type DuePurchaseFields = { values: Record<string, string | number>; ref: SyncRef; hash: string }

/**
 * The address's purchase merge fields when Mailchimp lacks them and the audience has the fields:
 * their merge sync is pending, or was skipped because Mailchimp held no such member (a buyer who
 * subscribes after buying). The opt-in's member write carries them, which saves the merge job's own
 * PATCH and gives a late subscriber their purchase history. The sync row is read before the profile:
 * the purchase step raises its revision after writing the profile, so a newer profile always means a
 * newer revision, and settling this one then changes nothing.
 */
export async function duePurchaseFields(email: string, audienceTags: Set<string>, ctx: ProcessorContext): Promise<DuePurchaseFields | null> {
  const { commerce } = commerceContext(ctx)
  const tags = Object.values(commerce.getOptions().purchaseMergeFields).filter((t): t is string => typeof t === "string")
  // Fields the audience lacks are the merge job's to create.
  if (!tags.length || !tags.every((t) => audienceTags.has(t))) return null
  const row = await commerce.getSync("merge", email)
  if (!row || !(row.status === "pending" || (row.status === "skipped" && !row.remote_exists))) return null
  const profile = await commerce.getProfileFigures(email)
  if (!profile) return null
  const values = purchaseMergeValues(profile, commerce.getOptions().purchaseMergeFields)
  if (!Object.keys(values).length) return null
  return { values, ref: { object_type: "merge", object_id: email, revision: row.revision }, hash: payloadHash(values) }
}

/** The member write carried them: the merge job finds nothing left to do (unless a newer change came meanwhile). */
export async function settleDuePurchaseFields(due: DuePurchaseFields, ctx: ProcessorContext): Promise<void> {
  await commerceContext(ctx).commerce.completeSync(due.ref, {
    status: "synced",
    remote_exists: true,
    payload_hash: due.hash,
    note: "sent with the opt-in",
  })
}
