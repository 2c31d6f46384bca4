import { JOURNEY_EVENT_NAMES, JOURNEY_EVENTS, MAILCHIMP_EVENT_NAME } from "../../../src/modules/mailchimp-journeys/catalogue"

/*
 * Catalogue row J1: a member event's name "Must be 2-30 characters in length", of letters, numbers, underscores and
 * dashes. The plugin's names are fixed (journeys in Mailchimp are built on them), so they are checked here, once,
 * rather than by Mailchimp refusing an event in a merchant's store.
 */
describe("journey event names", () => {
  it.each(JOURNEY_EVENT_NAMES)("%s follows Mailchimp's rule", (name) => {
    expect(name).toMatch(MAILCHIMP_EVENT_NAME)
    expect(name.length).toBeGreaterThanOrEqual(2)
    expect(name.length).toBeLessThanOrEqual(30)
  })

  it("are unique, one per catalogue entry", () => {
    expect(new Set(JOURNEY_EVENT_NAMES).size).toBe(JOURNEY_EVENTS.length)
  })

  it("the rule takes 2 to 30 letters, digits, underscores and dashes", () => {
    for (const good of ["ab", "a".repeat(30), "Order_Placed-2", "42", "__", "--"]) expect(good).toMatch(MAILCHIMP_EVENT_NAME)
  })

  it("the rule refuses names too short, too long or with other characters", () => {
    const bad = ["", "a", "a".repeat(31), "order placed", "order.placed", "order:placed", "ordér", "order/placed", "order_placed\n"]
    for (const name of bad) expect(name).not.toMatch(MAILCHIMP_EVENT_NAME)
  })
})
