import { z } from "@medusajs/framework/zod"

export const QUARTER_HOUR_MESSAGE = "Mailchimp accepts quarter-hour times only (:00, :15, :30 or :45, no seconds)"

/** Whether a time falls on a quarter hour (UTC minutes; every time zone's offset is a multiple of 15 minutes). */
export function isQuarterHour(value: string): boolean {
  const t = new Date(value)
  return t.getUTCMinutes() % 15 === 0 && t.getUTCSeconds() === 0 && t.getUTCMilliseconds() === 0
}

/** A time on a quarter hour; any other is refused, never rounded. */
export const AdminScheduleCampaign = z
  .object({ schedule_time: z.iso.datetime({ offset: true }) })
  .strict()
  .superRefine((v, ctx) => {
    if (!isQuarterHour(v.schedule_time)) {
      ctx.addIssue({
        code: "custom",
        path: ["schedule_time"],
        message: `${QUARTER_HOUR_MESSAGE}: ${v.schedule_time} is not one; pick a quarter hour yourself, it is not rounded`,
      })
    }
  })

export type AdminScheduleCampaignType = z.infer<typeof AdminScheduleCampaign>
