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

/** What a signup guard answers: allow, or refuse with a reason the shopper may see. */
export type SignupGuardAnswer = boolean | { allowed: true } | { allowed: false; reason?: string }
/** Called with the request before an anonymous signup is recorded (a CAPTCHA check, a block list). */
export type SignupGuard = (req: unknown) => SignupGuardAnswer | Promise<SignupGuardAnswer>

/** How many anonymous signups are taken, per client IP and per address, in a window (0: no limit). */
export const signupLimitsSchema = z.object({
  perIp: z.number().int().min(0).default(5),
  ipWindowSeconds: z.number().int().min(1).default(600),
  perAddress: z.number().int().min(0).default(3),
  addressWindowSeconds: z.number().int().min(1).default(86_400),
})

/** One Medusa sales channel's Mailchimp e-commerce store (docs/sales-channels.md). */
export const channelStoreSchema = z.object({
  storeId: z.string().min(1).max(50),
  name: z.string().min(1).max(100),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, "an ISO 4217 currency code: three letters")
    .transform((c) => c.toUpperCase()),
  storefrontUrl: z.url().optional(),
  // The audience the store belongs to; default: the plugin's audienceId.
  audienceId: z.string().min(1).optional(),
})

/** Medusa sales channel id → its Mailchimp store. Absent: one store for the whole Medusa store (storeId). */
export const salesChannelsSchema = z.record(z.string().min(1), channelStoreSchema)

export type ChannelStore = z.infer<typeof channelStoreSchema>

/** A storefront URL's domain as Mailchimp's store `domain` holds it: the host, lowercased. */
export function storefrontDomain(url: string | undefined): string | undefined {
  return url ? new URL(url).host.toLowerCase() : undefined
}

/**
 * The rules Mailchimp puts on the mapping, checked before anything is sent: a store's domain is unique within the
 * account (channels sharing a storefront domain must share one store), and a store's audience never changes (one
 * store id, one audience; the channels sharing a store share its name and currency too). Answers the problems.
 */
export function salesChannelProblems(
  channels: Record<string, ChannelStore>,
  defaultAudienceId: string,
  // How a problem names its channel and field: the option's names, or (the admin's route) the request's.
  fieldName: (channelId: string, field: keyof ChannelStore) => string = (channelId, field) => `salesChannels.${channelId}.${field}`
): string[] {
  const problems: string[] = []
  const byStore = new Map<string, [string, ChannelStore]>()
  const byDomain = new Map<string, [string, string]>()
  for (const [channelId, store] of Object.entries(channels)) {
    const at = (field: keyof ChannelStore) => fieldName(channelId, field)
    const domain = storefrontDomain(store.storefrontUrl)
    if (domain) {
      const other = byDomain.get(domain)
      if (other && other[1] !== store.storeId) {
        problems.push(`${at("storefrontUrl")}: the domain ${domain} is also channel ${other[0]}'s (store ${other[1]}); Mailchimp takes a domain once per account, so channels sharing a domain must share one storeId`)
      } else if (!other) byDomain.set(domain, [channelId, store.storeId])
    }
    const first = byStore.get(store.storeId)
    if (!first) {
      byStore.set(store.storeId, [channelId, store])
      continue
    }
    const [otherId, other] = first
    if ((other.audienceId ?? defaultAudienceId) !== (store.audienceId ?? defaultAudienceId)) {
      problems.push(`${at("audienceId")}: store ${store.storeId} is also channel ${otherId}'s with another audience; a Mailchimp store belongs to one audience for good: give this channel a storeId of its own`)
    }
    if (other.currency !== store.currency) problems.push(`${at("currency")}: store ${store.storeId} is also channel ${otherId}'s in ${other.currency}; one store has one currency`)
    if (other.name !== store.name) problems.push(`${at("name")}: store ${store.storeId} is also channel ${otherId}'s, named ${JSON.stringify(other.name)}; one store has one name`)
    if (storefrontDomain(other.storefrontUrl) !== domain) problems.push(`${at("storefrontUrl")}: store ${store.storeId} is also channel ${otherId}'s with another domain; one store has one domain`)
  }
  return problems
}

/**
 * The audiences the plugin uses: its own `audienceId` first, then those the sales channels' stores name (each once).
 * Segments and campaigns may be on any of them (docs/sales-channels.md).
 */
export function audiencesInUse(options: { audienceId: string; salesChannels?: Record<string, ChannelStore> }): string[] {
  const ids = [options.audienceId]
  for (const store of Object.values(options.salesChannels ?? {})) if (store.audienceId) ids.push(store.audienceId)
  return [...new Set(ids)]
}

/** Mailchimp's own API hosts: `<dc>.api.mailchimp.com`. */
export const MAILCHIMP_API_HOST = /^[a-z]+[0-9]+\.api\.mailchimp\.com$/

