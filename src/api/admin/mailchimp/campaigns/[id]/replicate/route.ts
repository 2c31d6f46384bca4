import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { campaignsOf, requireCampaign, runCampaignAction } from "../../run-campaign-action"

/** Copies a campaign (Mailchimp's replicate): a new draft with the same settings, target and content. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const source = await requireCampaign(req, req.params.id)
  if (!source.mailchimp_campaign_id) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "The campaign is not in Mailchimp yet: save it first")
  }
  const copy = await campaignsOf(req).createMailchimpCampaigns({
    // Mailchimp's copy goes to the same audience.
    audience_id: source.audience_id,
    segment_id: source.segment_id,
    mailchimp_segment_id: source.mailchimp_segment_id,
    subject: source.subject,
    preview_text: source.preview_text,
    from_name: source.from_name,
    reply_to: source.reply_to,
    title: source.title,
    content_type: source.content_type,
    html: source.html,
    plain_text: source.plain_text,
    template_id: source.template_id,
    replicated_from: source.id,
  })
  await runCampaignAction(req, res, copy.id, "replicate", {}, 201)
}
