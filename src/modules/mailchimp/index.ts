import { Module } from "@medusajs/framework/utils"
import MailchimpModuleService from "./service"
import validateOptionsLoader from "./loaders/validate-options"
import connectionsLoader from "./loaders/connections"

export const MAILCHIMP_MODULE = "mailchimp"

export default Module(MAILCHIMP_MODULE, {
  service: MailchimpModuleService,
  loaders: [validateOptionsLoader, connectionsLoader],
})

export { MailchimpModuleService }
