import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/** An erasure keeps a receipt of what was removed where, and the e-commerce objects still to delete in Mailchimp. */
export class Migration20261205134000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mailchimp_erasure" add column if not exists "receipt" jsonb null, add column if not exists "pending_remote" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "mailchimp_erasure" drop column if exists "receipt", drop column if exists "pending_remote";`);
  }

}
