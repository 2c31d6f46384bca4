import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/** Jobs carry subscriber hashes, not addresses: members are found by the md5 of their address. */
export class Migration20261205141000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_member_email_hash" ON "mailchimp_member" (md5(lower(email))) WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_mailchimp_member_email_hash";`);
  }

}
