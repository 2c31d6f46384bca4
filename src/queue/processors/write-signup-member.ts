import { MailchimpError, type Member, type MemberUpsertBody, type MemberWriteQuery, type MemberWriteStatus } from "../../mailchimp"
import type { ProcessorContext } from "./context"
import { readMember } from "./read-member"

export type SignupWrite = {
  audienceId: string
  hash: string
  /** Everything the signup came with: address, merge fields, signup evidence. */
  full: MemberUpsertBody & { email_address: string }
  /** What the store itself knows and may write to any member (the buyer's purchase fields), if anything. */
  storeFields: Record<string, unknown>
  status: MemberWriteStatus
  /** skip_merge_validation, when the opt-in must go without a required field (write-opt-in.ts). */
  query?: MemberWriteQuery
}

const isMemberExists = (e: unknown) => e instanceof MailchimpError && e.status === 400 && /member exists/i.test(e.title)

/**
 * An anonymous signup (POST /store/newsletter) proves nothing about who owns the address, so it may add a
 * member with the name and evidence it came with, but never change those of a member Mailchimp already
 * holds (in any status, archived included). The member is read first; a new address is added with POST,
 * which Mailchimp refuses ("Member Exists") when the address arrived meanwhile, and then, as for a member
 * that was there, the write carries no merge fields, interests, permissions or evidence of the signup's:
 * only the address, the status for a new (or archived) member, and the store's own purchase fields.
 */
export async function writeSignupMember(w: SignupWrite, ctx: ProcessorContext): Promise<{ member: Member; created: boolean }> {
  const { client } = ctx
  if (!(await readMember(client, w.audienceId, w.hash))) {
    try {
      const { status_if_new: _new, status: _status, ...fields } = w.full
      const member = await client.members.add(w.audienceId, { ...fields, status: w.status }, w.query)
      return { member, created: true }
    } catch (e) {
      if (!isMemberExists(e)) throw e
    }
  }
  const member = await client.members.upsert(w.audienceId, w.hash, heldMemberBody(w), w.query)
  return { member, created: false }
}

/** The write a signup may make to a member Mailchimp already holds. */
export function heldMemberBody(w: Pick<SignupWrite, "full" | "storeFields" | "status">): MemberUpsertBody {
  return {
    email_address: w.full.email_address,
    status_if_new: w.status,
    ...(Object.keys(w.storeFields).length ? { merge_fields: w.storeFields } : {}),
  }
}
