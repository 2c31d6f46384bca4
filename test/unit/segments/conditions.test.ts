import { SegmentCondition, SegmentDefinition } from "../../../src/modules/mailchimp-segments/rules/conditions"
import { compileSegmentQuery } from "../../../src/modules/mailchimp-segments/sql/compile"

describe("segment conditions", () => {
  it("accepts each kind of condition", () => {
    const ok = [
      { type: "orders_count", op: "gte", value: 2 },
      { type: "total_spent", op: "lt", value: 100.5 },
      { type: "last_order_date", op: "more_than_days_ago", days: 90 },
      { type: "bought", item: "category", ids: ["pcat_1"], within_days: 30 },
      { type: "not_bought", item: "collection", ids: ["pcol_1"] },
      { type: "country", op: "not_in", countries: ["de", "FR"] },
      { type: "customer_group", op: "in", group_ids: ["cusgroup_1"] },
      { type: "customer_created", op: "within_days", days: 7 },
      { type: "has_account", value: false },
      { type: "engagement", action: "clicked", campaign_id: "abc", within_days: 14 },
      { type: "engagement", action: "never_opened" },
    ]
    for (const c of ok) expect(SegmentCondition.safeParse(c).success).toBe(true)
  })

  it("names the field at fault", () => {
    const path = (c: unknown) => SegmentDefinition.safeParse({ conditions: [c] }).error?.issues.map((i) => i.path.join("."))
    expect(path({ type: "orders_count", op: "gt" })).toEqual(["conditions.0.value"])
    expect(path({ type: "bought", item: "brand", ids: ["x"] })).toEqual(["conditions.0.item"])
    expect(path({ type: "country", op: "in", countries: ["USA"] })).toEqual(["conditions.0.countries.0"])
    expect(path({ type: "has_account", value: true, extra: 1 })).toEqual(["conditions.0"])
    const unknown = SegmentCondition.safeParse({ type: "favourite_colour" }).error!.issues[0]
    expect(unknown.message).toContain("type must be one of")
  })

  it("compiles to one parameterised query: values are bindings, never spliced", () => {
    const q = compileSegmentQuery(
      {
        match: "any",
        conditions: [
          { type: "total_spent", op: "gt", value: 50 },
          { type: "bought", item: "product", ids: ["prod_'; DROP TABLE x; --"] },
          { type: "engagement", action: "opened", campaign_id: "c1", within_days: 30 },
        ],
      },
      { audienceId: "aud", email: "Ada@Example.com" }
    )
    expect(q.sql).not.toContain("DROP TABLE")
    expect(q.sql).toContain(" OR ")
    expect(q.bindings).toEqual(["aud", "ada@example.com", 50, ["prod_'; DROP TABLE x; --"], "open", "c1", 30])
    expect(q.sql.split("?").length - 1).toBe(q.bindings.length)
  })
})
