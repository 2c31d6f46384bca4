import { Module } from "@medusajs/framework/utils"
import MailchimpJourneysService from "./service"

export const MAILCHIMP_JOURNEYS_MODULE = "mailchimpJourneys"

export default Module(MAILCHIMP_JOURNEYS_MODULE, {
  service: MailchimpJourneysService,
})

export { MailchimpJourneysService }
