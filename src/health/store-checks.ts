import type { Store } from "../mailchimp"
import { error, HealthLine, ok, warning } from "./lines"

export type StoreExpectations = {
  storeId: string
  audienceId: string
  /** The store's default currency (upper case). */
  currencyCode: string
  /** Whether the store believes Mailchimp holds the store (it was connected before). */
  connectedBefore: boolean
  /** The store row's note when Mailchimp lost the store and it was made again. */
  recreatedNote: string | null
  backfillRunning: boolean
}

const FIX_RESYNC = "Start a backfill (Mailchimp → Backfill, or `npx medusa exec …/scripts/backfill.js`): it sends every customer, product and order."

/** The e-commerce store: bound to the audience with the store's currency, and not left `is_syncing`. */
export function storeLines(store: Store | null, expect: StoreExpectations): HealthLine[] {
  if (!store) {
    return [
      expect.connectedBefore
        ? error(
            "store",
            "E-commerce store",
            `Mailchimp has no store ${expect.storeId} any more (deleted in Mailchimp?), nor its customers, products and orders. The next e-commerce write creates it again.`,
            FIX_RESYNC
          )
        : warning(
            "store",
            "E-commerce store",
            `Mailchimp has no store ${expect.storeId} yet: it is created with the first order, customer or product sent.`,
            "Nothing to do; to send the store's history now, start a backfill (Mailchimp → Backfill)."
          ),
    ]
  }
  const lines: HealthLine[] = []
  if (store.list_id !== expect.audienceId) {
    lines.push(
      error(
        "store",
        "E-commerce store",
        `Store ${store.id} belongs to audience ${store.list_id}, not to ${expect.audienceId}; a store's audience cannot change, so every e-commerce write goes to the other audience's store or is refused.`,
        "Set the storeId option (MAILCHIMP_STORE_ID) to a new id: the plugin creates that store on this audience; then start a backfill."
      )
    )
  } else if (expect.recreatedNote) {
    lines.push(warning("store", "E-commerce store", `Store ${store.id}: ${expect.recreatedNote}.`, FIX_RESYNC))
  } else {
    lines.push(ok("store", "E-commerce store", `Store ${store.id} ("${store.name}") is bound to audience ${store.list_id}.`))
  }
  const currency = (store.currency_code ?? "").toUpperCase()
  lines.push(
    currency === expect.currencyCode.toUpperCase()
      ? ok("store.currency", "Store currency", `${currency}, as the store's.`)
      : warning(
          "store.currency",
          "Store currency",
          `Mailchimp's store is in ${currency || "no currency"}, the store sells in ${expect.currencyCode.toUpperCase()}: revenue figures in Mailchimp are off.`,
          "The plugin brings it up to date with the next store sync: start a backfill (its start and end both update the store)."
        )
  )
  if (store.is_syncing && !expect.backfillRunning) {
    lines.push(
      error(
        "store.is_syncing",
        "Sync mode",
        `Store ${store.id} is left is_syncing with no backfill running: Mailchimp holds back its e-commerce automations (abandoned cart, product follow-ups, order notifications) while it is.`,
        "The plugin resets it with a queued job (commerce.store.connect), retried on its own: if that job failed, retry it in Mailchimp → Sync; starting and finishing a backfill resets it too."
      )
    )
  } else if (!store.is_syncing && expect.backfillRunning) {
    lines.push(
      warning(
        "store.is_syncing",
        "Sync mode",
        "A backfill is running but the store is not flagged is_syncing: automations may mail people about old orders.",
        "The backfill flags it before its next batch; if this stays, retry the failed commerce.store.connect job in Mailchimp → Sync."
      )
    )
  } else {
    lines.push(ok("store.is_syncing", "Sync mode", store.is_syncing ? "is_syncing while the backfill runs." : "Not syncing: automations run."))
  }
  return lines
}
