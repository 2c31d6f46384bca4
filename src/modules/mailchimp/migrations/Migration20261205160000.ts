import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * Interest groups and marketing permissions: the categories the merchant offers, per audience; a member's
 * interests (by id) and granted permissions as Mailchimp last showed them, and the INTERESTS names of the last
 * profile webhook, which tell when to read them again.
 */
export class Migration20261205160000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`ALTER TABLE IF EXISTS "mailchimp_settings" ADD COLUMN IF NOT EXISTS "interest_categories" jsonb NULL;`);
    this.addSql(`ALTER TABLE IF EXISTS "mailchimp_member" ADD COLUMN IF NOT EXISTS "interests" jsonb NULL, ADD COLUMN IF NOT EXISTS "marketing_permissions" jsonb NULL, ADD COLUMN IF NOT EXISTS "interest_names" text NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`ALTER TABLE IF EXISTS "mailchimp_settings" DROP COLUMN IF EXISTS "interest_categories";`);
    this.addSql(`ALTER TABLE IF EXISTS "mailchimp_member" DROP COLUMN IF EXISTS "interests", DROP COLUMN IF EXISTS "marketing_permissions", DROP COLUMN IF EXISTS "interest_names";`);
  }

}
