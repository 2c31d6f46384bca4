import { MailchimpError, subscriberHash } from "../../../mailchimp"
import { isNotFound } from "../describe-error"
import { purchaseMergeValues } from "../../../modules/mailchimp-commerce/mapping"
import { readConsentFacts } from "../../../modules/mailchimp-commerce/store-data"
import type { JobPayload } from "../../../modules/mailchimp/queue-runtime/jobs"
import type { ProcessorContext } from "../context"
import { commerceContext } from "./context"
import { createMissingMergeFields } from "./ensure-merge-fields"
import { isMissingMergeField } from "./mailchimp-answers"
import { payloadHash } from "./payload-hash"
import { runSync } from "./run-sync"
import { ERASED_OUTCOME, isErasedBuyer } from "./erased-buyer"

const NO_PURCHASES = { orders_count: 0, total_spent: 0, first_order_at: null, last_order_at: null }

/**
 * commerce.merge.sync: writes a buyer's purchase profile into their merge fields with PATCH, which
 * Mailchimp answers 404 for an address it does not hold: a purchase never adds anyone. An address
 * whose opt-in is still on its way is retried until its member exists.
 */
export async function syncMergeFields({ email_hash }: JobPayload<"commerce.merge.sync">, base: ProcessorContext) {
  const ctx = commerceContext(base)
  const { client, commerce } = ctx
  const options = commerce.getOptions()
  const email = await commerce.mergeAddressOf(email_hash)
  if (!email) return { skipped: "nothing requested" }
  return runSync(
    ctx,
    "merge",
    email,
    async (row) => {
      if (await isErasedBuyer(base, email)) return ERASED_OUTCOME
      const profile = await commerce.getProfileFigures(email)
      const values = purchaseMergeValues(profile ?? NO_PURCHASES, options.purchaseMergeFields)
      if (!Object.keys(values).length) return { status: "skipped", remote_exists: false, note: "no purchase merge fields configured" }
      const hash = payloadHash(values)
      if (row.remote_exists && row.payload_hash === hash) return { status: "synced", remote_exists: true, note: "unchanged" }
      if (!commerce.mergeFieldsFresh()) await createMissingMergeFields(ctx)
      const update = () => client.members.update(options.audienceId, subscriberHash(email), { merge_fields: values })
      try {
        await update().catch(async (e) => {
          // The fields were removed from the audience since they were last seen: create them, then write once more.
          if (!isMissingMergeField(e)) throw e
          await createMissingMergeFields(ctx)
          await update()
        })
      } catch (e) {
        if (!isNotFound(e)) throw e
        const facts = await readConsentFacts(base.service, [email])
        if (facts.get(email)?.pendingOptIn) {
          throw new MailchimpError({
            status: 404,
            title: "Member not created yet",
            detail: "The shopper's opt-in has not reached Mailchimp yet; the merge fields follow it.",
            retryable: true,
          })
        }
        return { status: "skipped", remote_exists: false, note: "not a member of the audience" }
      }
      return { status: "synced", remote_exists: true, payload_hash: hash }
    },
    (rev) => base.service.getQueue().enqueue("commerce.merge.sync", { email_hash, rev })
  )
}
