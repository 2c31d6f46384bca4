import type { Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { subscriberHash } from "../../mailchimp"
import type { ErasedPeople } from "../mailchimp/erasure/erase-rows"
import { JourneyEvent } from "./models/journey-event"
import { JourneySettings } from "./models/journey-settings"
import { JourneyReconcileCursor } from "./models/reconcile-cursor"
import { nextUnfinishedPage, reconcileCursors, type ReconcileCursorState, type ReconcilePage, type ReconcileSource } from "../mailchimp/sql/reconcile-walk"
import type { IMailchimpJourneysService, NewJourneyEvent } from "../../types/mailchimp-journeys-module"
import { JOURNEY_SETTINGS_ID, type JourneyEventName } from "./catalogue"

export type JourneyConfig = {
  /** When each event was turned on; null or absent: off. */
  enabled: Partial<Record<JourneyEventName, string | null>>
  nth_order: number
  spent_over: number
  site_script: boolean
  site_script_url: string | null
  site_foreign_id: string | null
  site_script_error: string | null
}

/** The reconciler's walk over pending events, on IDX_mailchimp_journey_event_pending (Migration20261206060100). */
const PENDING_EVENTS: ReconcileSource = {
  cursor: "journey_events",
  cursorTable: "mailchimp_journey_reconcile_cursor",
  table: "mailchimp_journey_event",
  unfinished: "status = 'pending' AND deleted_at IS NULL",
  columns: ["id"],
}

const DEFAULTS: JourneyConfig = {
  enabled: {},
  nth_order: 5,
  spent_over: 500,
  site_script: false,
  site_script_url: null,
  site_foreign_id: null,
  site_script_error: null,
}

/** Customer Journey events (what was recorded and sent) and the merchant's choice of events and site script. */
export default class MailchimpJourneysService extends MedusaService({ JourneyEvent, JourneySettings, JourneyReconcileCursor }) implements IMailchimpJourneysService {
  async journeyConfig(): Promise<JourneyConfig> {
    const [row] = await this.listJourneySettings({ id: JOURNEY_SETTINGS_ID }, { take: 1 })
    if (!row) return { ...DEFAULTS }
    return {
      enabled: (row.enabled as JourneyConfig["enabled"]) ?? {},
      nth_order: row.nth_order,
      spent_over: row.spent_over,
      site_script: row.site_script,
      site_script_url: row.site_script_url,
      site_foreign_id: row.site_foreign_id,
      site_script_error: row.site_script_error,
    }
  }

  async saveJourneyConfig(change: Partial<JourneyConfig>): Promise<JourneyConfig> {
    const next = { ...(await this.journeyConfig()), ...change }
    const [row] = await this.listJourneySettings({ id: JOURNEY_SETTINGS_ID }, { take: 1 })
    if (row) await this.updateJourneySettings({ id: JOURNEY_SETTINGS_ID, ...next })
    else await this.createJourneySettings({ id: JOURNEY_SETTINGS_ID, ...next })
    return next
  }

  /** Records events not recorded yet (unique per event and subject); answers the ids of the new rows only. */
  async recordJourneyEvents(rows: NewJourneyEvent[]): Promise<string[]> {
    const created: string[] = []
    for (const row of rows) {
      const [known] = await this.listJourneyEvents({ event: row.event, subject_id: row.subject_id }, { take: 1, select: ["id"] })
      if (known) continue
      try {
        const [made] = await this.createJourneyEvents([row])
        created.push(made.id)
      } catch (e) {
        // Another process recorded it meanwhile: the unique index keeps it once.
        if (!/unique|duplicate|already exists/i.test(String((e as Error)?.message))) throw e
      }
    }
    return created
  }

  /**
   * An event whose buyer was erased: kept as the guard against a second recording, with nothing of the person
   * (plain SQL: the ORM's update merges a json column into what it holds, so `properties: {}` would keep them).
   */
  @InjectManager()
  async forgetErasedJourneyEvent(id: string, @MedusaContext() ctx: Context = {}): Promise<void> {
    const manager = (ctx.transactionManager ?? ctx.manager) as SqlEntityManager
    await manager.execute(
      `UPDATE mailchimp_journey_event SET status = 'skipped', reason = 'erased', email_hash = '', properties = '{}'::jsonb, updated_at = now() WHERE id = ?`,
      [id]
    )
  }

  /**
   * Erasure: every event row about the people goes, by their addresses' subscriber hashes and by their orders
   * (a row keeps no address, but its hash and properties are theirs). Answers how many rows went.
   */
  @InjectManager()
  async eraseJourneyEvents(people: ErasedPeople & { order_ids: string[] }, @MedusaContext() ctx: Context = {}): Promise<number> {
    const hashes = people.emails.map((e) => subscriberHash(e))
    const manager = (ctx.transactionManager ?? ctx.manager) as SqlEntityManager
    const rows = await manager.execute(
      `DELETE FROM mailchimp_journey_event WHERE email_hash IN (SELECT jsonb_array_elements_text(?::jsonb))
       OR order_id IN (SELECT jsonb_array_elements_text(?::jsonb)) RETURNING id`,
      [JSON.stringify(hashes), JSON.stringify(people.order_ids)]
    )
    return rows.length
  }

  /** The reconciler's next page of pending events untouched since `before`, after its cursor in Postgres. */
  @InjectTransactionManager()
  async unfinishedJourneyEventPage(before: Date, limit: number, @MedusaContext() ctx: Context = {}): Promise<ReconcilePage<{ id: string }>> {
    return nextUnfinishedPage((ctx.transactionManager ?? ctx.manager) as SqlEntityManager, PENDING_EVENTS, before, limit)
  }

  /** Where the reconciler's walk over pending events stands (null before its first run). */
  @InjectManager()
  async journeyReconcileCursor(@MedusaContext() ctx: Context = {}): Promise<ReconcileCursorState | null> {
    return (await reconcileCursors((ctx.transactionManager ?? ctx.manager) as SqlEntityManager, PENDING_EVENTS.cursorTable))[PENDING_EVENTS.cursor] ?? null
  }
}
