import type { CustomerBody } from "../../../mailchimp"
import { toEcommerceAddress } from "./address"
import type { MedusaAddress, MedusaCustomer } from "./medusa-types"
import { filled } from "./money"

/**
 * A Medusa customer as a Mailchimp e-commerce customer. Names and address come from the customer,
 * or from the order's address for a guest who gave none. `optIn` must come from the consent rule
 * (rules/opt-in-status): true subscribes a new address.
 */
export function toMailchimpCustomer(
  customer: MedusaCustomer,
  optIn: boolean,
  fallbackAddress?: MedusaAddress | null
): CustomerBody {
  const address =
    customer.addresses?.find((a) => a.is_default_billing) ?? customer.addresses?.[0] ?? fallbackAddress ?? null
  const first = filled(customer.first_name) ? customer.first_name : address?.first_name
  const last = filled(customer.last_name) ? customer.last_name : address?.last_name
  const body: CustomerBody = {
    id: customer.id,
    email_address: (customer.email ?? "").trim().toLowerCase(),
    opt_in_status: optIn,
  }
  if (filled(first)) body.first_name = first.trim()
  if (filled(last)) body.last_name = last.trim()
  if (filled(customer.company_name)) body.company = customer.company_name.trim()
  const mcAddress = toEcommerceAddress(address)
  if (mcAddress) body.address = mcAddress
  return body
}
