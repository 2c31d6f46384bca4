import { MedusaError } from "@medusajs/framework/utils"
import type { IMailchimpCampaignsService } from "../../../../types/mailchimp-campaigns-module"
import type { AdminCreateCampaignType, AdminUpdateCampaignType } from "./validators"

type Input = AdminCreateCampaignType | AdminUpdateCampaignType

/** What the fields of a change depend on: the plugin's audience and, for an update, the campaign as it is. */
type Target = {
  pluginAudienceId: string
  current?: { audience_id: string | null; segment_id: string | null; mailchimp_segment_id: number | null }
}

const invalid = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, message)

/**
 * The row's fields for a validated body: the content type from the content given, the segment's Mailchimp id, the
 * audience. A campaign goes to one audience (`audience_id`, null: the plugin's) or one of its segments: aimed at a
 * segment without an audience given, it takes the segment's; a segment of another audience than the one given is
 * refused, and so is moving a campaign aimed at a segment to another audience without a new segment.
 */
export async function campaignFields(campaigns: IMailchimpCampaignsService, body: Input, target: Target): Promise<Record<string, unknown>> {
  const { html, plain_text, template_id, segment_id, mailchimp_segment_id, audience_id, ...settings } = body
  const fields: Record<string, unknown> = { ...settings }
  const audienceOf = (id: string | null | undefined) => id ?? target.pluginAudienceId
  if (html != null || plain_text != null || template_id != null) {
    fields.content_type = template_id != null ? "template" : html != null ? "html" : "plain"
    fields.html = html ?? null
    fields.plain_text = plain_text ?? null
    fields.template_id = template_id ?? null
  }
  if (audience_id !== undefined) fields.audience_id = audience_id
  if (segment_id !== undefined || mailchimp_segment_id !== undefined) {
    fields.segment_id = segment_id ?? null
    fields.mailchimp_segment_id = mailchimp_segment_id ?? null
    if (segment_id) {
      const segment = await campaigns.segmentTarget(segment_id)
      if (segment === undefined) throw invalid(`segment_id: no segment ${segment_id}`)
      if (audience_id === undefined) fields.audience_id = segment.audience_id
      else if (audienceOf(segment.audience_id) !== audience_id) {
        throw invalid(`segment_id: the segment ${segment_id} is in audience ${audienceOf(segment.audience_id)}, not in ${audience_id}`)
      }
      if (segment.mailchimp_segment_id === null) throw invalid(`segment_id: the segment ${segment_id} is not in Mailchimp yet: sync it first`)
      fields.mailchimp_segment_id = segment.mailchimp_segment_id
    }
  } else if (audience_id !== undefined && target.current) {
    const { current } = target
    if ((current.segment_id || current.mailchimp_segment_id != null) && audienceOf(current.audience_id) !== audience_id) {
      throw invalid(
        `segment_id: the campaign is aimed at a segment of audience ${audienceOf(current.audience_id)}: give segment_id (or null) with the new audience_id`
      )
    }
  }
  return fields
}
