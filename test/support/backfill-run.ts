import type { AdminCall } from "./admin-auth"
import { waitFor } from "./redis-server"

/** Waits until the latest backfill is no longer running (GET /admin/mailchimp/backfill) and answers its report. */
export async function backfillEnded(adminCall: AdminCall, timeoutMs = 60_000): Promise<any> {
  let report: any
  await waitFor(async () => {
    report = (await adminCall("GET", "/admin/mailchimp/backfill")).body.backfill
    return report?.status !== "running"
  }, timeoutMs, 250)
  return report
}
