import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"

export type NoteErasureReceiptInput = {
  erasure_ids: string[]
  store: Record<string, number>
  queue: Record<string, number>
  // The e-commerce objects the erasure job deletes in Mailchimp (ids, kept only until it has).
  remote: { customer_ids: string[]; order_ids: string[]; cart_ids: string[] }
}

/**
 * Writes the store's side of the receipt (rows removed per table, jobs purged) on the erasure rows, and hands
 * the e-commerce objects to delete in Mailchimp to one row per audience (each audience has its own store).
 */
export const noteErasureReceiptStep = createStep("note-mailchimp-erasure-receipt", async (input: NoteErasureReceiptInput, { container }) => {
  const service = container.resolve<IMailchimpModuleService>(MAILCHIMP_MODULE)
  if (!input.erasure_ids.length) return new StepResponse(0)
  const rows = await service.listErasures({ id: input.erasure_ids }, { select: ["id", "audience_id", "subscriber_hash"] })
  // One row per audience carries the e-commerce deletions (any address's: they are the person's).
  const carriers = new Set([...new Map(rows.map((r) => [r.audience_id, r.id])).values()])
  const anything = input.remote.customer_ids.length || input.remote.order_ids.length || input.remote.cart_ids.length
  const receipt = { store: input.store, queue: input.queue }
  await service.updateErasures(
    rows.map((r) => ({
      id: r.id,
      receipt,
      pending_remote: carriers.has(r.id) && anything ? input.remote : null,
    }))
  )
  return new StepResponse(rows.length)
})
