import type { Member, MailchimpClient } from "../../mailchimp"
import { isNotFound } from "./describe-error"

/** The member Mailchimp holds at a hash, or null when the address is not on the audience. */
export async function readMember(client: MailchimpClient, audienceId: string, hash: string): Promise<Member | null> {
  return client.members.get(audienceId, hash).catch((e) => {
    if (isNotFound(e)) return null
    throw e
  })
}
