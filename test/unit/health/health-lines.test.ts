import { batchLine } from "../../../src/health/batch-check"
import { audienceLines, mergeFieldLines } from "../../../src/health/audience-checks"
import { report } from "../../../src/health/lines"
import { storeLines } from "../../../src/health/store-checks"
import { webhookLine } from "../../../src/health/webhook-check"

const EVENTS = { subscribe: true, unsubscribe: true, profile: true, cleaned: true, upemail: true, campaign: true }
const SOURCES = { user: true, admin: true, api: false }
const URL_ = "https://shop.example.com/hooks/mailchimp?secret=s3cret-s3cret-s3cret"
const hook = (url: string, events = EVENTS, sources = SOURCES) => ({ id: "w1", url, events, sources, list_id: "l1" }) as never

describe("health lines", () => {
  it("webhook: found by address (query aside), its secret compared but never shown, events and sources named when off", () => {
    expect(webhookLine(URL_, [hook(URL_)], EVENTS, SOURCES).status).toBe("ok")
    expect(webhookLine(URL_, [hook("https://shop.example.com/hooks/mailchimp/?secret=s3cret-s3cret-s3cret")], EVENTS, SOURCES).status).toBe("ok")
    const other = webhookLine(URL_, [hook("https://shop.example.com/hooks/mailchimp?secret=old-secret")], EVENTS, SOURCES)
    expect(other).toEqual(expect.objectContaining({ status: "error", detail: expect.stringMatching(/another secret/) }))
    expect(JSON.stringify(other)).not.toMatch(/s3cret|old-secret/)
    const off = webhookLine(URL_, [hook(URL_, { ...EVENTS, cleaned: false }, { ...SOURCES, admin: false })], EVENTS, SOURCES)
    expect(off.detail).toMatch(/off for events cleaned and sources admin/)
    expect(webhookLine(URL_, [hook("https://elsewhere.example.com/hook")], EVENTS, SOURCES).detail).toMatch(/no webhook to https:\/\/shop\.example\.com\/hooks\/mailchimp \(it has 1/)
    expect(webhookLine(null, [], EVENTS, SOURCES).status).toBe("warning")
  })

  it("merge fields: a required field with a default value is fillable; a phone field that is not US-format is fine", () => {
    const f = (tag: string, extra: object = {}) => ({ merge_id: 1, tag, name: tag, type: "text", required: false, list_id: "l1", ...extra }) as never
    const expect_ = { filled: ["FNAME", "LNAME", "PHONE", "ADDRESS"], purchase: ["ORDERS", "SPENT"], phone: "PHONE" }
    const lines = mergeFieldLines([f("ORDERS"), f("SPENT"), f("FNAME", { required: true }), f("GENDER", { required: true, default_value: "x" }), f("PHONE", { type: "phone", options: { phone_format: "International" } })], expect_)
    expect(lines.map((l) => l.status)).toEqual(["ok", "ok", "ok"])
    const us = mergeFieldLines([f("PHONE", { type: "phone", options: { phone_format: "US" } })], expect_)
    expect(us.map((l) => l.status)).toEqual(["warning", "ok", "warning"])
  })

  it("audience: the double opt-in line says what the plugin does with it; a missing audience lists the account's", () => {
    const a = { id: "l1", name: "Shop", double_optin: true, member_count: 3 }
    expect(audienceLines("l1", a, [], "audience")[1].detail).toMatch(/pending until they confirm/)
    expect(audienceLines("l1", a, [], false)[1].detail).toMatch(/subscribed whatever it says/)
    expect(audienceLines("l9", null, ['"Shop" (l1)'], "audience")[0]).toEqual(expect.objectContaining({ status: "error", detail: expect.stringMatching(/"Shop" \(l1\)/) }))
  })

  it("store: not yet connected is a warning, lost after connecting an error; syncing during a backfill is fine", () => {
    const base = { storeId: "s1", audienceId: "l1", currencyCode: "usd", connectedBefore: false, recreatedNote: null, backfillRunning: false }
    expect(storeLines(null, base)[0].status).toBe("warning")
    expect(storeLines(null, { ...base, connectedBefore: true })[0].status).toBe("error")
    const store = { id: "s1", list_id: "l1", name: "S", currency_code: "USD", is_syncing: true }
    expect(storeLines(store, { ...base, backfillRunning: true }).map((l) => l.status)).toEqual(["ok", "ok", "ok"])
    expect(storeLines(store, base).map((l) => l.status)).toEqual(["ok", "ok", "error"])
    expect(storeLines({ ...store, is_syncing: false }, { ...base, recreatedNote: "created again" })[0].status).toBe("warning")
  })

  it("batches: only the store's own count, a batch unfinished for an hour is stuck; the report takes the worst line", () => {
    const now = Date.parse("2026-12-05T12:00:00Z")
    const b = (id: string, extra: object) => ({ id, status: "finished", total_operations: 2, finished_operations: 2, errored_operations: 0, response_body_url: "", ...extra }) as never
    const batches = [b("mine", { errored_operations: 1 }), b("theirs", { errored_operations: 5 }), b("slow", { status: "pending", submitted_at: "2026-12-05T10:00:00Z" })]
    const l = batchLine(batches, new Set(["mine", "slow"]), now)
    expect(l.detail).toMatch(/^1 batch had 1 operation refused or failed \(mine\); 1 batch has not run for over an hour \(slow\)/)
    expect(batchLine(batches, new Set(["other"]), now).status).toBe("ok")
    expect(report([l, { ...l, status: "ok" }]).status).toBe("warning")
  })
})
