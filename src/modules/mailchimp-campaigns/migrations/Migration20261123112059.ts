import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123112059 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mailchimp_campaign" drop constraint if exists "mailchimp_campaign_mailchimp_campaign_id_unique";`);
    this.addSql(`alter table if exists "mailchimp_email_activity" drop constraint if exists "mailchimp_email_activity_campaign_id_email_action_occurred_at_unique";`);
    this.addSql(`alter table if exists "mailchimp_campaign_report" drop constraint if exists "mailchimp_campaign_report_campaign_id_unique";`);
    this.addSql(`create table if not exists "mailchimp_campaign_report" ("id" text not null, "campaign_id" text not null, "mailchimp_campaign_id" text not null, "emails_sent" integer not null default 0, "opens" integer not null default 0, "unique_opens" integer not null default 0, "open_rate" real not null default 0, "clicks" integer not null default 0, "unique_clicks" integer not null default 0, "click_rate" real not null default 0, "hard_bounces" integer not null default 0, "soft_bounces" integer not null default 0, "unsubscribed" integer not null default 0, "abuse_reports" integer not null default 0, "pulled_at" timestamptz null, "last_activity_pulled_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mailchimp_campaign_report_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_campaign_report_deleted_at" ON "mailchimp_campaign_report" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mailchimp_campaign_report_campaign_id_unique" ON "mailchimp_campaign_report" ("campaign_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "mailchimp_email_activity" ("id" text not null, "campaign_id" text not null, "email" text not null, "customer_id" text null, "action" text not null, "occurred_at" timestamptz not null, "url" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mailchimp_email_activity_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_email_activity_deleted_at" ON "mailchimp_email_activity" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mailchimp_email_activity_campaign_id_email_action_occurred_at_unique" ON "mailchimp_email_activity" ("campaign_id", "email", "action", "occurred_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_email_activity_email_action_occurred_at" ON "mailchimp_email_activity" ("email", "action", "occurred_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "mailchimp_campaign" ("id" text not null, "mailchimp_campaign_id" text null, "segment_id" text null, "mailchimp_segment_id" integer null, "subject" text not null, "preview_text" text null, "from_name" text not null, "reply_to" text not null, "title" text null, "content_type" text check ("content_type" in ('html', 'plain', 'template')) not null default 'html', "html" text null, "plain_text" text null, "template_id" integer null, "status" text check ("status" in ('save', 'paused', 'schedule', 'sending', 'sent', 'canceled')) not null default 'save', "scheduled_at" timestamptz null, "sent_at" timestamptz null, "emails_sent" integer null, "sync_status" text check ("sync_status" in ('pending', 'synced', 'failed')) not null default 'pending', "last_action" text null, "error" jsonb null, "replicated_from" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mailchimp_campaign_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_campaign_deleted_at" ON "mailchimp_campaign" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mailchimp_campaign_mailchimp_campaign_id_unique" ON "mailchimp_campaign" ("mailchimp_campaign_id") WHERE deleted_at IS NULL AND mailchimp_campaign_id IS NOT NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_campaign_status_sent_at" ON "mailchimp_campaign" ("status", "sent_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mailchimp_campaign_report" cascade;`);

    this.addSql(`drop table if exists "mailchimp_email_activity" cascade;`);

    this.addSql(`drop table if exists "mailchimp_campaign" cascade;`);
  }

}
