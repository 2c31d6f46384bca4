import { model } from "@medusajs/framework/utils"

/**
 * One kind of object within a run, with its cursor: the last id sent. The cursor moves in the
 * same transaction that records the page's accepted batch, so a restart continues after it.
 */
export const BackfillTask = model
  .define({ name: "BackfillTask", tableName: "mailchimp_backfill_task" }, {
    id: model.id({ prefix: "mcbt" }).primaryKey(),
    run_id: model.text(),
    kind: model.enum(["products", "customers", "orders", "merge_fields"]),
    status: model.enum(["waiting", "sending", "sent", "finished"]).default("waiting"),
    cursor: model.text().nullable(),
    page: model.number().default(0),
    total: model.number().default(0),
    started_at: model.dateTime().nullable(),
    finished_at: model.dateTime().nullable(),
  })
  .indexes([{ on: ["run_id", "kind"], unique: true, where: "deleted_at IS NULL" }])
