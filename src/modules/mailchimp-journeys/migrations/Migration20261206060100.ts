import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * The reconciler's cursor over pending journey events, and the partial index its page reads: pending events in
 * (updated_at, id) order, so a page is an index range scan that stops at its LIMIT at any table size.
 */
export class Migration20261206060100 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "mailchimp_journey_reconcile_cursor" ("id" text not null, "after_at" text null, "after_id" text null, "laps" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mailchimp_journey_reconcile_cursor_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_journey_reconcile_cursor_deleted_at" ON "mailchimp_journey_reconcile_cursor" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_journey_event_pending" ON "mailchimp_journey_event" ("updated_at", "id") WHERE status = 'pending' AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_mailchimp_journey_event_pending";`);
    this.addSql(`drop table if exists "mailchimp_journey_reconcile_cursor" cascade;`);
  }

}
