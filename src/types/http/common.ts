/**
 * A time in an answer: a Date where the route builds the answer, an ISO 8601 string once it is sent.
 * The routes type `res.json` with the shapes in this folder; the admin reads them through `Sent<>`.
 */
export type Timestamp = Date | string

/** What JSON.stringify makes of a shape: every Date an ISO string; what the admin receives. */
export type Sent<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Sent<U>[]
    : T extends object
      ? { [K in keyof T]: Sent<T[K]> }
      : T

/** Mailchimp's refusal as the admin is shown it (no key, no address). */
export type Problem = { status: number | null; title: string; detail: string }

/** Why a row did not reach Mailchimp, as stored (Mailchimp's title and detail, masked). */
export type RowError = { title?: string; detail?: string } | null

/** An error answer of this plugin's routes (Medusa's own have the same two fields). */
export type ErrorResponse = { type: string; message: string }

