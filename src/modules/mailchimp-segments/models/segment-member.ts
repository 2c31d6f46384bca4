import { model } from "@medusajs/framework/utils"

/**
 * One address a segment holds or held: `in_segment` is what the last evaluation says, `in_mailchimp`
 * what Mailchimp's static segment holds as far as the store knows. A sync sends only the rows where
 * the two differ. `claimed_at` marks rows a sync job is sending right now, so two jobs never send the
 * same row; `failed_at`/`error` an address Mailchimp refused (not retried until re-evaluated).
 */
export const SegmentMember = model
  .define({ name: "SegmentMember", tableName: "mailchimp_segment_member" }, {
    id: model.id({ prefix: "mcsm" }).primaryKey(),
    segment_id: model.text(),
    email: model.text(),
    customer_id: model.text().nullable(),
    in_segment: model.boolean().default(true),
    in_mailchimp: model.boolean().default(false),
    added_at: model.dateTime().nullable(),
    claimed_at: model.dateTime().nullable(),
    failed_at: model.dateTime().nullable(),
    error: model.text().nullable(),
  })
  .indexes([
    { on: ["segment_id", "email"], unique: true, where: "deleted_at IS NULL" },
    { on: ["email"] },
    // The sync's walks: rows to add to Mailchimp's copy, rows to remove from it.
    { on: ["segment_id", "email"], where: "deleted_at IS NULL AND in_segment AND NOT in_mailchimp", name: "IDX_mailchimp_segment_member_to_add" },
    { on: ["segment_id", "email"], where: "deleted_at IS NULL AND NOT in_segment AND in_mailchimp", name: "IDX_mailchimp_segment_member_to_remove" },
  ])
