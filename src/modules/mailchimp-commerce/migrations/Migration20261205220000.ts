import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/** The merchant's saved settings of the commerce module (the sales channel mapping): one row. */
export class Migration20261205220000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "mailchimp_commerce_settings" ("id" text not null, "sales_channels" jsonb null, "updated_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mailchimp_commerce_settings_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_commerce_settings_deleted_at" ON "mailchimp_commerce_settings" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mailchimp_commerce_settings" cascade;`);
  }

}
