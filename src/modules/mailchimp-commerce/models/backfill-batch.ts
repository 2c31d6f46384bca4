import { model } from "@medusajs/framework/utils"

/**
 * One bulk call of a backfill: a Mailchimp `/batches` job (or a batch subscribe call, which
 * answers at once). `object_ids` lets failed operations be sent again and results be matched.
 */
export const BackfillBatch = model
  .define({ name: "BackfillBatch", tableName: "mailchimp_backfill_batch" }, {
    id: model.id({ prefix: "mcbb" }).primaryKey(),
    run_id: model.text(),
    kind: model.enum(["products", "customers", "orders", "merge_fields", "members"]),
    page: model.number(),
    // 0 for a page's first batch; n for the n-th retry of operations that failed.
    attempt: model.number().default(0),
    mailchimp_batch_id: model.text().nullable(),
    status: model.enum(["submitted", "finished", "failed"]).default("submitted"),
    object_ids: model.array(),
    operations: model.number(),
    succeeded: model.number().default(0),
    errored: model.number().default(0),
    // Errored operations sent again in a later batch (not failures, yet).
    retried: model.number().default(0),
    // Operations that needed nothing (a merge update for an address that is not a member).
    skipped: model.number().default(0),
    polls: model.number().default(0),
    submitted_at: model.dateTime(),
    finished_at: model.dateTime().nullable(),
    error: model.json().nullable(),
  })
  .indexes([
    { on: ["run_id", "kind", "status"] },
    { on: ["mailchimp_batch_id"] },
  ])
