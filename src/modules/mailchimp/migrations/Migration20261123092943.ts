import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123092943 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mailchimp_webhook_registration" drop constraint if exists "mailchimp_webhook_registration_audience_id_unique";`);
    this.addSql(`alter table if exists "mailchimp_webhook_event" drop constraint if exists "mailchimp_webhook_event_fingerprint_unique";`);
    this.addSql(`alter table if exists "mailchimp_member" drop constraint if exists "mailchimp_member_audience_id_email_unique";`);
    this.addSql(`alter table if exists "mailchimp_consent" drop constraint if exists "mailchimp_consent_order_id_unique";`);
    this.addSql(`create table if not exists "mailchimp_consent" ("id" text not null, "email" text not null, "customer_id" text null, "audience_id" text not null, "action" text check ("action" in ('opt_in', 'opt_out', 'cleaned', 'email_changed', 'erased')) not null, "source" text check ("source" in ('checkout', 'signup', 'account', 'admin', 'mailchimp')) not null, "order_id" text null, "cart_id" text null, "evidence" jsonb not null, "profile" jsonb null, "requested_status" text null, "mailchimp_status" text null, "sync_status" text check ("sync_status" in ('pending', 'synced', 'failed')) not null default 'pending', "sync_error" jsonb null, "sync_attempts" integer not null default 0, "synced_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mailchimp_consent_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_consent_deleted_at" ON "mailchimp_consent" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mailchimp_consent_order_id_unique" ON "mailchimp_consent" ("order_id") WHERE order_id IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_consent_sync_status_created_at" ON "mailchimp_consent" ("sync_status", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_consent_email" ON "mailchimp_consent" ("email") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_consent_customer_id" ON "mailchimp_consent" ("customer_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "mailchimp_member" ("id" text not null, "audience_id" text not null, "email" text not null, "customer_id" text null, "status" text check ("status" in ('subscribed', 'pending', 'unsubscribed', 'cleaned', 'archived', 'transactional')) not null, "status_at" timestamptz not null, "status_source" text check ("status_source" in ('checkout', 'signup', 'account', 'admin', 'mailchimp')) not null, "reason" text null, "campaign_id" text null, "merge_fields" jsonb null, "profile_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mailchimp_member_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_member_deleted_at" ON "mailchimp_member" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mailchimp_member_audience_id_email_unique" ON "mailchimp_member" ("audience_id", "email") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_member_customer_id" ON "mailchimp_member" ("customer_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "mailchimp_webhook_event" ("id" text not null, "fingerprint" text not null, "type" text not null, "audience_id" text null, "email" text null, "fired_at" timestamptz not null, "payload" jsonb not null, "status" text check ("status" in ('received', 'applied', 'ignored', 'failed')) not null default 'received', "outcome" text null, "applied_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mailchimp_webhook_event_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_webhook_event_deleted_at" ON "mailchimp_webhook_event" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mailchimp_webhook_event_fingerprint_unique" ON "mailchimp_webhook_event" ("fingerprint") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_webhook_event_status_created_at" ON "mailchimp_webhook_event" ("status", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_webhook_event_type" ON "mailchimp_webhook_event" ("type") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "mailchimp_webhook_registration" ("id" text not null, "audience_id" text not null, "webhook_id" text not null, "url" text not null, "signing_secret" text null, "events" jsonb not null, "sources" jsonb not null, "registered_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mailchimp_webhook_registration_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_webhook_registration_deleted_at" ON "mailchimp_webhook_registration" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mailchimp_webhook_registration_audience_id_unique" ON "mailchimp_webhook_registration" ("audience_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mailchimp_consent" cascade;`);

    this.addSql(`drop table if exists "mailchimp_member" cascade;`);

    this.addSql(`drop table if exists "mailchimp_webhook_event" cascade;`);

    this.addSql(`drop table if exists "mailchimp_webhook_registration" cascade;`);
  }

}
