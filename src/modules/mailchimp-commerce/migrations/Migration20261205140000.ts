import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/** Merge-fields jobs carry the subscriber hash of the address, not the address: their rows are found by it. */
export class Migration20261205140000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_commerce_sync_merge_hash" ON "mailchimp_commerce_sync" (md5(lower(object_id))) WHERE object_type = 'merge' AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_mailchimp_commerce_sync_merge_hash";`);
  }

}
