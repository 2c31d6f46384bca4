import type { MailchimpClient, ProductCreateBody } from "../../../mailchimp"
import { createOrUpdate } from "./create-or-update"

/**
 * Products have no PUT: POST, and PATCH when Mailchimp says the id exists (or PATCH first when it
 * is known to, and POST on a 404). Variants go through their own PUT, an upsert: the 3.0.76
 * description gives PATCHed variants no id. Either order ends in the same product.
 */
export async function upsertProduct(
  client: MailchimpClient,
  storeId: string,
  body: ProductCreateBody,
  knownRemote: boolean
): Promise<"created" | "updated"> {
  return createOrUpdate(
    knownRemote,
    () => client.ecommerce.products.create(storeId, body),
    () => patchProduct(client, storeId, body)
  )
}

async function patchProduct(client: MailchimpClient, storeId: string, body: ProductCreateBody): Promise<void> {
  const { id, variants, ...fields } = body
  await client.ecommerce.products.update(storeId, id, fields)
  for (const variant of variants) {
    await client.ecommerce.variants.upsert(storeId, id, variant.id, variant)
  }
}
