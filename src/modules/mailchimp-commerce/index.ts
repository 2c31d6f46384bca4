import { Module } from "@medusajs/framework/utils"
import MailchimpCommerceService from "./service"
import validateCommerceOptionsLoader from "./loaders/validate-options"

export const MAILCHIMP_COMMERCE_MODULE = "mailchimpCommerce"

export default Module(MAILCHIMP_COMMERCE_MODULE, {
  service: MailchimpCommerceService,
  loaders: [validateCommerceOptionsLoader],
})

export { MailchimpCommerceService }
