import { CONDITION_TYPES, SegmentCondition, SegmentDefinition } from "../../../src/modules/mailchimp-segments/rules/conditions"
import {
  checkCondition,
  checkSegmentForm,
  CONDITION_KINDS,
  definitionOf,
  draftCondition,
  newSegmentForm,
  segmentFormValues,
  segmentServerErrors,
} from "../../../src/admin/lib/segment-form"

/** A draft of each kind, filled the way a merchant would (pickers given one id). */
function filled(type: (typeof CONDITION_KINDS)[number]["type"]) {
  const d = draftCondition(type)
  if (type === "bought" || type === "not_bought" || type === "customer_group") d.picked = [{ id: "prod_1", label: "Shirt" }]
  if (type === "country") d.countries = "dk, SE"
  return d
}

describe("the segment builder's form", () => {
  it("offers every condition kind the server accepts, and builds each in the server's shape", () => {
    expect(CONDITION_KINDS.map((k) => k.type).sort()).toEqual([...CONDITION_TYPES].sort())
    for (const { type } of CONDITION_KINDS) {
      const { condition, errors } = checkCondition(filled(type))
      expect(errors).toEqual({})
      expect(SegmentCondition.safeParse(condition).success).toBe(true)
    }
  })

  it("a new form is a definition the server accepts (orders_count ≥ 1), so the preview can count at once", () => {
    const def = definitionOf(newSegmentForm())
    expect(def).toEqual({ match: "all", conditions: [{ type: "orders_count", op: "gte", value: 1 }] })
    expect(SegmentDefinition.safeParse(def).success).toBe(true)
  })

  it("refuses what the server would refuse, at the field, and asks no preview then", () => {
    const v = newSegmentForm()
    v.conditions[0].value = "1.5"
    const days = filled("last_order_date")
    days.days = "0"
    const country = filled("country")
    country.countries = "DK, USA"
    const group = draftCondition("customer_group")
    v.conditions.push(days, country, group)
    const { errors, body } = checkSegmentForm(v)
    expect(body).toBeUndefined()
    expect(errors).toEqual({
      name: "Give the segment a name",
      [`${v.conditions[0].key}.value`]: "A whole number",
      [`${days.key}.days`]: "Between 1 and 36,500 days",
      [`${country.key}.countries`]: "Not two-letter country codes: USA",
      [`${group.key}.ids`]: "Pick at least one group",
    })
    expect(definitionOf(v)).toBeNull()
  })

  it("round-trips a stored segment, and places the server's error on the condition it names", () => {
    const conditions = CONDITION_KINDS.map(({ type }) => checkCondition(filled(type)).condition!)
    const v = segmentFormValues({ name: "All", match: "any", conditions } as any)
    const checked = checkSegmentForm(v)
    expect(checked.body).toEqual({ name: "All", match: "any", conditions })
    const errors = segmentServerErrors("Invalid request: conditions.2.days: Too small", v)
    expect(errors.form).toContain("conditions.2.days")
    expect(errors[`${v.conditions[2].key}.days`]).toContain("Too small")
  })
})
