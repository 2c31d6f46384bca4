import { z } from "zod"

const csv = z.union([z.array(z.string().min(1)), z.string().transform((s) => s.split(",").map((t) => t.trim()).filter(Boolean))])

const mergeTag = z.string().regex(/^[A-Z0-9_]{1,10}$/, "a merge tag: A-Z, 0-9, _; at most 10 characters")

/** The audience's merge tags for the fields the store fills in. */
export const mergeFieldNamesSchema = z.object({
  first_name: mergeTag.default("FNAME"),
  last_name: mergeTag.default("LNAME"),
  phone: mergeTag.default("PHONE"),
  address: mergeTag.default("ADDRESS"),
})

export type MergeFieldNames = z.infer<typeof mergeFieldNamesSchema>

export const pluginOptionsSchema = z.object({
  apiKey: z.string().min(1, "apiKey is required (or set MAILCHIMP_API_KEY)"),
  audienceId: z.string().min(1, "audienceId is required (or set MAILCHIMP_AUDIENCE_ID)"),
  apiUrl: z.url().optional(),
  doubleOptIn: z.union([z.literal("audience"), z.boolean()]).default("audience"),
  tags: csv.default([]),
  redisUrl: z.string({ error: "redisUrl is required (or set projectConfig.redisUrl or REDIS_URL)" }).min(1),
  queuePrefix: z.string().min(1).default("{mailchimp}"),
  checkoutLabel: z.string().min(1).max(500).default("Email me news and offers"),
  mergeFields: mergeFieldNamesSchema.default({ first_name: "FNAME", last_name: "LNAME", phone: "PHONE", address: "ADDRESS" }),
  signupLabel: z.string().min(1).max(500).default("Subscribe to our newsletter"),
  accountLabel: z.string().min(1).max(500).default("Email me news and offers"),
  reconcileAfterSeconds: z.number().int().min(0).default(60),
  webhookSecret: z.string().min(16, "webhookSecret must have at least 16 characters").optional(),
  webhookBaseUrl: z.url().optional(),
  applyProfileToCustomer: z.boolean().default(false),
  maxConcurrentCalls: z.number().int().min(1).max(10).default(10),
  maxAttempts: z.number().int().min(1).max(50).default(10),
  retryBaseDelayMs: z.number().int().min(1).default(1_000),
  retryMaxDelayMs: z.number().int().min(1).default(60_000),
  // Erasure: how the member leaves Mailchimp, and what the store keeps to prove it.
  erasure: z.enum(["archive", "delete-permanent"]).default("archive"),
  erasureRecord: z.enum(["none", "hashed"]).default("hashed"),
  groupTagPrefix: z.string().max(80).default("group:"),
  // Customer changes within this window reach Mailchimp as one call.
  customerSyncDelayMs: z.number().int().min(0).max(600_000).default(2_000),
})

export type PluginOptions = z.infer<typeof pluginOptionsSchema>
export type PluginOptionsInput = z.input<typeof pluginOptionsSchema>

export function fromEnv(name: string): string | undefined {
  const value = process.env[name]
  return value === undefined || value === "" ? undefined : value
}

export function numberFromEnv(name: string): number | undefined {
  const value = fromEnv(name)
  return value === undefined ? undefined : Number(value)
}

export function booleanFromEnv(name: string): boolean | string | undefined {
  const value = fromEnv(name)
  return value === "true" ? true : value === "false" ? false : value
}

/** Validates options against a schema; throws one error naming every bad option (never a value). */
export function validateOptions<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input)
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `${issue.path.join(".") || "(options)"}: ${issue.message}`)
      .join("; ")
    throw new Error(`medusa-mailchimp: invalid plugin options: ${problems}`)
  }
  return result.data
}

function parseDoubleOptIn(value: unknown): unknown {
  if (value === "true") return true
  if (value === "false") return false
  return value
}

/**
 * Merges the options given in medusa-config with their environment fallbacks and validates them.
 * Throws one error naming every bad option; the API key's value is never part of it.
 */
export function parsePluginOptions(raw: Record<string, unknown> = {}, fallbackRedisUrl?: string): PluginOptions {
  const merged = {
    ...raw,
    apiKey: raw.apiKey ?? fromEnv("MAILCHIMP_API_KEY"),
    audienceId: raw.audienceId ?? fromEnv("MAILCHIMP_AUDIENCE_ID"),
    apiUrl: raw.apiUrl ?? fromEnv("MAILCHIMP_API_URL"),
    doubleOptIn: parseDoubleOptIn(raw.doubleOptIn ?? fromEnv("MAILCHIMP_DOUBLE_OPT_IN")),
    redisUrl: raw.redisUrl ?? fallbackRedisUrl ?? fromEnv("REDIS_URL"),
    webhookSecret: raw.webhookSecret ?? fromEnv("MAILCHIMP_WEBHOOK_SECRET"),
    webhookBaseUrl: raw.webhookBaseUrl ?? fromEnv("MAILCHIMP_WEBHOOK_BASE_URL"),
  }
  return validateOptions(pluginOptionsSchema, merged)
}
