import { model } from "@medusajs/framework/utils"

/** One backfill: which kinds of objects, since when, and how it ended (with the count check). */
export const BackfillRun = model
  .define({ name: "BackfillRun", tableName: "mailchimp_backfill_run" }, {
    id: model.id({ prefix: "mcbr" }).primaryKey(),
    status: model.enum(["running", "completed", "failed", "canceled"]).default("running"),
    objects: model.array(),
    since: model.dateTime().nullable(),
    started_at: model.dateTime(),
    finished_at: model.dateTime().nullable(),
    // { products: { store: 120, mailchimp: 120, difference: 0 }, … } read at the end.
    count_check: model.json().nullable(),
    error: model.json().nullable(),
    // The poller chain in charge: a poller whose token is not this one stops (one chain per run).
    poller: model.text().nullable(),
  })
  .indexes([{ on: ["status", "created_at"] }])

