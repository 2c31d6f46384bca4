import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * A campaign is aimed at one audience (docs/sales-channels.md). The plugin's audience is an option, which a migration
 * cannot read: existing rows keep a null, read as the plugin's audience, the list they were created on.
 */
export class Migration20261205223100 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`ALTER TABLE IF EXISTS "mailchimp_campaign" ADD COLUMN IF NOT EXISTS "audience_id" text NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`ALTER TABLE IF EXISTS "mailchimp_campaign" DROP COLUMN IF EXISTS "audience_id";`);
  }

}
