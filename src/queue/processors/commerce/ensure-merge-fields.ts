import { purchaseMergeFieldDefinitions } from "../../../modules/mailchimp-commerce/mapping"
import type { JobPayload } from "../../../modules/mailchimp/queue-runtime/jobs"
import type { ProcessorContext } from "../context"
import { commerceContext, CommerceContext } from "./context"
import { isDuplicate } from "./mailchimp-answers"

/**
 * Creates the purchase merge fields the audience lacks (ORDERS, SPENT, FIRSTORDER, LASTORDER or
 * the configured tags); a field that exists already, under any type, is left as it is.
 */
export async function createMissingMergeFields(ctx: CommerceContext): Promise<string[]> {
  const { client, commerce } = ctx
  const options = commerce.getOptions()
  const wanted = purchaseMergeFieldDefinitions(options.purchaseMergeFields)
  const { merge_fields } = await client.mergeFields.list(options.audienceId, { count: 1000, fields: ["merge_fields.tag"] })
  const have = new Set(merge_fields.map((f) => f.tag))
  const created: string[] = []
  for (const field of wanted.filter((f) => !have.has(f.tag!))) {
    try {
      await client.mergeFields.create(options.audienceId, field)
      created.push(field.tag!)
    } catch (e) {
      if (!isDuplicate(e)) throw e
    }
  }
  if (created.length) ctx.service.forgetAudienceProfile()
  commerce.markMergeFieldsChecked()
  return created
}

/** commerce.merge-fields.ensure */
export async function ensureMergeFields(_: JobPayload<"commerce.merge-fields.ensure">, ctx: ProcessorContext) {
  return { created: await createMissingMergeFields(commerceContext(ctx)) }
}
