import type { BatchStatus } from "../mailchimp"
import { HealthLine, ok, warning } from "./lines"

/** A batch Mailchimp has not finished after this long is stuck (it runs batches in minutes). */
const STUCK_MS = 60 * 60 * 1000

/**
 * The plugin's batches Mailchimp still lists (it keeps them 7 days): operations Mailchimp refused, and batches it has
 * not run for an hour. Other applications' batches on the account are left out.
 */
export function batchLine(batches: BatchStatus[], ours: Set<string>, now = Date.now()): HealthLine {
  const mine = batches.filter((b) => ours.has(b.id))
  const errored = mine.filter((b) => b.status === "finished" && b.errored_operations > 0)
  const stuck = mine.filter((b) => b.status !== "finished" && b.submitted_at && now - Date.parse(b.submitted_at) > STUCK_MS)
  if (!errored.length && !stuck.length) {
    return ok("batches", "Batches", mine.length ? `${mine.length} of the store's batches in the last 7 days, none with refused operations.` : "No batch of the store's in the last 7 days.")
  }
  const parts: string[] = []
  if (errored.length) {
    const operations = errored.reduce((n, b) => n + b.errored_operations, 0)
    parts.push(`${errored.length} batch${errored.length > 1 ? "es" : ""} had ${operations} operation${operations > 1 ? "s" : ""} refused or failed (${errored.map((b) => b.id).join(", ")})`)
  }
  if (stuck.length) parts.push(`${stuck.length} batch${stuck.length > 1 ? "es have" : " has"} not run for over an hour (${stuck.map((b) => b.id).join(", ")})`)
  return warning(
    "batches",
    "Batches",
    `${parts.join("; ")}. Operations that could succeed again were sent again; the ones refused for good are the backfill's failures.`,
    "See the backfill's failures in Mailchimp → Backfill (Mailchimp's words for each object) and fix them in the store, then start a backfill again; a batch stuck at Mailchimp is a matter for Mailchimp support."
  )
}
