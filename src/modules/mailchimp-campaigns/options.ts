import { z } from "zod"
import { numberFromEnv, parsePluginOptions, validateOptions } from "../../options"

/** The options this module reads, beside the core ones; unknown keys are left to the other modules. */
export const campaignOptionsSchema = z.object({
  // Campaigns sent within this many days have their report and activity pulled.
  reportsDays: z.number().int().min(1).max(365).default(30),
  // Orders by recipients within this many days after the send count as attributed (shown apart).
  attributionDays: z.number().int().min(1).max(90).default(5),
})

export type CampaignOptions = z.infer<typeof campaignOptionsSchema> & { audienceId: string }

/** Validates this module's options; throws one error naming each bad option. */
export function parseCampaignOptions(raw: Record<string, unknown> = {}): CampaignOptions {
  const core = parsePluginOptions(raw, "redis://unused")
  const data = validateOptions(campaignOptionsSchema, {
    ...raw,
    reportsDays: raw.reportsDays ?? numberFromEnv("MAILCHIMP_REPORTS_DAYS"),
    attributionDays: raw.attributionDays ?? numberFromEnv("MAILCHIMP_ATTRIBUTION_DAYS"),
  })
  return { ...data, audienceId: core.audienceId }
}
