import { Module } from "@medusajs/framework/utils"
import MailchimpSegmentsService from "./service"

export const MAILCHIMP_SEGMENTS_MODULE = "mailchimpSegments"

export default Module(MAILCHIMP_SEGMENTS_MODULE, {
  service: MailchimpSegmentsService,
})

export { MailchimpSegmentsService }
