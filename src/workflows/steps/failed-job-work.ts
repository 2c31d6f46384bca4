import type { IMailchimpModuleService } from "../../types/mailchimp-module"

type Payload = Record<string, unknown>

/**
 * The Postgres row behind a kind of job. A processor leaves a failed row alone, so a retry must
 * first set the row back to "to do"; a discard marks it failed, or the reconciler would queue
 * it again. Kinds not listed here have no such row: their job alone is retried or removed.
 */
type WorkRow = {
  reopen(service: IMailchimpModuleService, payload: Payload): Promise<boolean>
  giveUp(service: IMailchimpModuleService, payload: Payload, reason: Record<string, unknown>): Promise<boolean>
}

const consentRow: WorkRow = {
  async reopen(service, { consent_id }) {
    const [row] = await service.listConsents({ id: consent_id as string, sync_status: "failed" }, { select: ["id"] })
    if (row) await service.updateConsents({ id: row.id, sync_status: "pending" })
    return !!row
  },
  async giveUp(service, { consent_id }, reason) {
    const [row] = await service.listConsents({ id: consent_id as string, sync_status: "pending" }, { select: ["id", "sync_attempts"] })
    // settleConsent replaces sync_error; the ORM's update would merge the reason into the last error's keys.
    if (row) await service.settleConsent(row.id, { sync_status: "failed", sync_attempts: row.sync_attempts, sync_error: reason })
    return !!row
  },
}

export const FAILED_JOB_WORK: Record<string, WorkRow> = {
  "consent.sync": consentRow,
  "consent.unsubscribe": consentRow,
  "webhook.apply": {
    async reopen(service, { event_id }) {
      const [row] = await service.listWebhookEvents({ id: event_id as string, status: "failed" }, { select: ["id"] })
      if (row) await service.updateWebhookEvents({ id: row.id, status: "received", outcome: null })
      return !!row
    },
    async giveUp(service, { event_id }, reason) {
      const [row] = await service.listWebhookEvents({ id: event_id as string, status: "received" }, { select: ["id"] })
      if (row) await service.updateWebhookEvents({ id: row.id, status: "failed", outcome: String(reason.detail) })
      return !!row
    },
  },
  "member.erase": {
    async reopen(service, { erasure_id }) {
      const [row] = await service.listErasures({ id: erasure_id as string, status: "failed" }, { select: ["id"] })
      if (row) await service.updateErasures({ id: row.id, status: "pending" })
      return !!row
    },
    async giveUp(service, { erasure_id }, reason) {
      const [row] = await service.listErasures({ id: erasure_id as string, status: "pending" }, { select: ["id"] })
      if (row) await service.updateErasures({ id: row.id, status: "failed", error: reason })
      return !!row
    },
  },
}
