import { model } from "@medusajs/framework/utils"

/** The last run of each scheduled job (one row per job name): what the sync screen shows. */
export const JobRun = model
  .define({ name: "JobRun", tableName: "mailchimp_job_run" }, {
    id: model.id({ prefix: "mcjr" }).primaryKey(),
    name: model.text(),
    started_at: model.dateTime(),
    finished_at: model.dateTime(),
    duration_ms: model.number(),
    outcome: model.enum(["ok", "failed"]),
    // What the run did, e.g. { found: { consents: 2 }, queued: 2 }
    result: model.json().nullable(),
    error: model.text().nullable(),
  })
  .indexes([{ on: ["name"], unique: true, where: "deleted_at IS NULL" }])
