import { z } from "@medusajs/framework/zod"

const fields = {
  title: z.string().min(1).max(100),
  subject: z.string().trim().min(1).max(150),
  preview_text: z.string().max(150),
  from_name: z.string().trim().min(1).max(100),
  reply_to: z.email(),
  // One of the audiences the plugin uses (checked by requireAudienceInUse); absent: the segment's or the plugin's.
  audience_id: z.string().trim().min(1).max(100),
  // The segments module's segment (its Mailchimp static segment is used), or a static segment id.
  segment_id: z.string().min(1),
  mailchimp_segment_id: z.number().int().positive(),
  html: z.string().min(1).max(1_000_000),
  plain_text: z.string().min(1).max(1_000_000),
  template_id: z.number().int().positive(),
}

type Content = { html?: string | null; plain_text?: string | null; template_id?: number | null }

/** Mailchimp takes html (plain text may go with it), plain text alone, or a template: one of them. */
function checkContent(value: Content & { segment_id?: string | null; mailchimp_segment_id?: number | null }, ctx: z.RefinementCtx, required: boolean) {
  const given = [value.html, value.plain_text, value.template_id].some((v) => v != null)
  if (!given) {
    if (required) ctx.addIssue({ code: "custom", path: ["html"], message: "Give the content: html, plain_text or template_id" })
  } else if (value.template_id != null && (value.html != null || value.plain_text != null)) {
    ctx.addIssue({ code: "custom", path: ["template_id"], message: "A template campaign takes template_id alone, not html or plain_text" })
  }
  if (value.segment_id != null && value.mailchimp_segment_id != null) {
    ctx.addIssue({ code: "custom", path: ["segment_id"], message: "Give segment_id or mailchimp_segment_id, not both" })
  }
}

export const AdminCreateCampaign = z
  .object({
    title: fields.title.optional(),
    subject: fields.subject,
    preview_text: fields.preview_text.optional(),
    from_name: fields.from_name,
    reply_to: fields.reply_to,
    audience_id: fields.audience_id.optional(),
    segment_id: fields.segment_id.optional(),
    mailchimp_segment_id: fields.mailchimp_segment_id.optional(),
    html: fields.html.optional(),
    plain_text: fields.plain_text.optional(),
    template_id: fields.template_id.optional(),
  })
  .strict()
  .superRefine((v, ctx) => checkContent(v, ctx, true))

export type AdminCreateCampaignType = z.infer<typeof AdminCreateCampaign>

/** Any of the fields; content given replaces the content; a null segment aims the campaign at the whole audience. */
export const AdminUpdateCampaign = z
  .object({
    title: fields.title.nullable().optional(),
    subject: fields.subject.optional(),
    preview_text: fields.preview_text.nullable().optional(),
    from_name: fields.from_name.optional(),
    reply_to: fields.reply_to.optional(),
    audience_id: fields.audience_id.optional(),
    segment_id: fields.segment_id.nullable().optional(),
    mailchimp_segment_id: fields.mailchimp_segment_id.nullable().optional(),
    html: fields.html.optional(),
    plain_text: fields.plain_text.optional(),
    template_id: fields.template_id.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!Object.keys(v).length) ctx.addIssue({ code: "custom", path: [], message: "Give at least one field to change" })
    checkContent(v, ctx, false)
  })

export type AdminUpdateCampaignType = z.infer<typeof AdminUpdateCampaign>

export const AdminListCampaigns = z
  .object({
    status: z.enum(["save", "paused", "schedule", "sending", "sent", "canceled"]).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()

export type AdminListCampaignsType = z.infer<typeof AdminListCampaigns>

/** For the actions that take no input (unschedule, send, replicate): anything given is a mistake. */
export const AdminCampaignNoBody = z.object({}).strict()
