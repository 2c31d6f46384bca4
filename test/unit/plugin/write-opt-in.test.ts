import { MailchimpError, type Member } from "../../../src/mailchimp"
import type { AudienceProfile, ConsentRow } from "../../../src/modules/mailchimp/service"
import type { ProcessorContext } from "../../../src/queue/processors/context"
import { type MemberWrite, writeOptIn } from "../../../src/queue/processors/write-opt-in"

/** The opt-in's member write against scripted Mailchimp answers: what it sends after each refusal. */
const EMAIL = "ann@example.com"
const consent = { email: EMAIL, audience_id: "list1" } as unknown as ConsentRow
const audience = (over: Partial<AudienceProfile> = {}): AudienceProfile => ({
  id: "list1",
  name: "L",
  doubleOptIn: false,
  mergeTags: new Set(["FNAME", "PHONE", "ORDERS"]),
  requiredTags: new Set(),
  usPhoneTags: new Set(),
  ...over,
})
const body = { email_address: EMAIL, merge_fields: { FNAME: "Ann", PHONE: "+44 20 7946 0958" } }
const purchase = { values: { ORDERS: 2 }, ref: { object_type: "merge" as const, object_id: EMAIL, revision: 1 }, hash: "h" }

const member = (merge_fields: Record<string, unknown>, status = "subscribed") => ({ status, merge_fields }) as unknown as Member
const refusal = (title: string, detail: string, errors: { field: string; message: string }[] = []) =>
  new MailchimpError({ status: 400, title, detail, errors, retryable: false })

function harness(answers: Array<Member | MailchimpError>, opts: { memberStatus?: string; heldStatus?: string } = {}) {
  const sent: Parameters<MemberWrite>[0][] = []
  const forgot = jest.fn()
  const write: MemberWrite = async (w) => {
    sent.push(structuredClone(w))
    const next = answers.shift()
    if (!next) throw new Error("no scripted answer left")
    if (next instanceof MailchimpError) throw next
    return next
  }
  const ctx = {
    service: { forgetAudienceProfile: forgot, consentFacts: async () => [{ email: EMAIL, member_status: opts.memberStatus ?? null }] },
    client: { members: { get: async () => ({ status: opts.heldStatus ?? "archived" }) } },
  } as unknown as ProcessorContext
  return { sent, forgot, write, ctx }
}

describe("writeOptIn", () => {
  it("a merge-field refusal: sent again without the named fields, with skip_merge_validation, and the reason kept", async () => {
    const h = harness([
      refusal("Invalid Resource", "Your merge fields were invalid.", [{ field: "PHONE", message: "Please enter a US phone number" }]),
      member({ FNAME: "Ann", PHONE: "", ORDERS: 2 }),
    ])
    const out = await writeOptIn(consent, body, "subscribed", audience(), purchase, h.write, h.ctx)
    expect(h.sent.map((w) => [w.full.merge_fields, w.query])).toEqual([
      [{ ORDERS: 2, FNAME: "Ann", PHONE: "+44 20 7946 0958" }, undefined],
      [{ ORDERS: 2, FNAME: "Ann" }, { skip_merge_validation: true }],
    ])
    expect(out.purchase).toBe(purchase)
    expect(out.notes.join()).toContain("Mailchimp refused PHONE")
    expect(h.forgot).toHaveBeenCalled()
  })

  it("a required field the store cannot fill goes with skip_merge_validation from the first write", async () => {
    const h = harness([member({ FNAME: "Ann", PHONE: "+44 20 7946 0958", ORDERS: 2, COMPANY: "" })])
    const out = await writeOptIn(consent, body, "subscribed", audience({ requiredTags: new Set(["COMPANY", "FNAME"]) }), null, h.write, h.ctx)
    expect(h.sent).toHaveLength(1)
    expect(h.sent[0].query).toEqual({ skip_merge_validation: true })
    expect(out.notes.join()).toContain("COMPANY")
    expect(out.notes.join()).not.toContain("FNAME")
  })

  it("a tag the answer lacks (Mailchimp dropped it silently): the audience is read again, the purchase fields count as not sent", async () => {
    const h = harness([member({ FNAME: "Ann", PHONE: "+44 20 7946 0958" })])
    const out = await writeOptIn(consent, body, "subscribed", audience(), purchase, h.write, h.ctx)
    expect(h.sent).toHaveLength(1)
    expect(out.purchase).toBeNull()
    expect(h.forgot).toHaveBeenCalled()
    expect(out.notes.join()).toContain("ORDERS")
  })

  it("compliance state: written again as pending, unless the address is known cleaned (by the store or by Mailchimp)", async () => {
    const compliance = () => refusal("Member In Compliance State", `${EMAIL} is in a compliance state due to unsubscribe, bounce, or compliance review and cannot be subscribed.`)
    const h = harness([compliance(), member({ FNAME: "Ann", PHONE: "x", ORDERS: 0 }, "pending")])
    const out = await writeOptIn(consent, body, "subscribed", audience(), null, h.write, h.ctx)
    expect(h.sent.map((w) => w.full.status_if_new)).toEqual(["subscribed", "pending"])
    expect(out.member.status).toBe("pending")

    for (const known of [{ memberStatus: "cleaned" }, { heldStatus: "cleaned" }]) {
      const c = harness([compliance()], known)
      await expect(writeOptIn(consent, body, "subscribed", audience(), null, c.write, c.ctx)).rejects.toThrow(/compliance state/)
      expect(c.sent.map((w) => w.full.status_if_new)).toEqual(["subscribed"])
    }
  })

  it("any other refusal stands, and so does a merge-field refusal with nothing left to leave out", async () => {
    const forgotten = refusal("Forgotten Email Not Subscribed", `${EMAIL} was permanently deleted and cannot be re-imported.`)
    const h = harness([forgotten])
    await expect(writeOptIn(consent, body, "subscribed", audience(), null, h.write, h.ctx)).rejects.toBe(forgotten)
    expect(h.sent).toHaveLength(1)

    const required = () => refusal("Invalid Resource", "Your merge fields were invalid.", [{ field: "COMPANY", message: "Please enter a value" }])
    const r = harness([required(), required()])
    await expect(writeOptIn(consent, body, "subscribed", audience({ mergeTags: new Set(["FNAME", "PHONE", "COMPANY"]) }), null, r.write, r.ctx)).rejects.toThrow(/merge fields/)
    expect(r.sent.map((w) => w.query)).toEqual([undefined, { skip_merge_validation: true }])
  })
})
