import { UnrecoverableError } from "bullmq"
import { MailchimpError } from "../../../mailchimp"
import type { CampaignContentBody, CampaignCreateBody } from "../../../mailchimp/campaign-types"
import type { JobPayload } from "../../../modules/mailchimp/queue-runtime/jobs"
import type { ProcessorContext } from "../context"
import { campaignsContext, CampaignsContext, problemOf, stateFromRemote } from "./context"

type LocalCampaign = Awaited<ReturnType<CampaignsContext["campaigns"]["retrieveMailchimpCampaign"]>>

/**
 * One admin action on a campaign, done in Mailchimp: save (create, or update settings and content),
 * test, schedule, unschedule, send, replicate. The row then holds Mailchimp's state, or Mailchimp's
 * words when it refused (a refusal is not retried; the admin route answers it).
 */
export async function campaignAction(payload: JobPayload<"campaign.action">, base: ProcessorContext) {
  const ctx = campaignsContext(base)
  const { campaigns, client } = ctx
  const campaign = await campaigns.retrieveMailchimpCampaign(payload.campaign_id)
  try {
    let remoteId = campaign.mailchimp_campaign_id
    switch (payload.action) {
      case "save":
        remoteId = await save(ctx, campaign)
        break
      case "replicate": {
        const sourceId = campaign.replicated_from
          ? (await campaigns.retrieveMailchimpCampaign(campaign.replicated_from)).mailchimp_campaign_id
          : null
        if (!sourceId) throw new UnrecoverableError("The campaign it copies is not in Mailchimp")
        if (!remoteId) {
          const copy = await client.campaigns.replicate(sourceId)
          remoteId = copy.id
          await campaigns.updateMailchimpCampaigns({ id: campaign.id, mailchimp_campaign_id: remoteId })
        }
        break
      }
      case "test": {
        const [test] = await campaigns.listCampaignTestSends({ id: payload.request_id }, { take: 1 })
        // Gone: already sent by an earlier run of this job, or erased before it was sent.
        if (!test) break
        await client.campaigns.sendTest(requireRemote(campaign), {
          test_emails: test.emails as string[],
          send_type: test.send_type ?? (campaign.content_type === "plain" ? "plaintext" : "html"),
        })
        await campaigns.deleteCampaignTestSends(test.id)
        break
      }
      case "schedule":
        await client.campaigns.schedule(requireRemote(campaign), { schedule_time: payload.schedule_time! })
        break
      case "unschedule":
        await client.campaigns.unschedule(requireRemote(campaign))
        break
      case "send":
        await client.campaigns.send(requireRemote(campaign))
        break
    }
    const remote = await client.campaigns.get(remoteId!)
    await campaigns.applyRemoteState(campaign.id, {
      ...stateFromRemote(remote),
      sync_status: "synced",
      last_action: payload.action,
      error: null,
    })
    return { campaign_id: campaign.id, mailchimp_campaign_id: remoteId, status: remote.status }
  } catch (e) {
    const refused = (e instanceof MailchimpError && !e.retryable) || e instanceof UnrecoverableError
    if (refused || ctx.isLastAttempt) {
      // The addresses of a test that will not be sent are kept no longer.
      if (payload.action === "test") await campaigns.deleteCampaignTestSends(payload.request_id)
      await campaigns.updateMailchimpCampaigns({
        id: campaign.id,
        // A refused action leaves the campaign as it was in Mailchimp; only a refused save leaves the row unsynced.
        ...(payload.action === "save" ? { sync_status: "failed" } : {}),
        last_action: payload.action,
        error: { action: payload.action, request_id: payload.request_id, refused, ...problemOf(e) },
      })
    }
    throw e
  }
}

function requireRemote(campaign: LocalCampaign): string {
  if (!campaign.mailchimp_campaign_id) throw new UnrecoverableError("The campaign is not in Mailchimp yet: save it first")
  return campaign.mailchimp_campaign_id
}

/** Creates the campaign in Mailchimp once, or updates its settings; then puts its content. Answers Mailchimp's id. */
async function save(ctx: CampaignsContext, campaign: LocalCampaign): Promise<string> {
  const { client, options, campaigns } = ctx
  const recipients: CampaignCreateBody["recipients"] = {
    // The campaign's audience; none stored (campaigns made before audiences per campaign): the plugin's.
    list_id: campaign.audience_id ?? options.audienceId,
    ...(campaign.mailchimp_segment_id != null ? { segment_opts: { saved_segment_id: Number(campaign.mailchimp_segment_id) } } : {}),
  }
  const settings = {
    subject_line: campaign.subject,
    from_name: campaign.from_name,
    reply_to: campaign.reply_to,
    ...(campaign.preview_text ? { preview_text: campaign.preview_text } : {}),
    ...(campaign.title ? { title: campaign.title } : {}),
  }
  let remoteId = campaign.mailchimp_campaign_id
  if (!remoteId) {
    const created = await client.campaigns.create({
      type: campaign.content_type === "plain" ? "plaintext" : "regular",
      recipients,
      settings,
    })
    remoteId = created.id
    // Recorded at once: a retry after a failed content call updates this campaign instead of making another.
    await campaigns.updateMailchimpCampaigns({ id: campaign.id, mailchimp_campaign_id: remoteId })
  } else {
    await client.campaigns.update(remoteId, { settings, recipients })
  }
  await client.campaigns.setContent(remoteId, contentOf(campaign))
  return remoteId
}

function contentOf(campaign: LocalCampaign): CampaignContentBody {
  switch (campaign.content_type) {
    case "template":
      return { template: { id: Number(campaign.template_id) } }
    case "plain":
      return { plain_text: campaign.plain_text ?? "" }
    default:
      return { html: campaign.html ?? "", ...(campaign.plain_text ? { plain_text: campaign.plain_text } : {}) }
  }
}
