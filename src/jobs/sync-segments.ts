import type { MedusaContainer } from "@medusajs/framework/types"
import { MAILCHIMP_MODULE } from "../modules/mailchimp"
import type { IMailchimpModuleService } from "../types/mailchimp-module"
import { syncSegmentsWorkflow } from "../workflows/segments/sync-segments"

export const SYNC_SEGMENTS_JOB_NAME = "mailchimp-sync-segments"

/**
 * Every segment re-evaluated in full and its difference sent, every 15 minutes: what changed
 * without an event (time passing "within 30 days", a customer added to a group) reaches Mailchimp.
 * Runs never overlap per segment: its segments.sync job has one id, so a sync still waiting or
 * running when the next run comes is left to finish (counted as `already_queued`), not started twice.
 */
export default async function syncSegmentsJob(container: MedusaContainer) {
  const service: IMailchimpModuleService = container.resolve(MAILCHIMP_MODULE)
  const started_at = new Date()
  try {
    const { result } = await syncSegmentsWorkflow(container).run({ input: {} })
    await service
      .recordJobRun({ name: SYNC_SEGMENTS_JOB_NAME, started_at, finished_at: new Date(), outcome: "ok", result: { segments: result.ids.length, ...countOutcomes(result.queued) } })
      .catch(() => undefined)
  } catch (e) {
    await service
      .recordJobRun({ name: SYNC_SEGMENTS_JOB_NAME, started_at, finished_at: new Date(), outcome: "failed", error: (e as Error).message })
      .catch(() => undefined)
    throw e
  }
}

/** How the segments' jobs were handed to the queue: queued, already queued or running, not queued (Redis away). */
export function countOutcomes(outcomes: string[]): { queued: number; already_queued: number; unavailable: number } {
  const n = (o: string) => outcomes.filter((x) => x === o).length
  return { queued: n("queued"), already_queued: n("already-queued"), unavailable: n("unavailable") }
}

export const config = {
  name: SYNC_SEGMENTS_JOB_NAME,
  schedule: "*/15 * * * *",
}
