import { createHash } from "node:crypto"
import { toMailchimpPromo, type MedusaPromotion, type PromoMapping } from "../mapping/promotion"
import type { CommerceOptions } from "../options"
import { promotionUsage, readStoreFacts, type GraphQuery } from "../store-data"

/** The storefront URL that applies a code: the option, or `{storefrontUrl}/promo/{code}`; none without either. */
export function promoUrlTemplate(options: Pick<CommerceOptions, "promoUrlTemplate" | "storefrontUrl">): string | undefined {
  if (options.promoUrlTemplate) return options.promoUrlTemplate
  return options.storefrontUrl ? `${options.storefrontUrl.replace(/\/+$/, "")}/promo/{code}` : undefined
}

export type PromoPlan = { mapping: PromoMapping; hash: string }

/**
 * Each promotion's Mailchimp rule and code (or why it is skipped), with its fingerprint: the sync row keeps the
 * fingerprint of what Mailchimp was last given (or of the skip's reason), and the scheduled diff compares them.
 */
export async function promoMappings(
  query: GraphQuery,
  options: CommerceOptions,
  promotions: MedusaPromotion[],
  // A Mailchimp store of its own (salesChannels): its currency and storefront.
  store?: { currency?: string; storefrontUrl?: string }
): Promise<Map<string, PromoPlan>> {
  const usage = await promotionUsage(query, promotions.map((p) => p.id))
  const currencyCode = store?.currency ?? (await readStoreFacts(query)).currencyCode
  const opts = { redemptionUrlTemplate: promoUrlTemplate({ ...options, storefrontUrl: store?.storefrontUrl ?? options.storefrontUrl }), currencyCode }
  const out = new Map<string, PromoPlan>()
  for (const p of promotions) {
    const mapping = toMailchimpPromo(p, usage.get(p.id) ?? 0, opts)
    out.set(p.id, { mapping, hash: createHash("sha1").update(JSON.stringify(mapping)).digest("hex") })
  }
  return out
}
