import { Module } from "@medusajs/framework/utils"
import MailchimpModuleService from "./service"
import validateOptionsLoader from "./loaders/validate-options"

export const MAILCHIMP_MODULE = "mailchimp"

export default Module(MAILCHIMP_MODULE, {
  service: MailchimpModuleService,
  loaders: [validateOptionsLoader],
})

export { MailchimpModuleService }
