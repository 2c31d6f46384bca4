import { model } from "@medusajs/framework/utils"
// The model is "MailchimpCampaign": the name "Campaign" (query alias "campaign") belongs to the promotion module.

/**
 * A campaign as the store knows it: what the merchant asked for, and the state Mailchimp reports
 * (`status` follows Mailchimp through the campaign webhook and a poll). `sync_status` is the state
 * of the store's own writes to Mailchimp (queued, synced, failed with Mailchimp's words in `error`).
 */
export const MailchimpCampaign = model
  .define({ name: "MailchimpCampaign", tableName: "mailchimp_campaign" }, {
    id: model.id({ prefix: "mccp" }).primaryKey(),
    mailchimp_campaign_id: model.text().nullable(),
    // The audience it is sent to (null: the plugin's audienceId, as for campaigns made before audiences per campaign).
    audience_id: model.text().nullable(),
    // The segments module's segment (null: the whole audience), and its Mailchimp static segment id.
    segment_id: model.text().nullable(),
    mailchimp_segment_id: model.number().nullable(),
    subject: model.text(),
    preview_text: model.text().nullable(),
    from_name: model.text(),
    reply_to: model.text(),
    title: model.text().nullable(),
    content_type: model.enum(["html", "plain", "template"]).default("html"),
    html: model.text().nullable(),
    plain_text: model.text().nullable(),
    template_id: model.number().nullable(),
    status: model.enum(["save", "paused", "schedule", "sending", "sent", "canceled"]).default("save"),
    scheduled_at: model.dateTime().nullable(),
    sent_at: model.dateTime().nullable(),
    emails_sent: model.number().nullable(),
    sync_status: model.enum(["pending", "synced", "failed"]).default("pending"),
    // The last action asked of Mailchimp (create, update, test, schedule, …) and when.
    last_action: model.text().nullable(),
    error: model.json().nullable(),
    replicated_from: model.text().nullable(),
  })
  .indexes([
    { on: ["mailchimp_campaign_id"], unique: true, where: "deleted_at IS NULL AND mailchimp_campaign_id IS NOT NULL" },
    { on: ["status", "sent_at"] },
  ])
