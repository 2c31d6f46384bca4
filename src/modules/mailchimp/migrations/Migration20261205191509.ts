import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * Webhook ingest in batches (issue 23): each delivery gets its arrival order (`seq`: fired_at has whole seconds)
 * and a lease (`claimed_until`) while a worker applies its member's events. Rows stored before this migration are
 * numbered in no particular order; they are few and were each applied on their own.
 */
export class Migration20261205191509 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mailchimp_webhook_event" add column if not exists "seq" serial, add column if not exists "claimed_until" timestamptz null, add column if not exists "apply_attempts" integer not null default 0;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_webhook_event_seq" ON "mailchimp_webhook_event" ("seq") WHERE status = 'received' AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_mailchimp_webhook_event_seq";`);
    this.addSql(`alter table if exists "mailchimp_webhook_event" drop column if exists "seq", drop column if exists "claimed_until", drop column if exists "apply_attempts";`);
  }

}
