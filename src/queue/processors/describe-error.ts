import { MailchimpError } from "../../mailchimp"

/** What the merchant is shown of a failed write: Mailchimp's own words, never the request. */
export function describeError(e: unknown): Record<string, unknown> {
  if (e instanceof MailchimpError) {
    const { status, title, detail, errors, retryable } = e
    return { status, title, detail, errors, retryable, at: new Date().toISOString() }
  }
  return { title: "Error", detail: (e as Error).message, at: new Date().toISOString() }
}

export const isNotFound = (e: unknown) => e instanceof MailchimpError && e.status === 404

/** A Mailchimp answer that retrying cannot change. */
export const isFinal = (e: unknown) => e instanceof MailchimpError && !e.retryable
