/**
 * `opt_in_status` for an e-commerce customer. Mailchimp subscribes a new address sent with true
 * (skipping double opt-in) and never changes an existing member for it, so true is sent only when
 * the shopper's latest consent is an opt-in AND the audience already holds them as subscribed:
 * the flag then states a fact and can never subscribe anyone. Everyone else is sent false and
 * stays, or becomes, a transactional contact.
 */
export function customerOptInStatus(input: {
  latestConsentAction: string | null | undefined
  memberStatus: string | null | undefined
}): boolean {
  return input.latestConsentAction === "opt_in" && input.memberStatus === "subscribed"
}
