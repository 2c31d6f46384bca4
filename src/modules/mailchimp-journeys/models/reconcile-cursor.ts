import { reconcileCursorModel } from "../../mailchimp/models/reconcile-cursor"

/** The reconciler's walk over pending journey events. */
export const JourneyReconcileCursor = reconcileCursorModel("JourneyReconcileCursor", "mailchimp_journey_reconcile_cursor")
