import { Migration } from "@medusajs/framework/mikro-orm/migrations";
import { FILL_PURCHASE_ITEMS } from "../sql/purchase-items";

/**
 * The purchase items (sql/purchase-items.ts): a table without a model, derived from the purchase rows, read by the
 * segments' "bought X within N days". No id or timestamps of its own (its rows are replaced, never edited), so the
 * index that serves the segment query holds everything it reads.
 */
export class Migration20261206053000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "mailchimp_purchase_item" ("purchase_order_id" text not null, "item_type" text not null, "item_id" text not null, "placed_at" timestamptz not null, "email" text not null);`);
    this.addSql(`${FILL_PURCHASE_ITEMS} AND NOT EXISTS (SELECT 1 FROM mailchimp_purchase_item);`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_purchase_item_item_placed_at" ON "mailchimp_purchase_item" ("item_type", "item_id", "placed_at") INCLUDE ("email");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailchimp_purchase_item_purchase_order_id" ON "mailchimp_purchase_item" ("purchase_order_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mailchimp_purchase_item" cascade;`);
  }

}
