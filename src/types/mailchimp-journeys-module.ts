import type { IModuleService } from "@medusajs/framework/types"
import type { AbstractModuleService, ModelConfigurationsToConfigTemplate } from "@medusajs/framework/utils"
import type { JourneyEvent } from "../modules/mailchimp-journeys/models/journey-event"
import type { JourneySettings } from "../modules/mailchimp-journeys/models/journey-settings"
import type { JourneyConfig } from "../modules/mailchimp-journeys/service"
import type { ReconcileCursorState, ReconcilePage } from "../modules/mailchimp/sql/reconcile-walk"

export type { JourneyConfig }

type JourneyTables = AbstractModuleService<
  ModelConfigurationsToConfigTemplate<{ JourneyEvent: typeof JourneyEvent; JourneySettings: typeof JourneySettings }>
>

export type NewJourneyEvent = {
  event: string
  subject_id: string
  order_id: string
  email_hash: string
  properties: Record<string, string>
  occurred_at: Date
}

/** The journeys module's service (`MAILCHIMP_JOURNEYS_MODULE`); src/modules/mailchimp-journeys/service.ts implements it. */
export interface IMailchimpJourneysService extends IModuleService, JourneyTables {
  /** The merchant's events (name → when turned on), thresholds and site script. */
  journeyConfig(): Promise<JourneyConfig>
  saveJourneyConfig(change: Partial<JourneyConfig>): Promise<JourneyConfig>
  /** Records the events not recorded yet (one per event and subject); the new rows' ids. */
  recordJourneyEvents(rows: NewJourneyEvent[]): Promise<string[]>
  /** A pending event whose buyer was erased: skipped, with its hash and properties removed. */
  forgetErasedJourneyEvent(id: string): Promise<void>
  /** Erasure: the people's event rows (by address hash and by order) are deleted; how many. */
  eraseJourneyEvents(people: { emails: string[]; customer_ids: string[]; order_ids: string[] }): Promise<number>
  /** The reconciler's next page of pending events, after its cursor in Postgres (mailchimp/sql/reconcile-walk.ts). */
  unfinishedJourneyEventPage(before: Date, limit: number): Promise<ReconcilePage<{ id: string }>>
  journeyReconcileCursor(): Promise<ReconcileCursorState | null>
}
