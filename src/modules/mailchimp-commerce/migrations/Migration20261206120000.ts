import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * Backfill batches may be `claimed`: a page whose records are taken (the task's cursor moved past them) but whose
 * `/batches` job is not sent yet, so that the next page is read while this one is built and uploaded. Such a row has
 * no submitted_at yet.
 */
export class Migration20261206120000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mailchimp_backfill_batch" drop constraint if exists "mailchimp_backfill_batch_status_check";`);
    this.addSql(`alter table if exists "mailchimp_backfill_batch" add constraint "mailchimp_backfill_batch_status_check" check ("status" in ('claimed', 'submitted', 'finished', 'failed'));`);
    this.addSql(`alter table if exists "mailchimp_backfill_batch" alter column "submitted_at" drop not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "mailchimp_backfill_batch" where "status" = 'claimed';`);
    this.addSql(`alter table if exists "mailchimp_backfill_batch" alter column "submitted_at" set not null;`);
    this.addSql(`alter table if exists "mailchimp_backfill_batch" drop constraint if exists "mailchimp_backfill_batch_status_check";`);
    this.addSql(`alter table if exists "mailchimp_backfill_batch" add constraint "mailchimp_backfill_batch_status_check" check ("status" in ('submitted', 'finished', 'failed'));`);
  }

}
