import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123094313 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mailchimp_job_run" drop constraint if exists "mailchimp_job_run_name_unique";`);
    this.addSql(`create table if not exists "mailchimp_erasure" ("id" text not null, "audience_id" text not null, "subscriber_hash" text not null, "mode" text check ("mode" in ('archive', 'delete-permanent')) not null, "trigger" text check ("trigger" in ('customer_deleted', 'admin_request')) not null, "requested_by" text null, "requested_at" timestamptz not null, "history" jsonb null, "status" text check ("status" in ('pending', 'done', 'failed')) not null default 'pending', "outcome" text null, "error" jsonb null, "erased_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mailchimp_erasure_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_erasure_deleted_at" ON "mailchimp_erasure" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_erasure_status_created_at" ON "mailchimp_erasure" ("status", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_erasure_subscriber_hash" ON "mailchimp_erasure" ("subscriber_hash") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "mailchimp_job_run" ("id" text not null, "name" text not null, "started_at" timestamptz not null, "finished_at" timestamptz not null, "duration_ms" integer not null, "outcome" text check ("outcome" in ('ok', 'failed')) not null, "result" jsonb null, "error" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mailchimp_job_run_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_job_run_deleted_at" ON "mailchimp_job_run" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mailchimp_job_run_name_unique" ON "mailchimp_job_run" ("name") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "mailchimp_settings" ("id" text not null, "audience_id" text null, "double_opt_in" text check ("double_opt_in" in ('audience', 'on', 'off')) null, "checkout_label" text null, "tags" text[] null, "merge_fields" jsonb null, "updated_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mailchimp_settings_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_settings_deleted_at" ON "mailchimp_settings" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "mailchimp_consent" drop constraint if exists "mailchimp_consent_sync_status_check";`);

    this.addSql(`alter table if exists "mailchimp_consent" add column if not exists "customer_email" text null;`);
    this.addSql(`alter table if exists "mailchimp_consent" add constraint "mailchimp_consent_sync_status_check" check("sync_status" in ('pending', 'synced', 'failed', 'superseded'));`);

    this.addSql(`alter table if exists "mailchimp_member" add column if not exists "customer_email" text null, add column if not exists "customer_changed_at" timestamptz null, add column if not exists "customer_synced_at" timestamptz null, add column if not exists "group_tags" jsonb null;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_member_customer_changed_at" ON "mailchimp_member" ("customer_changed_at") WHERE customer_changed_at IS NOT NULL AND (customer_synced_at IS NULL OR customer_changed_at > customer_synced_at) AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mailchimp_erasure" cascade;`);

    this.addSql(`drop table if exists "mailchimp_job_run" cascade;`);

    this.addSql(`drop table if exists "mailchimp_settings" cascade;`);

    this.addSql(`alter table if exists "mailchimp_consent" drop constraint if exists "mailchimp_consent_sync_status_check";`);

    this.addSql(`alter table if exists "mailchimp_consent" drop column if exists "customer_email";`);

    this.addSql(`alter table if exists "mailchimp_consent" add constraint "mailchimp_consent_sync_status_check" check("sync_status" in ('pending', 'synced', 'failed'));`);

    this.addSql(`drop index if exists "IDX_mailchimp_member_customer_changed_at";`);
    this.addSql(`alter table if exists "mailchimp_member" drop column if exists "customer_email", drop column if exists "customer_changed_at", drop column if exists "customer_synced_at", drop column if exists "group_tags";`);
  }

}
