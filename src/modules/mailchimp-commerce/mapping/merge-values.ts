import type { MergeFieldCreateBody } from "../../../mailchimp"
import type { CommerceOptions } from "../options"
import { money } from "./money"

export type ProfileFigures = {
  orders_count: number
  total_spent: unknown
  first_order_at: Date | string | null
  last_order_at: Date | string | null
}

type Tags = CommerceOptions["purchaseMergeFields"]

/** The merge fields the plugin writes, with the type each is created with when the audience lacks it. */
export function purchaseMergeFieldDefinitions(tags: Tags): MergeFieldCreateBody[] {
  const defs: (MergeFieldCreateBody | null)[] = [
    tags.orders ? { tag: tags.orders, name: "Orders", type: "number", public: false } : null,
    tags.spent ? { tag: tags.spent, name: "Total spent", type: "number", public: false } : null,
    tags.firstOrder
      ? { tag: tags.firstOrder, name: "First order", type: "date", public: false, options: { date_format: "YYYY-MM-DD" } }
      : null,
    tags.lastOrder
      ? { tag: tags.lastOrder, name: "Last order", type: "date", public: false, options: { date_format: "YYYY-MM-DD" } }
      : null,
  ]
  return defs.filter((d): d is MergeFieldCreateBody => !!d)
}

function day(value: Date | string | null): string {
  if (!value) return ""
  const d = value instanceof Date ? value : new Date(value)
  return Number.isNaN(d.getTime()) ? "" : d.toISOString().slice(0, 10)
}

/** A profile as merge field values: a buyer whose orders were all canceled gets 0 and empty dates. */
export function purchaseMergeValues(profile: ProfileFigures, tags: Tags): Record<string, string | number> {
  const values: Record<string, string | number> = {}
  if (tags.orders) values[tags.orders] = profile.orders_count
  if (tags.spent) values[tags.spent] = Math.round(money(profile.total_spent) * 100) / 100
  if (tags.firstOrder) values[tags.firstOrder] = day(profile.first_order_at)
  if (tags.lastOrder) values[tags.lastOrder] = day(profile.last_order_at)
  return values
}
