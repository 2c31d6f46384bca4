import type { StoreCreateBody } from "../../../mailchimp"

/** The Mailchimp store this Medusa store is connected as. Its id and audience never change. */
export function toMailchimpStore(input: {
  id: string
  audienceId: string
  name: string
  currencyCode: string
  storefrontUrl?: string
  isSyncing?: boolean
}): StoreCreateBody {
  const body: StoreCreateBody = {
    id: input.id,
    list_id: input.audienceId,
    name: input.name,
    currency_code: input.currencyCode.toUpperCase(),
    platform: "Medusa",
  }
  if (input.storefrontUrl) body.domain = new URL(input.storefrontUrl).host
  if (input.isSyncing !== undefined) body.is_syncing = input.isSyncing
  return body
}
