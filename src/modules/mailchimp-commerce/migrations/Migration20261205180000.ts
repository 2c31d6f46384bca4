import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * Promotions: sync rows of type promo. The list keeps `cart` (Migration20261205170500, carts, which runs before this one) so that whichever of
 * the two runs last leaves both.
 */
export class Migration20261205180000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mailchimp_commerce_sync" drop constraint if exists "mailchimp_commerce_sync_object_type_check";`);
    this.addSql(`alter table if exists "mailchimp_commerce_sync" add constraint "mailchimp_commerce_sync_object_type_check" check ("object_type" in ('store', 'product', 'customer', 'order', 'merge', 'cart', 'promo'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "mailchimp_commerce_sync" where "object_type" = 'promo';`);
    this.addSql(`alter table if exists "mailchimp_commerce_sync" drop constraint if exists "mailchimp_commerce_sync_object_type_check";`);
    this.addSql(`alter table if exists "mailchimp_commerce_sync" add constraint "mailchimp_commerce_sync_object_type_check" check ("object_type" in ('store', 'product', 'customer', 'order', 'merge', 'cart'));`);
  }

}
