import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261205161500 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "mailchimp_campaign_test_send" ("id" text not null, "campaign_id" text not null, "emails" text[] not null, "send_type" text check ("send_type" in ('html', 'plaintext')) null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mailchimp_campaign_test_send_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_campaign_test_send_deleted_at" ON "mailchimp_campaign_test_send" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mailchimp_campaign_test_send" cascade;`);
  }

}
