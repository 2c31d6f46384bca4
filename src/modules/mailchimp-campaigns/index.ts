import { Module } from "@medusajs/framework/utils"
import MailchimpCampaignsService from "./service"
import validateCampaignOptionsLoader from "./loaders/validate-options"

export const MAILCHIMP_CAMPAIGNS_MODULE = "mailchimpCampaigns"

export default Module(MAILCHIMP_CAMPAIGNS_MODULE, {
  service: MailchimpCampaignsService,
  loaders: [validateCampaignOptionsLoader],
})

export { MailchimpCampaignsService }
