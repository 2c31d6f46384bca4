import { model } from "@medusajs/framework/utils"

/**
 * The addresses of one "send a test" request, kept here until the job has sent it: a job payload
 * carries only the request's id, never an address (the queue's Redis holds no personal data).
 * The row is deleted once Mailchimp took the test, or refused it.
 */
export const CampaignTestSend = model.define({ name: "CampaignTestSend", tableName: "mailchimp_campaign_test_send" }, {
  // The request id the admin route made (req_…), also the job's request_id.
  id: model.id({ prefix: "req" }).primaryKey(),
  campaign_id: model.text(),
  emails: model.array(),
  send_type: model.enum(["html", "plaintext"]).nullable(),
})
