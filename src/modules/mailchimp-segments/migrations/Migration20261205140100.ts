import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/** Segment refresh jobs carry the subscriber hash of the address, not the address: rows are found by it. */
export class Migration20261205140100 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_segment_member_email_hash" ON "mailchimp_segment_member" (md5(lower(email))) WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_mailchimp_segment_member_email_hash";`);
  }

}
