import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261205130000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mailchimp_consent" add column if not exists "retry_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "mailchimp_consent" drop column if exists "retry_at";`);
  }

}
