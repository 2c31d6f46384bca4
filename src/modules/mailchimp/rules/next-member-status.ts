export type MemberStatus = "subscribed" | "unsubscribed" | "cleaned" | "pending" | "transactional" | "archived"

export type OptInDecision =
  | { kind: "write"; status: "subscribed" | "pending"; reason: string }
  | { kind: "refuse"; reason: string }

/**
 * What a fresh, explicit opt-in may do to a member, given what Mailchimp holds now.
 * Someone who left (unsubscribed) comes back only through `pending`, which makes Mailchimp
 * ask them to confirm; a cleaned address never comes back from the store.
 */
export function decideOptIn(current: MemberStatus | null, doubleOptIn: boolean): OptInDecision {
  switch (current) {
    case "subscribed":
      return { kind: "write", status: "subscribed", reason: "already subscribed" }
    case "pending":
      return { kind: "write", status: "pending", reason: "confirmation still pending" }
    case "unsubscribed":
      return { kind: "write", status: "pending", reason: "unsubscribed earlier: re-confirmation required" }
    case "cleaned":
      return { kind: "refuse", reason: "the address was cleaned by Mailchimp (bounced or reported); it cannot be resubscribed" }
    default:
      return doubleOptIn
        ? { kind: "write", status: "pending", reason: "double opt-in" }
        : { kind: "write", status: "subscribed", reason: "single opt-in" }
  }
}
