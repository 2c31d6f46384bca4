import { model } from "@medusajs/framework/utils"

/**
 * A segment the merchant defines in the store: conditions (see rules/conditions.ts) evaluated in
 * Postgres, kept in Mailchimp as a static segment (`mailchimp_segment_id`, created once).
 * `member_count` is the count at the last evaluation; `sync_status` the state of its Mailchimp copy.
 * `audience_id` is the audience it is evaluated in and its copy lives in; null (segments made before audiences
 * per segment) is the plugin's `audienceId`.
 */
export const Segment = model
  .define({ name: "Segment", tableName: "mailchimp_segment" }, {
    id: model.id({ prefix: "mcsg" }).primaryKey(),
    name: model.text(),
    audience_id: model.text().nullable(),
    match: model.enum(["all", "any"]).default("all"),
    conditions: model.json(),
    mailchimp_segment_id: model.text().nullable(),
    // The name the Mailchimp copy carries, so a rename is told apart.
    mailchimp_name: model.text().nullable(),
    member_count: model.number().default(0),
    evaluated_at: model.dateTime().nullable(),
    sync_status: model.enum(["pending", "synced", "failed"]).default("pending"),
    last_synced_at: model.dateTime().nullable(),
    error: model.json().nullable(),
  })
  .indexes([{ on: ["name"] }])
