import { model } from "@medusajs/framework/utils"

/**
 * Where the reconciler's walks over a module's unfinished rows stand (sql/reconcile-walk.ts), one row per source (id):
 * after the row (after_at = its updated_at, after_id = its id), in (updated_at, id) order. Kept in Postgres, so that
 * whichever worker runs the next minute's reconciler goes on from there; null: the next run starts from the oldest
 * unfinished row. `laps` counts walks that reached the end.
 */
export const reconcileCursorModel = (name: string, tableName: string) =>
  model.define({ name, tableName }, {
    id: model.text().primaryKey(),
    // Text, not a Date: a timestamptz keeps microseconds, and a cursor rounded to milliseconds would read rows again.
    after_at: model.text().nullable(),
    after_id: model.text().nullable(),
    laps: model.number().default(0),
  })

export const ReconcileCursor = reconcileCursorModel("MailchimpReconcileCursor", "mailchimp_reconcile_cursor")
