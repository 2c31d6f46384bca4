import { z } from "zod"
import { booleanFromEnv, fromEnv, numberFromEnv, parsePluginOptions, validateOptions } from "../../options"
import type { PluginOptions } from "../../options"

const mergeTag = z.union([z.literal(false), z.string().regex(/^[A-Z0-9_]{1,10}$/, "a merge tag: A-Z, 0-9, _; at most 10 characters")])

/**
 * The options this module reads, beside the core ones; the plugin hands the same options object
 * to each of its modules. Unknown keys are left to the other modules.
 */
export const commerceOptionsSchema = z.object({
  ecommerce: z.boolean().default(true),
  storeId: z.string().min(1).max(50).optional(),
  storeName: z.string().min(1).max(100).optional(),
  storefrontUrl: z.url().optional(),
  productUrlTemplate: z.string().includes("{handle}", { message: "must contain {handle}" }).optional(),
  // The storefront URL that applies a promo code (Mailchimp's redemption_url); default `${storefrontUrl}/promo/{code}`.
  promoUrlTemplate: z.string().includes("{code}", { message: "must contain {code}" }).optional(),
  purchaseMergeFields: z
    .object({ orders: mergeTag.default("ORDERS"), spent: mergeTag.default("SPENT"), firstOrder: mergeTag.default("FIRSTORDER"), lastOrder: mergeTag.default("LASTORDER") })
    .default({ orders: "ORDERS", spent: "SPENT", firstOrder: "FIRSTORDER", lastOrder: "LASTORDER" }),
  syncDelayMs: z.number().int().min(0).max(60_000).default(500),
  backfillBatchSize: z.number().int().min(1).max(5_000).default(1_000),
  backfillMaxPendingBatches: z.number().int().min(1).max(400).default(10),
  // Abandoned carts (docs/carts.md): changes within the window become one write; older carts are deleted.
  cartSync: z.boolean().default(true),
  cartSyncWindowMs: z.number().int().min(0).max(24 * 3_600_000).default(10_000),
  cartMaxAgeDays: z.number().int().min(1).max(365).default(30),
  cartRecoveryUrlTemplate: z.string().includes("{token}", { message: "must contain {token}" }).optional(),
})

export type CommerceOptions = z.infer<typeof commerceOptionsSchema> & {
  storeId: string
  audienceId: string
  salesChannels?: PluginOptions["salesChannels"]
}

/** Validates this module's options (and the core ones it needs); throws one error naming each bad option. */
export function parseCommerceOptions(raw: Record<string, unknown> = {}): CommerceOptions {
  // The core options are checked here too (this module needs the audience); Redis is the core module's business.
  const core = parsePluginOptions(raw, "redis://unused")
  const data = validateOptions(commerceOptionsSchema, {
    ...raw,
    ecommerce: raw.ecommerce ?? booleanFromEnv("MAILCHIMP_ECOMMERCE"),
    storeId: raw.storeId ?? fromEnv("MAILCHIMP_STORE_ID"),
    storefrontUrl: raw.storefrontUrl ?? fromEnv("MAILCHIMP_STOREFRONT_URL"),
    syncDelayMs: raw.syncDelayMs ?? numberFromEnv("MAILCHIMP_SYNC_DELAY_MS"),
    backfillBatchSize: raw.backfillBatchSize ?? numberFromEnv("MAILCHIMP_BACKFILL_BATCH_SIZE"),
    cartSync: raw.cartSync ?? booleanFromEnv("MAILCHIMP_CART_SYNC"),
    cartSyncWindowMs: raw.cartSyncWindowMs ?? numberFromEnv("MAILCHIMP_CART_SYNC_WINDOW_MS"),
    cartMaxAgeDays: raw.cartMaxAgeDays ?? numberFromEnv("MAILCHIMP_CART_MAX_AGE_DAYS"),
    cartRecoveryUrlTemplate: raw.cartRecoveryUrlTemplate ?? fromEnv("MAILCHIMP_CART_RECOVERY_URL"),
  })
  return {
    ...data,
    storeId: data.storeId ?? `medusa-${core.audienceId}`,
    audienceId: core.audienceId,
    salesChannels: core.salesChannels,
  }
}
