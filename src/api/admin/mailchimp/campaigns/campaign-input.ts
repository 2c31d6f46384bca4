import { MedusaError } from "@medusajs/framework/utils"
import type { IMailchimpCampaignsService } from "../../../../types/mailchimp-campaigns-module"
import type { AdminCreateCampaignType, AdminUpdateCampaignType } from "./validators"

type Input = AdminCreateCampaignType | AdminUpdateCampaignType

/** The row's fields for a validated body: the content type from the content given, the segment's Mailchimp id. */
export async function campaignFields(campaigns: IMailchimpCampaignsService, body: Input): Promise<Record<string, unknown>> {
  const { html, plain_text, template_id, segment_id, mailchimp_segment_id, ...settings } = body
  const fields: Record<string, unknown> = { ...settings }
  if (html != null || plain_text != null || template_id != null) {
    fields.content_type = template_id != null ? "template" : html != null ? "html" : "plain"
    fields.html = html ?? null
    fields.plain_text = plain_text ?? null
    fields.template_id = template_id ?? null
  }
  if (segment_id !== undefined || mailchimp_segment_id !== undefined) {
    fields.segment_id = segment_id ?? null
    fields.mailchimp_segment_id = mailchimp_segment_id ?? null
    if (segment_id) {
      const remote = await campaigns.segmentMailchimpId(segment_id)
      if (remote === undefined) throw new MedusaError(MedusaError.Types.INVALID_DATA, `No segment ${segment_id}`)
      if (remote === null) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `The segment ${segment_id} is not in Mailchimp yet: sync it first`)
      }
      fields.mailchimp_segment_id = remote
    }
  }
  return fields
}
