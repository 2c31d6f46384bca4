import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * The reconciler's cursors over this module's unfinished rows (one row per source), and the partial indexes their
 * pages read: unfinished rows in (updated_at, id) order, so a page is an index range scan that stops at its LIMIT at
 * any table size. The members' index replaces the one on customer_changed_at, which only the reconciler read.
 */
export class Migration20261206060000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "mailchimp_reconcile_cursor" ("id" text not null, "after_at" text null, "after_id" text null, "laps" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mailchimp_reconcile_cursor_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_reconcile_cursor_deleted_at" ON "mailchimp_reconcile_cursor" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_consent_pending" ON "mailchimp_consent" ("updated_at", "id") WHERE sync_status = 'pending' AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_erasure_pending" ON "mailchimp_erasure" ("updated_at", "id") WHERE status = 'pending' AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_member_customer_changes" ON "mailchimp_member" ("updated_at", "id") WHERE customer_changed_at IS NOT NULL AND (customer_synced_at IS NULL OR customer_changed_at > customer_synced_at) AND deleted_at IS NULL;`);
    this.addSql(`drop index if exists "IDX_mailchimp_member_customer_changed_at";`);
  }

  override async down(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_member_customer_changed_at" ON "mailchimp_member" ("customer_changed_at") WHERE customer_changed_at IS NOT NULL AND (customer_synced_at IS NULL OR customer_changed_at > customer_synced_at) AND deleted_at IS NULL;`);
    this.addSql(`drop index if exists "IDX_mailchimp_member_customer_changes";`);
    this.addSql(`drop index if exists "IDX_mailchimp_erasure_pending";`);
    this.addSql(`drop index if exists "IDX_mailchimp_consent_pending";`);
    this.addSql(`drop table if exists "mailchimp_reconcile_cursor" cascade;`);
  }

}
