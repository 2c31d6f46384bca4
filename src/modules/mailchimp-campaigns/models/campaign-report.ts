import { model } from "@medusajs/framework/utils"

/** A campaign's figures as Mailchimp's report gives them, pulled by the reports job. */
export const CampaignReport = model
  .define({ name: "CampaignReport", tableName: "mailchimp_campaign_report" }, {
    id: model.id({ prefix: "mccr" }).primaryKey(),
    campaign_id: model.text(),
    mailchimp_campaign_id: model.text(),
    emails_sent: model.number().default(0),
    opens: model.number().default(0),
    unique_opens: model.number().default(0),
    open_rate: model.float().default(0),
    clicks: model.number().default(0),
    unique_clicks: model.number().default(0),
    click_rate: model.float().default(0),
    hard_bounces: model.number().default(0),
    soft_bounces: model.number().default(0),
    unsubscribed: model.number().default(0),
    abuse_reports: model.number().default(0),
    pulled_at: model.dateTime().nullable(),
    last_activity_pulled_at: model.dateTime().nullable(),
  })
  .indexes([{ on: ["campaign_id"], unique: true, where: "deleted_at IS NULL" }])
