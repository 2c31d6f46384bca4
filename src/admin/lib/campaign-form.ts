import type { Campaign, CampaignBody } from "./campaigns-api"

export const WHOLE_AUDIENCE = "__audience__"
export const KEEP_STATIC = "__static__"

export type CampaignFormValues = {
  title: string
  subject: string
  preview_text: string
  from_name: string
  reply_to: string
  target: string
  html: string
  /** A new campaign's audience, chosen when more than one is in use ("": the plugin's, or the segment's). */
  audience: string
}

export type CampaignFormErrors = Partial<Record<keyof CampaignFormValues | "form", string>>

export const EMPTY_CAMPAIGN: CampaignFormValues = {
  title: "",
  subject: "",
  preview_text: "",
  from_name: "",
  reply_to: "",
  target: WHOLE_AUDIENCE,
  html: "",
  audience: "",
}

export function campaignFormValues(c: Campaign): CampaignFormValues {
  return {
    title: c.title ?? "",
    subject: c.subject,
    preview_text: c.preview_text ?? "",
    from_name: c.from_name,
    reply_to: c.reply_to,
    target: c.segment_id ?? (c.mailchimp_segment_id != null ? KEEP_STATIC : WHOLE_AUDIENCE),
    html: c.html ?? "",
    audience: c.audience_id,
  }
}

// The same rule as the server's (zod's email), close enough to catch typing mistakes before sending.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/

export function isEmail(value: string): boolean {
  return EMAIL.test(value.trim())
}

/**
 * Checks the form; answers its errors, or the body to send: every field for a new campaign, only
 * what changed for an existing one (`original`).
 */
export function checkCampaignForm(
  v: CampaignFormValues,
  original?: Campaign
): { errors: CampaignFormErrors; body?: CampaignBody } {
  const errors: CampaignFormErrors = {}
  const subject = v.subject.trim()
  const fromName = v.from_name.trim()
  const replyTo = v.reply_to.trim()
  const title = v.title.trim()
  if (!subject) errors.subject = "Give the subject line"
  else if (subject.length > 150) errors.subject = "At most 150 characters"
  if (v.preview_text.length > 150) errors.preview_text = "At most 150 characters"
  if (!fromName) errors.from_name = "Give the sender's name"
  else if (fromName.length > 100) errors.from_name = "At most 100 characters"
  if (!replyTo) errors.reply_to = "Give the reply-to address"
  else if (!isEmail(replyTo)) errors.reply_to = "Not an email address"
  if (title.length > 100) errors.title = "At most 100 characters"
  const templated = original?.content_type === "template" || original?.content_type === "plain"
  if (!v.html.trim() && !templated) errors.html = "Give the HTML content of the email"
  if (Object.keys(errors).length) return { errors }

  const target: Pick<CampaignBody, "segment_id"> =
    v.target === KEEP_STATIC ? {} : { segment_id: v.target === WHOLE_AUDIENCE ? null : v.target }

  if (!original) {
    return {
      errors,
      body: {
        subject,
        from_name: fromName,
        reply_to: replyTo,
        html: v.html,
        ...(title ? { title } : {}),
        ...(v.preview_text ? { preview_text: v.preview_text } : {}),
        ...(target.segment_id ? target : {}),
        ...(v.audience ? { audience_id: v.audience } : {}),
      },
    }
  }

  const body: CampaignBody = {}
  if (subject !== original.subject) body.subject = subject
  if (fromName !== original.from_name) body.from_name = fromName
  if (replyTo !== original.reply_to) body.reply_to = replyTo
  if (title !== (original.title ?? "")) body.title = title || null
  if (v.preview_text !== (original.preview_text ?? "")) body.preview_text = v.preview_text || null
  if (v.html.trim() && v.html !== (original.html ?? "")) body.html = v.html
  const before = original.segment_id ?? (original.mailchimp_segment_id != null ? KEEP_STATIC : WHOLE_AUDIENCE)
  if (v.target !== before && v.target !== KEEP_STATIC) body.segment_id = target.segment_id ?? null
  if (!Object.keys(body).length) return { errors: { form: "Nothing changed" } }
  return { errors, body }
}

/** A server message about one field goes beside it; anything else above the form. */
export function campaignServerErrors(message: string): CampaignFormErrors {
  const fields: (keyof CampaignFormValues)[] = ["subject", "preview_text", "from_name", "reply_to", "title", "html"]
  const field = fields.find((f) => new RegExp(`\\b${f}\\b`).test(message))
  if (/segment/i.test(message)) return { target: message, form: message }
  return field ? { [field]: message, form: message } : { form: message }
}
