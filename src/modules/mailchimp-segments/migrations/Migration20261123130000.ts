import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123130000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "mailchimp_segment" ("id" text not null, "name" text not null, "match" text check ("match" in ('all', 'any')) not null default 'all', "conditions" jsonb not null, "mailchimp_segment_id" text null, "mailchimp_name" text null, "member_count" integer not null default 0, "evaluated_at" timestamptz null, "sync_status" text check ("sync_status" in ('pending', 'synced', 'failed')) not null default 'pending', "last_synced_at" timestamptz null, "error" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mailchimp_segment_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_segment_deleted_at" ON "mailchimp_segment" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_segment_name" ON "mailchimp_segment" ("name") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "mailchimp_segment_member" ("id" text not null, "segment_id" text not null, "email" text not null, "customer_id" text null, "in_segment" boolean not null default true, "in_mailchimp" boolean not null default false, "added_at" timestamptz null, "claimed_at" timestamptz null, "failed_at" timestamptz null, "error" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mailchimp_segment_member_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_segment_member_deleted_at" ON "mailchimp_segment_member" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mailchimp_segment_member_segment_id_email_unique" ON "mailchimp_segment_member" ("segment_id", "email") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_segment_member_email" ON "mailchimp_segment_member" ("email") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_segment_member_to_add" ON "mailchimp_segment_member" ("segment_id", "email") WHERE deleted_at IS NULL AND in_segment AND NOT in_mailchimp;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_segment_member_to_remove" ON "mailchimp_segment_member" ("segment_id", "email") WHERE deleted_at IS NULL AND NOT in_segment AND in_mailchimp;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mailchimp_segment_member" cascade;`);
    this.addSql(`drop table if exists "mailchimp_segment" cascade;`);
  }

}
