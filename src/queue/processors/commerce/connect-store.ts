import type { JobPayload } from "../../jobs"
import type { ProcessorContext } from "../context"
import { commerceContext } from "./context"
import { connectStore as connect } from "./ensure-store"

/** commerce.store.connect: the Mailchimp store exists, with the store's name and currency. */
export async function connectStore(_: JobPayload<"commerce.store.connect">, ctx: ProcessorContext) {
  return { store: await connect(commerceContext(ctx)) }
}
