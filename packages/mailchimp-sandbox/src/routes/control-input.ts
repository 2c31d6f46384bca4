import { z } from "zod"
import { errors } from "../problems"

/** Reads a /_sandbox body with a zod schema; a mistake answers 400 naming the field. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value ?? {})
  if (!result.success) {
    throw errors.invalidResource(
      result.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })),
      "The sandbox control request is not valid. For field-specific details, see the 'errors' array."
    )
  }
  return result.data
}

const count = z.number().int().min(0)

export const faultsInput = z.strictObject({
  latency_ms: count.optional(),
  error_rate: z.number().min(0).max(1).optional(),
  error_status: z.number().int().min(400).max(599).optional(),
  burst_429: count.optional(),
  burst_500: count.optional(),
  bodyless_403: count.optional(),
  anti_abuse: count.optional(),
})

export const createListInput = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{10}$/, "a list id is 10 hex characters").optional(),
  name: z.string().min(1).optional(),
  double_optin: z.boolean().optional(),
})

export const patchListInput = z.strictObject({
  name: z.string().min(1).optional(),
  double_optin: z.boolean().optional(),
})

export const patchWebhookInput = z.strictObject({
  disabled: z.boolean().optional(),
})

const source = z.enum(["user", "admin", "api"])

export const unsubscribeInput = z.strictObject({
  reason: z.enum(["manual", "abuse"]).optional(),
  campaign_id: z.string().optional(),
  action: z.enum(["unsub", "delete"]).optional(),
  source: source.optional(),
})

export const cleanInput = z.strictObject({
  reason: z.enum(["hard", "abuse"]).optional(),
  campaign_id: z.string().optional(),
  source: source.optional(),
})

export const profileInput = z.strictObject({
  merges: z.record(z.string(), z.unknown()).optional(),
  interests: z.record(z.string(), z.boolean()).optional(),
  marketing_permissions: z.record(z.string(), z.boolean()).optional(),
  email_type: z.enum(["html", "text"]).optional(),
  source: source.optional(),
})

export const upemailInput = z.strictObject({
  new_email: z.string(),
  source: source.optional(),
})

export const subscribeInput = z.strictObject({
  merges: z.record(z.string(), z.unknown()).optional(),
  email_type: z.enum(["html", "text"]).optional(),
  ip_signup: z.string().optional(),
  ip_opt: z.string().optional(),
  source: source.optional(),
})

export const campaignInput = z.strictObject({
  list_id: z.string().optional(),
  subject: z.string().optional(),
  status: z.string().optional(),
  reason: z.string().optional(),
})

/** The audience's GDPR fields by their text (Mailchimp's app makes them; the API cannot). */
export const marketingPermissionsInput = z.strictObject({
  texts: z.array(z.string().min(1)).max(10),
})
