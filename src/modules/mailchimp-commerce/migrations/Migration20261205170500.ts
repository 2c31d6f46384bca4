import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/** Carts: sync rows of type cart, and what the plugin keeps of each cart (completion, source, lines, recovery). */
export class Migration20261205170500 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mailchimp_commerce_sync" drop constraint if exists "mailchimp_commerce_sync_object_type_check";`);
    this.addSql(`alter table if exists "mailchimp_commerce_sync" add constraint "mailchimp_commerce_sync_object_type_check" check ("object_type" in ('store', 'product', 'customer', 'order', 'merge', 'cart'));`);
    this.addSql(`create table if not exists "mailchimp_commerce_cart" ("id" text not null, "cart_id" text not null, "completed_at" timestamptz null, "order_id" text null, "campaign_id" text null, "landing_site" text null, "lines_sent" jsonb null, "recovered_at" timestamptz null, "recovery_uses" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mailchimp_commerce_cart_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mailchimp_commerce_cart_cart_id_unique" ON "mailchimp_commerce_cart" ("cart_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_commerce_cart_order_id" ON "mailchimp_commerce_cart" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_commerce_cart_deleted_at" ON "mailchimp_commerce_cart" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mailchimp_commerce_cart" cascade;`);
    this.addSql(`alter table if exists "mailchimp_commerce_sync" drop constraint if exists "mailchimp_commerce_sync_object_type_check";`);
    this.addSql(`alter table if exists "mailchimp_commerce_sync" add constraint "mailchimp_commerce_sync_object_type_check" check ("object_type" in ('store', 'product', 'customer', 'order', 'merge'));`);
  }

}
