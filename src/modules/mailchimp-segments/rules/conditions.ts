import { z } from "@medusajs/framework/zod"

/**
 * What a segment's conditions may say, validated before anything is stored. Each condition is
 * one kind (`type`) with its own fields, so a bad one is reported at its own path
 * (`conditions.2.days`). Dates are relative ("within N days", "more than N days ago") so a segment
 * stays true over time and is re-evaluated on a schedule.
 */

const days = z.number().int().min(1).max(36_500)
const ids = z.array(z.string().trim().min(1).max(200)).min(1).max(500)
const compare = z.enum(["gt", "gte", "lt", "lte", "eq"])
const relativeDate = z.enum(["within_days", "more_than_days_ago"])

export const PurchaseFigureCondition = z
  .object({
    type: z.enum(["orders_count", "total_spent", "average_order"]),
    op: compare,
    value: z.number().min(0).max(1e12),
  })
  .strict()

export const OrderDateCondition = z
  .object({
    type: z.enum(["first_order_date", "last_order_date"]),
    op: relativeDate,
    days,
  })
  .strict()

export const BoughtCondition = z
  .object({
    type: z.enum(["bought", "not_bought"]),
    item: z.enum(["product", "variant", "category", "collection"]),
    ids,
    // Only orders placed in the last N days count (none given: any time).
    within_days: days.optional(),
  })
  .strict()

export const CountryCondition = z
  .object({
    type: z.literal("country"),
    op: z.enum(["in", "not_in"]),
    countries: z
      .array(z.string().trim().regex(/^[A-Za-z]{2}$/, "countries: each a two-letter country code"))
      .min(1)
      .max(300),
  })
  .strict()

export const CustomerGroupCondition = z
  .object({
    type: z.literal("customer_group"),
    op: z.enum(["in", "not_in"]),
    group_ids: ids,
  })
  .strict()

export const CustomerCreatedCondition = z
  .object({
    type: z.literal("customer_created"),
    op: relativeDate,
    days,
  })
  .strict()

export const HasAccountCondition = z
  .object({
    type: z.literal("has_account"),
    value: z.boolean(),
  })
  .strict()

export const EngagementCondition = z
  .object({
    type: z.literal("engagement"),
    // opened / clicked: at least once; never_opened: no open at all (in the window, of that campaign).
    action: z.enum(["opened", "clicked", "never_opened"]),
    campaign_id: z.string().trim().min(1).max(100).optional(),
    within_days: days.optional(),
  })
  .strict()

const CONDITIONS = [
  PurchaseFigureCondition,
  OrderDateCondition,
  BoughtCondition,
  CountryCondition,
  CustomerGroupCondition,
  CustomerCreatedCondition,
  HasAccountCondition,
  EngagementCondition,
] as const

export const CONDITION_TYPES = [
  "orders_count", "total_spent", "average_order", "first_order_date", "last_order_date", "bought", "not_bought",
  "country", "customer_group", "customer_created", "has_account", "engagement",
]

export const SegmentCondition = z.discriminatedUnion("type", CONDITIONS, {
  // Zod's own words ("Invalid input") would not say which field is wrong.
  error: (issue) =>
    issue.code === "invalid_union" ? `conditions: type must be one of: ${CONDITION_TYPES.join(", ")}` : undefined,
})

export type SegmentConditionType = z.infer<typeof SegmentCondition>

export const SegmentMatch = z.enum(["all", "any"])

export const SegmentDefinition = z
  .object({
    match: SegmentMatch.default("all"),
    conditions: z.array(SegmentCondition).min(1).max(20),
  })
  .strict()

export type SegmentDefinitionType = { match: "all" | "any"; conditions: SegmentConditionType[] }
