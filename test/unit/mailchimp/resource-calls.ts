import type { MailchimpClient } from "../../../src/mailchimp"

/** One call per resource method and what it must send. Shared by the transport and spec-conformance tests. */
export const L = "list1"
export const S = "store 1" // needs encoding
export const EMAIL = "Urist.McVankab@freddiesjokes.com"
export const HASH = "62eeb292278cc15f5817cb78f7790b08"

export type ResourceCall = {
  name: string
  call: (c: MailchimpClient) => Promise<unknown>
  method: string
  path: string
  query?: Record<string, string>
  body?: unknown
}

export const RESOURCE_CALLS: ResourceCall[] = [
  { name: "lists.getLists", call: (c) => c.lists.getLists({ count: 5, include_total_contacts: true }), method: "GET", path: "/lists", query: { count: "5", include_total_contacts: "true" } },
  { name: "lists.getList", call: (c) => c.lists.getList(L, { fields: ["stats", "double_optin"] }), method: "GET", path: `/lists/${L}`, query: { fields: "stats,double_optin" } },

  { name: "members.list", call: (c) => c.members.list(L, { status: "subscribed", since_last_changed: "2024-01-01T00:00:00Z" }), method: "GET", path: `/lists/${L}/members`, query: { status: "subscribed", since_last_changed: "2024-01-01T00:00:00Z" } },
  { name: "members.get by email", call: (c) => c.members.get(L, EMAIL), method: "GET", path: `/lists/${L}/members/${HASH}` },
  { name: "members.get by hash", call: (c) => c.members.get(L, HASH), method: "GET", path: `/lists/${L}/members/${HASH}` },
  { name: "members.add", call: (c) => c.members.add(L, { email_address: EMAIL, status: "pending", tags: ["medusa"] }), method: "POST", path: `/lists/${L}/members`, body: { email_address: EMAIL, status: "pending", tags: ["medusa"] } },
  {
    name: "members.upsert",
    call: (c) => c.members.upsert(L, EMAIL, { email_address: EMAIL, status_if_new: "subscribed", merge_fields: { FNAME: "Urist" } }, { skip_merge_validation: true }),
    method: "PUT",
    path: `/lists/${L}/members/${HASH}`,
    query: { skip_merge_validation: "true" },
    body: { email_address: EMAIL, status_if_new: "subscribed", merge_fields: { FNAME: "Urist" } },
  },
  { name: "members.update", call: (c) => c.members.update(L, EMAIL, { status: "unsubscribed" }), method: "PATCH", path: `/lists/${L}/members/${HASH}`, body: { status: "unsubscribed" } },
  { name: "members.archive", call: (c) => c.members.archive(L, EMAIL), method: "DELETE", path: `/lists/${L}/members/${HASH}` },
  { name: "members.deletePermanent", call: (c) => c.members.deletePermanent(L, EMAIL), method: "POST", path: `/lists/${L}/members/${HASH}/actions/delete-permanent` },
  {
    name: "members.updateTags",
    call: (c) => c.members.updateTags(L, EMAIL, [{ name: "customer", status: "active" }, { name: "lead", status: "inactive" }], { is_syncing: true }),
    method: "POST",
    path: `/lists/${L}/members/${HASH}/tags`,
    body: { tags: [{ name: "customer", status: "active" }, { name: "lead", status: "inactive" }], is_syncing: true },
  },
  {
    name: "members.batchSubscribe",
    call: (c) => c.members.batchSubscribe(L, [{ email_address: EMAIL, status: "subscribed" }], { update_existing: true }),
    method: "POST",
    path: `/lists/${L}`,
    body: { members: [{ email_address: EMAIL, status: "subscribed" }], update_existing: true },
  },

  { name: "mergeFields.list", call: (c) => c.mergeFields.list(L, { count: 100 }), method: "GET", path: `/lists/${L}/merge-fields`, query: { count: "100" } },
  { name: "mergeFields.create", call: (c) => c.mergeFields.create(L, { tag: "MEDUSAID", name: "Medusa id", type: "text" }), method: "POST", path: `/lists/${L}/merge-fields`, body: { tag: "MEDUSAID", name: "Medusa id", type: "text" } },

  { name: "webhooks.list", call: (c) => c.webhooks.list(L), method: "GET", path: `/lists/${L}/webhooks` },
  { name: "webhooks.get", call: (c) => c.webhooks.get(L, "wh1"), method: "GET", path: `/lists/${L}/webhooks/wh1` },
  {
    name: "webhooks.create",
    call: (c) => c.webhooks.create(L, { url: "https://shop.example/hooks/mailchimp", events: { unsubscribe: true, cleaned: true }, sources: { user: true, admin: true, api: false } }),
    method: "POST",
    path: `/lists/${L}/webhooks`,
    body: { url: "https://shop.example/hooks/mailchimp", events: { unsubscribe: true, cleaned: true }, sources: { user: true, admin: true, api: false } },
  },
  { name: "webhooks.update", call: (c) => c.webhooks.update(L, "wh1", { events: { profile: true } }), method: "PATCH", path: `/lists/${L}/webhooks/wh1`, body: { events: { profile: true } } },
  { name: "webhooks.delete", call: (c) => c.webhooks.delete(L, "wh1"), method: "DELETE", path: `/lists/${L}/webhooks/wh1` },

  { name: "stores.list", call: (c) => c.ecommerce.stores.list(), method: "GET", path: "/ecommerce/stores" },
  { name: "stores.get", call: (c) => c.ecommerce.stores.get(S), method: "GET", path: "/ecommerce/stores/store%201" },
  {
    name: "stores.create",
    call: (c) => c.ecommerce.stores.create({ id: "s1", list_id: L, name: "Shop", currency_code: "EUR", is_syncing: true }),
    method: "POST",
    path: "/ecommerce/stores",
    body: { id: "s1", list_id: L, name: "Shop", currency_code: "EUR", is_syncing: true },
  },
  { name: "stores.update", call: (c) => c.ecommerce.stores.update("s1", { is_syncing: false }), method: "PATCH", path: "/ecommerce/stores/s1", body: { is_syncing: false } },
  { name: "stores.delete", call: (c) => c.ecommerce.stores.delete("s1"), method: "DELETE", path: "/ecommerce/stores/s1" },
  { name: "customers.list", call: (c) => c.ecommerce.customers.list("s1", { email_address: EMAIL }), method: "GET", path: "/ecommerce/stores/s1/customers", query: { email_address: EMAIL } },
  { name: "customers.get", call: (c) => c.ecommerce.customers.get("s1", "cus_1"), method: "GET", path: "/ecommerce/stores/s1/customers/cus_1" },
  {
    name: "customers.upsert",
    call: (c) => c.ecommerce.customers.upsert("s1", "cus_1", { id: "cus_1", email_address: EMAIL, opt_in_status: false }),
    method: "PUT",
    path: "/ecommerce/stores/s1/customers/cus_1",
    body: { id: "cus_1", email_address: EMAIL, opt_in_status: false },
  },
  { name: "customers.create", call: (c) => c.ecommerce.customers.create("s1", { id: "cus_1", email_address: EMAIL, opt_in_status: true }), method: "POST", path: "/ecommerce/stores/s1/customers", body: { id: "cus_1", email_address: EMAIL, opt_in_status: true } },
  { name: "customers.update", call: (c) => c.ecommerce.customers.update("s1", "cus_1", { first_name: "Urist" }), method: "PATCH", path: "/ecommerce/stores/s1/customers/cus_1", body: { first_name: "Urist" } },
  { name: "customers.delete", call: (c) => c.ecommerce.customers.delete("s1", "cus_1"), method: "DELETE", path: "/ecommerce/stores/s1/customers/cus_1" },
  { name: "products.list", call: (c) => c.ecommerce.products.list("s1", { count: 50, offset: 100 }), method: "GET", path: "/ecommerce/stores/s1/products", query: { count: "50", offset: "100" } },
  { name: "products.get", call: (c) => c.ecommerce.products.get("s1", "prod/1"), method: "GET", path: "/ecommerce/stores/s1/products/prod%2F1" },
  {
    name: "products.create",
    call: (c) => c.ecommerce.products.create("s1", { id: "p1", title: "Mug", variants: [{ id: "v1", title: "Blue", price: 9.5 }] }),
    method: "POST",
    path: "/ecommerce/stores/s1/products",
    body: { id: "p1", title: "Mug", variants: [{ id: "v1", title: "Blue", price: 9.5 }] },
  },
  { name: "products.update", call: (c) => c.ecommerce.products.update("s1", "p1", { title: "Big mug" }), method: "PATCH", path: "/ecommerce/stores/s1/products/p1", body: { title: "Big mug" } },
  { name: "products.delete", call: (c) => c.ecommerce.products.delete("s1", "p1"), method: "DELETE", path: "/ecommerce/stores/s1/products/p1" },
  { name: "variants.list", call: (c) => c.ecommerce.variants.list("s1", "p1"), method: "GET", path: "/ecommerce/stores/s1/products/p1/variants" },
  { name: "variants.get", call: (c) => c.ecommerce.variants.get("s1", "p1", "v1"), method: "GET", path: "/ecommerce/stores/s1/products/p1/variants/v1" },
  { name: "variants.create", call: (c) => c.ecommerce.variants.create("s1", "p1", { id: "v2", title: "Red" }), method: "POST", path: "/ecommerce/stores/s1/products/p1/variants", body: { id: "v2", title: "Red" } },
  { name: "variants.upsert", call: (c) => c.ecommerce.variants.upsert("s1", "p1", "v1", { id: "v1", title: "Blue", inventory_quantity: 3 }), method: "PUT", path: "/ecommerce/stores/s1/products/p1/variants/v1", body: { id: "v1", title: "Blue", inventory_quantity: 3 } },
  { name: "variants.update", call: (c) => c.ecommerce.variants.update("s1", "p1", "v1", { price: 10 }), method: "PATCH", path: "/ecommerce/stores/s1/products/p1/variants/v1", body: { price: 10 } },
  { name: "variants.delete", call: (c) => c.ecommerce.variants.delete("s1", "p1", "v1"), method: "DELETE", path: "/ecommerce/stores/s1/products/p1/variants/v1" },
  { name: "orders.list", call: (c) => c.ecommerce.orders.list("s1", { customer_id: "cus_1" }), method: "GET", path: "/ecommerce/stores/s1/orders", query: { customer_id: "cus_1" } },
  { name: "orders.get", call: (c) => c.ecommerce.orders.get("s1", "o1"), method: "GET", path: "/ecommerce/stores/s1/orders/o1" },
  {
    name: "orders.create",
    call: (c) =>
      c.ecommerce.orders.create("s1", {
        id: "o1",
        customer: { id: "cus_1", email_address: EMAIL, opt_in_status: false },
        currency_code: "EUR",
        order_total: 19,
        campaign_id: "c1",
        lines: [{ id: "l1", product_id: "p1", product_variant_id: "v1", quantity: 2, price: 9.5 }],
      }),
    method: "POST",
    path: "/ecommerce/stores/s1/orders",
    body: {
      id: "o1",
      customer: { id: "cus_1", email_address: EMAIL, opt_in_status: false },
      currency_code: "EUR",
      order_total: 19,
      campaign_id: "c1",
      lines: [{ id: "l1", product_id: "p1", product_variant_id: "v1", quantity: 2, price: 9.5 }],
    },
  },
  { name: "orders.update", call: (c) => c.ecommerce.orders.update("s1", "o1", { financial_status: "refunded" }), method: "PATCH", path: "/ecommerce/stores/s1/orders/o1", body: { financial_status: "refunded" } },
  { name: "orders.delete", call: (c) => c.ecommerce.orders.delete("s1", "o1"), method: "DELETE", path: "/ecommerce/stores/s1/orders/o1" },

  {
    name: "batches.create (object bodies serialised)",
    call: (c) =>
      c.batches.create([
        { method: "PUT", path: "/lists/l1/members/abc", body: { email_address: "a@b.c", status_if_new: "subscribed" }, operation_id: "op1" },
        { method: "GET", path: "/lists/l1", params: { fields: "id" } },
        { method: "PATCH", path: "/lists/l1/members/abc", body: '{"vip":true}' },
      ]),
    method: "POST",
    path: "/batches",
    body: {
      operations: [
        { method: "PUT", path: "/lists/l1/members/abc", body: '{"email_address":"a@b.c","status_if_new":"subscribed"}', operation_id: "op1" },
        { method: "GET", path: "/lists/l1", params: { fields: "id" } },
        { method: "PATCH", path: "/lists/l1/members/abc", body: '{"vip":true}' },
      ],
    },
  },
  { name: "batches.get", call: (c) => c.batches.get("b1"), method: "GET", path: "/batches/b1" },
  { name: "batches.list", call: (c) => c.batches.list({ count: 20 }), method: "GET", path: "/batches", query: { count: "20" } },
  { name: "batches.delete", call: (c) => c.batches.delete("b1"), method: "DELETE", path: "/batches/b1" },

  { name: "segments.list", call: (c) => c.segments.list(L, { type: "static" }), method: "GET", path: `/lists/${L}/segments`, query: { type: "static" } },
  { name: "segments.createStatic", call: (c) => c.segments.createStatic(L, "VIP"), method: "POST", path: `/lists/${L}/segments`, body: { name: "VIP", static_segment: [] } },
  {
    name: "segments.create saved",
    call: (c) => c.segments.create(L, { name: "Big spenders", options: { match: "all", conditions: [{ condition_type: "EcommSpent", field: "ecomm_spent_sum", op: "greater", value: 500 }] } }),
    method: "POST",
    path: `/lists/${L}/segments`,
    body: { name: "Big spenders", options: { match: "all", conditions: [{ condition_type: "EcommSpent", field: "ecomm_spent_sum", op: "greater", value: 500 }] } },
  },
  { name: "segments.get", call: (c) => c.segments.get(L, 42), method: "GET", path: `/lists/${L}/segments/42` },
  { name: "segments.update", call: (c) => c.segments.update(L, 42, { name: "VIPs" }), method: "PATCH", path: `/lists/${L}/segments/42`, body: { name: "VIPs" } },
  { name: "segments.delete", call: (c) => c.segments.delete(L, "42"), method: "DELETE", path: `/lists/${L}/segments/42` },
  {
    name: "segments.changeMembers",
    call: (c) => c.segments.changeMembers(L, 42, { members_to_add: ["a@b.c"], members_to_remove: ["d@e.f"] }),
    method: "POST",
    path: `/lists/${L}/segments/42`,
    body: { members_to_add: ["a@b.c"], members_to_remove: ["d@e.f"] },
  },
  { name: "segments.listMembers", call: (c) => c.segments.listMembers(L, 42, { count: 1000 }), method: "GET", path: `/lists/${L}/segments/42/members`, query: { count: "1000" } },

  { name: "campaigns.list", call: (c) => c.campaigns.list({ status: "sent", list_id: L }), method: "GET", path: "/campaigns", query: { status: "sent", list_id: L } },
  {
    name: "campaigns.create",
    call: (c) => c.campaigns.create({ type: "regular", recipients: { list_id: L, segment_opts: { saved_segment_id: 42 } }, settings: { subject_line: "Hi", from_name: "Shop", reply_to: "shop@example.com" } }),
    method: "POST",
    path: "/campaigns",
    body: { type: "regular", recipients: { list_id: L, segment_opts: { saved_segment_id: 42 } }, settings: { subject_line: "Hi", from_name: "Shop", reply_to: "shop@example.com" } },
  },
  { name: "campaigns.get", call: (c) => c.campaigns.get("c1"), method: "GET", path: "/campaigns/c1" },
  {
    name: "campaigns.update",
    call: (c) => c.campaigns.update("c1", { settings: { subject_line: "Hello", from_name: "Shop", reply_to: "shop@example.com" } }),
    method: "PATCH",
    path: "/campaigns/c1",
    body: { settings: { subject_line: "Hello", from_name: "Shop", reply_to: "shop@example.com" } },
  },
  { name: "campaigns.delete", call: (c) => c.campaigns.delete("c1"), method: "DELETE", path: "/campaigns/c1" },
  { name: "campaigns.getContent", call: (c) => c.campaigns.getContent("c1"), method: "GET", path: "/campaigns/c1/content" },
  { name: "campaigns.setContent", call: (c) => c.campaigns.setContent("c1", { html: "<p>Hi *|FNAME|*</p>", plain_text: "Hi" }), method: "PUT", path: "/campaigns/c1/content", body: { html: "<p>Hi *|FNAME|*</p>", plain_text: "Hi" } },
  { name: "campaigns.sendTest", call: (c) => c.campaigns.sendTest("c1", { test_emails: ["qa@example.com"], send_type: "html" }), method: "POST", path: "/campaigns/c1/actions/test", body: { test_emails: ["qa@example.com"], send_type: "html" } },
  { name: "campaigns.schedule", call: (c) => c.campaigns.schedule("c1", { schedule_time: "2030-01-01T10:15:00+00:00" }), method: "POST", path: "/campaigns/c1/actions/schedule", body: { schedule_time: "2030-01-01T10:15:00+00:00" } },
  { name: "campaigns.unschedule", call: (c) => c.campaigns.unschedule("c1"), method: "POST", path: "/campaigns/c1/actions/unschedule" },
  { name: "campaigns.send", call: (c) => c.campaigns.send("c1"), method: "POST", path: "/campaigns/c1/actions/send" },
  { name: "campaigns.replicate", call: (c) => c.campaigns.replicate("c1"), method: "POST", path: "/campaigns/c1/actions/replicate" },
  { name: "campaigns.sendChecklist", call: (c) => c.campaigns.sendChecklist("c1"), method: "GET", path: "/campaigns/c1/send-checklist" },

  { name: "reports.get", call: (c) => c.reports.get("c1"), method: "GET", path: "/reports/c1" },
  {
    name: "reports.emailActivity",
    call: (c) => c.reports.emailActivity("c1", { since: "2024-05-01T00:00:00+00:00", count: 1000 }),
    method: "GET",
    path: "/reports/c1/email-activity",
    query: { since: "2024-05-01T00:00:00+00:00", count: "1000" },
  },
  { name: "reports.clickDetails", call: (c) => c.reports.clickDetails("c1", { offset: 10 }), method: "GET", path: "/reports/c1/click-details", query: { offset: "10" } },
  { name: "reports.clickDetailMembers", call: (c) => c.reports.clickDetailMembers("c1", "link1"), method: "GET", path: "/reports/c1/click-details/link1/members" },
]
