import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { subscriberHash } from "../../../mailchimp"
import { rebuildPurchaseProfiles, SqlConnection } from "../../../modules/mailchimp-commerce/store-data"
import type { JobPayload } from "../../../modules/mailchimp/queue-runtime/jobs"
import type { ProcessorContext } from "../context"
import { commerceContext } from "./context"

/** commerce.profiles.rebuild: every profile recomputed from the orders; changed merge fields queued. */
export async function rebuildProfiles(_: JobPayload<"commerce.profiles.rebuild">, base: ProcessorContext) {
  const ctx = commerceContext(base)
  const { orders, changed } = await rebuildPurchaseProfiles(
    { query: ctx.query, db: base.resolve<SqlConnection>(ContainerRegistrationKeys.PG_CONNECTION) },
    ctx.commerce
  )
  await ctx.commerce.requestSync(changed.map((email) => ({ object_type: "merge" as const, object_id: email })))
  const queue = base.service.getQueue()
  for (const email of changed) await queue.enqueue("commerce.merge.sync", { email_hash: subscriberHash(email) })
  return { orders, changed: changed.length }
}
