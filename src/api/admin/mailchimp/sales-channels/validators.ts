import { z } from "@medusajs/framework/zod"

// Medusa's 400 shows a custom message without its path, so each message names its channel and field.
const ISO_CURRENCY = /^[A-Za-z]{3}$/

// Types here; lengths and formats in the record's check below, whose messages name the channel (Medusa's own
// message for a length names the path as "sales_channels, <id>, store_id").
const channelStore = z.object({
  store_id: z.string().trim(),
  name: z.string().trim(),
  currency: z.string().trim(),
  storefront_url: z.string().trim().nullable().optional(),
  audience_id: z.string().trim().nullable().optional(),
})

type ChannelStoreInput = z.infer<typeof channelStore>

/** What is wrong with one channel's fields: [field, message] pairs. */
function channelProblems(c: ChannelStoreInput): [keyof ChannelStoreInput, string][] {
  const problems: [keyof ChannelStoreInput, string][] = []
  if (!c.store_id || c.store_id.length > 50) problems.push(["store_id", "the Mailchimp store's id, 1 to 50 characters"])
  if (!c.name || c.name.length > 100) problems.push(["name", "the store's name, 1 to 100 characters"])
  if (!ISO_CURRENCY.test(c.currency)) problems.push(["currency", "an ISO 4217 currency code, three letters"])
  if (c.storefront_url && !isUrl(c.storefront_url)) problems.push(["storefront_url", "an http(s) URL"])
  if (c.audience_id && c.audience_id.length > 100) problems.push(["audience_id", "an audience id, at most 100 characters"])
  return problems
}

function isUrl(value: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(value).protocol)
  } catch {
    return false
  }
}

/**
 * The whole sales channel mapping, as Settings → Mailchimp saves it: each Medusa sales channel's Mailchimp store
 * (docs/sales-channels.md); a channel left out sends nothing. null: back to the salesChannels option.
 */
export const AdminSaveSalesChannelMapping = z
  .object({
    sales_channels: z
      .record(z.string().trim().min(1, "sales_channels: a sales channel id cannot be empty"), channelStore)
      .superRefine((channels, ctx) => {
        for (const [id, c] of Object.entries(channels)) {
          for (const [field, message] of channelProblems(c)) {
            ctx.addIssue({ code: "custom", path: [id, field], message: `sales_channels.${id}.${field}: ${message}` })
          }
        }
      })
      .nullable(),
  })
  .strict()

export type AdminSaveSalesChannelMappingType = z.infer<typeof AdminSaveSalesChannelMapping>
