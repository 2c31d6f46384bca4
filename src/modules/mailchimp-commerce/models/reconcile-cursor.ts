import { reconcileCursorModel } from "../../mailchimp/models/reconcile-cursor"

/** The reconciler's walk over pending sync rows (sql/reconcile.ts). */
export const ReconcileCursor = reconcileCursorModel("ReconcileCursor", "mailchimp_commerce_reconcile_cursor")
