import { model } from "@medusajs/framework/utils"

/**
 * Where the reconciler's walk over pending sync rows stands: after the row (after_at = its updated_at, after_id =
 * its id), in (updated_at, id) order. Kept in Postgres, so that whichever worker runs the next minute's reconciler
 * goes on from there; null: the next run starts from the oldest pending row. `laps` counts walks that reached the end.
 */
export const ReconcileCursor = model.define({ name: "ReconcileCursor", tableName: "mailchimp_commerce_reconcile_cursor" }, {
  id: model.text().primaryKey(),
  // Text, not a Date: a timestamptz keeps microseconds, and a cursor rounded to milliseconds would read rows again.
  after_at: model.text().nullable(),
  after_id: model.text().nullable(),
  laps: model.number().default(0),
})
