import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/** Audience webhooks are not signed: the signing secret goes; a rotation keeps the previous URL for a while. */
export class Migration20261205120000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mailchimp_webhook_registration" drop column if exists "signing_secret";`);
    this.addSql(`alter table if exists "mailchimp_webhook_registration" add column if not exists "previous_url" text null, add column if not exists "previous_url_until" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "mailchimp_webhook_registration" drop column if exists "previous_url", drop column if exists "previous_url_until";`);
    this.addSql(`alter table if exists "mailchimp_webhook_registration" add column if not exists "signing_secret" text null;`);
  }

}