export const pluginOptionsSchema = z.object({
  apiKey: z.string().min(1, "apiKey is required (or set MAILCHIMP_API_KEY)"),
  audienceId: z.string().min(1, "audienceId is required (or set MAILCHIMP_AUDIENCE_ID)"),
  apiUrl: z.url().optional(),
  doubleOptIn: z.union([z.literal("audience"), z.boolean()]).default("audience"),
  tags: csv.default([]),
  // Interest categories (ids) of the audience a shopper may choose from with an opt-in; none by default.
  interestCategories: csv.default([]),
  // Sales channels, each to a Mailchimp store of its own (docs/sales-channels.md); absent: one store for everything.
  salesChannels: salesChannelsSchema.optional(),
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
  // In production apiUrl must be https on a Mailchimp API host (the key travels with every call), unless this says otherwise.
  allowCustomApiUrl: z.boolean().default(false),
  // The key that seals the checkout choice the plugin writes into cart metadata (default: derived from Medusa's cookieSecret).
  evidenceSecret: z.string().min(32, "evidenceSecret must have at least 32 characters").optional(),
  // Proxies in front of the store that append to X-Forwarded-For; the client's IP is the entry this many from the right.
  trustedProxyHops: z.number().int().min(0).max(10).default(1),
  // Anonymous signups (POST /store/newsletter) become pending members: Mailchimp asks the address's owner to confirm.
  confirmSignups: z.boolean().default(true),
  signupLimits: signupLimitsSchema.default({ perIp: 5, ipWindowSeconds: 600, perAddress: 3, addressWindowSeconds: 86_400 }),
  signupGuard: z.custom<SignupGuard>((v) => typeof v === "function", "signupGuard must be a function").optional(),
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

/** In production the API key goes to Mailchimp over https only, unless allowCustomApiUrl says otherwise. */
export function checkApiUrl(options: Pick<PluginOptions, "apiUrl" | "allowCustomApiUrl">, nodeEnv = process.env.NODE_ENV): void {
  if (!options.apiUrl || options.allowCustomApiUrl || nodeEnv !== "production") return
  const url = new URL(options.apiUrl)
  if (url.protocol !== "https:" || !MAILCHIMP_API_HOST.test(url.hostname) || url.username || url.password) {
    throw new Error(
      "medusa-mailchimp: invalid plugin options: apiUrl: in production it must be https://<dc>.api.mailchimp.com/3.0 " +
        "(the API key travels with every call); set allowCustomApiUrl: true (or MAILCHIMP_ALLOW_CUSTOM_API_URL=true) to send calls elsewhere"
    )
  }
}

/** Whether files Mailchimp links to (batch results) may be fetched over plain http: only where apiUrl may be. */
export function allowsPlainHttp(options: Pick<PluginOptions, "allowCustomApiUrl">, nodeEnv = process.env.NODE_ENV): boolean {
  return options.allowCustomApiUrl || nodeEnv !== "production"
}

// MAILCHIMP_SIGNUP_LIMIT_PER_IP / _PER_ADDRESS: the counts alone (the demo and tests raise or lift them).
function signupLimitsFromEnv(given: unknown): unknown {
  const perIp = numberFromEnv("MAILCHIMP_SIGNUP_LIMIT_PER_IP")
  const perAddress = numberFromEnv("MAILCHIMP_SIGNUP_LIMIT_PER_ADDRESS")
  if (given !== undefined || (perIp === undefined && perAddress === undefined)) return given
  return { ...(perIp !== undefined ? { perIp } : {}), ...(perAddress !== undefined ? { perAddress } : {}) }
}

/** A JSON value from the environment; text that is not JSON is handed on as it is (the schema then names it). */
function jsonFromEnv(name: string): unknown {
  const value = fromEnv(name)
  if (value === undefined) return undefined
  try {
    return JSON.parse(value)
  } catch {
    return value
  }
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
    allowCustomApiUrl: raw.allowCustomApiUrl ?? booleanFromEnv("MAILCHIMP_ALLOW_CUSTOM_API_URL"),
    evidenceSecret: raw.evidenceSecret ?? fromEnv("MAILCHIMP_EVIDENCE_SECRET"),
    trustedProxyHops: raw.trustedProxyHops ?? numberFromEnv("MAILCHIMP_TRUSTED_PROXY_HOPS"),
    confirmSignups: raw.confirmSignups ?? booleanFromEnv("MAILCHIMP_CONFIRM_SIGNUPS"),
    signupLimits: signupLimitsFromEnv(raw.signupLimits),
    salesChannels: raw.salesChannels ?? jsonFromEnv("MAILCHIMP_SALES_CHANNELS"),
  }
  const options = validateOptions(pluginOptionsSchema, merged)
  const channelProblems = options.salesChannels ? salesChannelProblems(options.salesChannels, options.audienceId) : []
  if (channelProblems.length) throw new Error(`medusa-mailchimp: invalid plugin options: ${channelProblems.join("; ")}`)
  checkApiUrl(options)
  return options
}
