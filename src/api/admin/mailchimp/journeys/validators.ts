import { z } from "@medusajs/framework/zod"
import { JOURNEY_EVENT_NAMES } from "../../../../modules/mailchimp-journeys/catalogue"

// Medusa's 400 shows a custom message without its path, so each message names its field.
/** The merchant's Customer Journey events: which are on, the n-th order, the spending threshold, the site script. */
export const AdminUpdateJourneySettings = z
  .object({
    events: z
      .record(z.string(), z.boolean())
      .refine((e) => Object.keys(e).every((k) => (JOURNEY_EVENT_NAMES as string[]).includes(k)), {
        message: `events: unknown event (one of ${JOURNEY_EVENT_NAMES.join(", ")})`,
      })
      .optional(),
    nth_order: z.number().int("nth_order: a whole number").min(2, "nth_order: at least 2").max(1000, "nth_order: at most 1000").optional(),
    spent_over: z.number().int("spent_over: a whole amount").min(1, "spent_over: at least 1").max(100_000_000, "spent_over: too large").optional(),
    site_script: z.boolean().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, "nothing to change")

export type AdminUpdateJourneySettingsType = z.infer<typeof AdminUpdateJourneySettings>
