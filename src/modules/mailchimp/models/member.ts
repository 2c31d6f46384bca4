import { model } from "@medusajs/framework/utils"

/**
 * The store's view of one audience member: its status in Mailchimp, as of `status_at`.
 * Every change is applied only when it is newer than `status_at`, so late or replayed
 * webhooks cannot undo a newer state.
 */
export const Member = model
  .define({ name: "Member", tableName: "mailchimp_member" }, {
    id: model.id({ prefix: "mcm" }).primaryKey(),
    audience_id: model.text(),
    email: model.text(),
    customer_id: model.text().nullable(),
    status: model.enum(["subscribed", "pending", "unsubscribed", "cleaned", "archived", "transactional"]),
    status_at: model.dateTime(),
    status_source: model.enum(["checkout", "signup", "account", "admin", "mailchimp"]),
    reason: model.text().nullable(),
    campaign_id: model.text().nullable(),
    merge_fields: model.json().nullable(),
    profile_at: model.dateTime().nullable(),
    // The linked customer's email as last synced: an email change is told from it.
    customer_email: model.text().nullable(),
    // A customer change not yet in Mailchimp while customer_changed_at > customer_synced_at.
    customer_changed_at: model.dateTime().nullable(),
    customer_synced_at: model.dateTime().nullable(),
    // The group tags this store set on the member, so that leaving a group removes its tag.
    group_tags: model.json().nullable(),
    // As Mailchimp last showed them: { interest_id: bool } and { marketing_permission_id: bool }.
    interests: model.json().nullable(),
    marketing_permissions: model.json().nullable(),
    // data[merges][INTERESTS] of the last profile webhook: a change means the interests are read again (by id).
    interest_names: model.text().nullable(),
  })
  .indexes([
    { on: ["audience_id", "email"], unique: true, where: "deleted_at IS NULL" },
    { on: ["customer_id"] },
    // The reconciler's walk (sql/reconcile.ts): customer changes not yet in Mailchimp, in cursor order.
    {
      name: "IDX_mailchimp_member_customer_changes",
      on: ["updated_at", "id"],
      where: "customer_changed_at IS NOT NULL AND (customer_synced_at IS NULL OR customer_changed_at > customer_synced_at) AND deleted_at IS NULL",
    },
  ])
