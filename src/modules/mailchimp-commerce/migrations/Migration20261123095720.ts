import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123095720 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mailchimp_purchase_profile" drop constraint if exists "mailchimp_purchase_profile_email_unique";`);
    this.addSql(`alter table if exists "mailchimp_purchase_order" drop constraint if exists "mailchimp_purchase_order_order_id_unique";`);
    this.addSql(`alter table if exists "mailchimp_commerce_sync" drop constraint if exists "mailchimp_commerce_sync_object_type_object_id_unique";`);
    this.addSql(`alter table if exists "mailchimp_backfill_task" drop constraint if exists "mailchimp_backfill_task_run_id_kind_unique";`);
    this.addSql(`create table if not exists "mailchimp_backfill_batch" ("id" text not null, "run_id" text not null, "kind" text check ("kind" in ('products', 'customers', 'orders', 'merge_fields', 'members')) not null, "page" integer not null, "attempt" integer not null default 0, "mailchimp_batch_id" text null, "status" text check ("status" in ('submitted', 'finished', 'failed')) not null default 'submitted', "object_ids" text[] not null, "operations" integer not null, "succeeded" integer not null default 0, "errored" integer not null default 0, "retried" integer not null default 0, "skipped" integer not null default 0, "polls" integer not null default 0, "submitted_at" timestamptz not null, "finished_at" timestamptz null, "error" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mailchimp_backfill_batch_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_backfill_batch_deleted_at" ON "mailchimp_backfill_batch" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_backfill_batch_run_id_kind_status" ON "mailchimp_backfill_batch" ("run_id", "kind", "status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_backfill_batch_mailchimp_batch_id" ON "mailchimp_backfill_batch" ("mailchimp_batch_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "mailchimp_backfill_run" ("id" text not null, "status" text check ("status" in ('running', 'completed', 'failed', 'canceled')) not null default 'running', "objects" text[] not null, "since" timestamptz null, "started_at" timestamptz not null, "finished_at" timestamptz null, "count_check" jsonb null, "error" jsonb null, "poller" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mailchimp_backfill_run_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_backfill_run_deleted_at" ON "mailchimp_backfill_run" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_backfill_run_status_created_at" ON "mailchimp_backfill_run" ("status", "created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "mailchimp_backfill_task" ("id" text not null, "run_id" text not null, "kind" text check ("kind" in ('products', 'customers', 'orders', 'merge_fields')) not null, "status" text check ("status" in ('waiting', 'sending', 'sent', 'finished')) not null default 'waiting', "cursor" text null, "page" integer not null default 0, "total" integer not null default 0, "started_at" timestamptz null, "finished_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mailchimp_backfill_task_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_backfill_task_deleted_at" ON "mailchimp_backfill_task" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mailchimp_backfill_task_run_id_kind_unique" ON "mailchimp_backfill_task" ("run_id", "kind") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "mailchimp_commerce_sync" ("id" text not null, "object_type" text check ("object_type" in ('store', 'product', 'customer', 'order', 'merge')) not null, "object_id" text not null, "action" text check ("action" in ('upsert', 'delete')) not null default 'upsert', "status" text check ("status" in ('pending', 'synced', 'failed', 'skipped')) not null default 'pending', "remote_exists" boolean not null default false, "requested_at" timestamptz not null, "revision" integer not null default 0, "synced_at" timestamptz null, "attempts" integer not null default 0, "error" jsonb null, "note" text null, "payload_hash" text null, "backfill_run_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mailchimp_commerce_sync_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_commerce_sync_deleted_at" ON "mailchimp_commerce_sync" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mailchimp_commerce_sync_object_type_object_id_unique" ON "mailchimp_commerce_sync" ("object_type", "object_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_commerce_sync_status_updated_at" ON "mailchimp_commerce_sync" ("status", "updated_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_commerce_sync_backfill_run_id_status" ON "mailchimp_commerce_sync" ("backfill_run_id", "status") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "mailchimp_purchase_order" ("id" text not null, "order_id" text not null, "email" text not null, "customer_id" text null, "currency_code" text not null, "status" text check ("status" in ('placed', 'canceled')) not null, "total" numeric not null, "refunded_total" numeric not null, "net_total" numeric not null, "placed_at" timestamptz not null, "canceled_at" timestamptz null, "product_ids" text[] not null, "variant_ids" text[] not null, "category_ids" text[] not null, "collection_ids" text[] not null, "campaign_id" text null, "raw_total" jsonb not null, "raw_refunded_total" jsonb not null, "raw_net_total" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mailchimp_purchase_order_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_purchase_order_deleted_at" ON "mailchimp_purchase_order" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mailchimp_purchase_order_order_id_unique" ON "mailchimp_purchase_order" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_purchase_order_email_placed_at" ON "mailchimp_purchase_order" ("email", "placed_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_purchase_order_product_ids" ON "mailchimp_purchase_order" USING GIN ("product_ids") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_purchase_order_variant_ids" ON "mailchimp_purchase_order" USING GIN ("variant_ids") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_purchase_order_category_ids" ON "mailchimp_purchase_order" USING GIN ("category_ids") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_purchase_order_collection_ids" ON "mailchimp_purchase_order" USING GIN ("collection_ids") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "mailchimp_purchase_profile" ("id" text not null, "email" text not null, "customer_id" text null, "currency_code" text not null, "orders_count" integer not null, "spent_orders_count" integer not null, "total_spent" numeric not null, "average_order" numeric not null, "canceled_count" integer not null, "first_order_at" timestamptz null, "last_order_at" timestamptz null, "other_currencies" jsonb not null, "product_ids" text[] not null, "variant_ids" text[] not null, "category_ids" text[] not null, "collection_ids" text[] not null, "raw_total_spent" jsonb not null, "raw_average_order" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mailchimp_purchase_profile_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_purchase_profile_deleted_at" ON "mailchimp_purchase_profile" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mailchimp_purchase_profile_email_unique" ON "mailchimp_purchase_profile" ("email") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_purchase_profile_customer_id" ON "mailchimp_purchase_profile" ("customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_purchase_profile_last_order_at" ON "mailchimp_purchase_profile" ("last_order_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_purchase_profile_product_ids" ON "mailchimp_purchase_profile" USING GIN ("product_ids") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_purchase_profile_variant_ids" ON "mailchimp_purchase_profile" USING GIN ("variant_ids") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_purchase_profile_category_ids" ON "mailchimp_purchase_profile" USING GIN ("category_ids") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_purchase_profile_collection_ids" ON "mailchimp_purchase_profile" USING GIN ("collection_ids") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mailchimp_backfill_batch" cascade;`);

    this.addSql(`drop table if exists "mailchimp_backfill_run" cascade;`);

    this.addSql(`drop table if exists "mailchimp_backfill_task" cascade;`);

    this.addSql(`drop table if exists "mailchimp_commerce_sync" cascade;`);

    this.addSql(`drop table if exists "mailchimp_purchase_order" cascade;`);

    this.addSql(`drop table if exists "mailchimp_purchase_profile" cascade;`);
  }

}
