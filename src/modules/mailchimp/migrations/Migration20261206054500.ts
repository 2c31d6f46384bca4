import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * The consent rule of a segment over a whole audience (mailchimp-segments sql/compile.ts): its opt-ins, read from an
 * index alone for the semi-join, and its withdrawals (opt-out, cleaning, erasure), few, found without reading every
 * consent row.
 */
export class Migration20261206054500 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_consent_opt_in" ON "mailchimp_consent" ("audience_id", "email") WHERE action = 'opt_in' AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_consent_withdrawal" ON "mailchimp_consent" ("audience_id", "email", "created_at") WHERE action IN ('opt_out', 'cleaned', 'erased') AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_mailchimp_consent_opt_in";`);
    this.addSql(`drop index if exists "IDX_mailchimp_consent_withdrawal";`);
  }

}
