import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import MailchimpModule from "../modules/mailchimp"

export default defineLink(CustomerModule.linkable.customer, {
  linkable: MailchimpModule.linkable.consent,
  isList: true,
})
