import { AdminCreateCampaign, AdminUpdateCampaign } from "../../../src/api/admin/mailchimp/campaigns/validators"
import { AdminScheduleCampaign, isQuarterHour } from "../../../src/api/admin/mailchimp/campaigns/[id]/schedule/validators"
import { localStatus, stateFromRemote } from "../../../src/queue/processors/campaigns/context"
import { parseCampaignOptions } from "../../../src/modules/mailchimp-campaigns/options"

const base = { subject: "Hi", from_name: "Shop", reply_to: "a@b.co" }

describe("campaign validators", () => {
  it("takes html (with plain text), plain text alone or a template, one of them", () => {
    expect(AdminCreateCampaign.safeParse({ ...base, html: "<p>x</p>" }).success).toBe(true)
    expect(AdminCreateCampaign.safeParse({ ...base, html: "<p>x</p>", plain_text: "x" }).success).toBe(true)
    expect(AdminCreateCampaign.safeParse({ ...base, plain_text: "x" }).success).toBe(true)
    expect(AdminCreateCampaign.safeParse({ ...base, template_id: 3 }).success).toBe(true)
    expect(AdminCreateCampaign.safeParse({ ...base }).success).toBe(false)
    expect(AdminCreateCampaign.safeParse({ ...base, template_id: 3, html: "<p>x</p>" }).success).toBe(false)
    expect(AdminCreateCampaign.safeParse({ ...base, html: "<p>x</p>", segment_id: "s", mailchimp_segment_id: 2 }).success).toBe(false)
    expect(AdminCreateCampaign.safeParse({ ...base, html: "<p>x</p>", other: 1 }).success).toBe(false)
  })

  it("an update needs a field; a null segment aims at the whole audience", () => {
    expect(AdminUpdateCampaign.safeParse({}).success).toBe(false)
    expect(AdminUpdateCampaign.safeParse({ mailchimp_segment_id: null }).success).toBe(true)
    expect(AdminUpdateCampaign.safeParse({ subject: "" }).success).toBe(false)
  })

  it("accepts quarter hours only, in any offset, and names the refused time", () => {
    expect(isQuarterHour("2030-01-01T10:45:00Z")).toBe(true)
    expect(isQuarterHour("2030-01-01T10:45:00+05:45")).toBe(true)
    expect(isQuarterHour("2030-01-01T10:44:00Z")).toBe(false)
    expect(isQuarterHour("2030-01-01T10:45:30Z")).toBe(false)
    const refused = AdminScheduleCampaign.safeParse({ schedule_time: "2030-01-01T10:07:00Z" })
    expect(refused.success).toBe(false)
    expect(refused.error!.issues[0].message).toContain("quarter-hour")
    expect(refused.error!.issues[0].message).toContain("2030-01-01T10:07:00Z")
    expect(AdminScheduleCampaign.safeParse({ schedule_time: "soon" }).success).toBe(false)
  })
})

describe("campaign state from Mailchimp", () => {
  it("maps Mailchimp's statuses", () => {
    expect(localStatus("canceling")).toBe("canceled")
    expect(localStatus("archived")).toBe("sent")
    expect(localStatus("bogus")).toBeNull()
  })

  it("takes the schedule and send times", () => {
    const scheduled = stateFromRemote({ id: "c1", status: "schedule", send_time: "2030-01-01T10:15:00+00:00" } as never)
    expect(scheduled).toEqual({ mailchimp_campaign_id: "c1", status: "schedule", scheduled_at: new Date("2030-01-01T10:15:00Z") })
    const sent = stateFromRemote({ id: "c1", status: "sent", send_time: "2030-01-01T10:15:00+00:00", emails_sent: 4 } as never)
    expect(sent).toEqual({ mailchimp_campaign_id: "c1", status: "sent", scheduled_at: null, sent_at: new Date("2030-01-01T10:15:00Z"), emails_sent: 4 })
  })
})

describe("campaign options", () => {
  it("defaults and bounds reportsDays and attributionDays", () => {
    const o = parseCampaignOptions({ apiKey: "k-us1", audienceId: "a" })
    expect(o).toEqual(expect.objectContaining({ reportsDays: 30, attributionDays: 5 }))
    expect(() => parseCampaignOptions({ apiKey: "k-us1", audienceId: "a", attributionDays: 0 })).toThrow(/attributionDays/)
  })
})
