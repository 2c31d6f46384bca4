import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * A segment belongs to one audience (docs/sales-channels.md). The plugin's audience is an option, which a migration
 * cannot read: existing rows keep a null, read as the plugin's audience, exactly as they were evaluated and synced.
 */
export class Migration20261205223000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`ALTER TABLE IF EXISTS "mailchimp_segment" ADD COLUMN IF NOT EXISTS "audience_id" text NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`ALTER TABLE IF EXISTS "mailchimp_segment" DROP COLUMN IF EXISTS "audience_id";`);
  }

}
