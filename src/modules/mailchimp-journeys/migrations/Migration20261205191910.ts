import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261205191910 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mailchimp_journey_event" drop constraint if exists "mailchimp_journey_event_event_subject_id_unique";`);
    this.addSql(`create table if not exists "mailchimp_journey_event" ("id" text not null, "event" text not null, "subject_id" text not null, "order_id" text not null, "email_hash" text not null, "properties" jsonb not null, "occurred_at" timestamptz not null, "status" text check ("status" in ('pending', 'sent', 'skipped', 'failed')) not null default 'pending', "reason" text null, "sent_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mailchimp_journey_event_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_journey_event_deleted_at" ON "mailchimp_journey_event" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mailchimp_journey_event_event_subject_id_unique" ON "mailchimp_journey_event" ("event", "subject_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_journey_event_status_created_at" ON "mailchimp_journey_event" ("status", "created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "mailchimp_journey_settings" ("id" text not null, "enabled" jsonb not null, "nth_order" integer not null default 5, "spent_over" integer not null default 500, "site_script" boolean not null default false, "site_script_url" text null, "site_foreign_id" text null, "site_script_error" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mailchimp_journey_settings_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_journey_settings_deleted_at" ON "mailchimp_journey_settings" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mailchimp_journey_event" cascade;`);

    this.addSql(`drop table if exists "mailchimp_journey_settings" cascade;`);
  }

}
