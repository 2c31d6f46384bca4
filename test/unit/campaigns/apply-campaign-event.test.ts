import { applyCampaignEvent } from "../../../src/modules/mailchimp-campaigns/webhooks/apply-campaign-event"

function fakeCampaigns(rows: Record<string, any>[]) {
  const updates: Record<string, unknown>[] = []
  return {
    updates,
    service: {
      listMailchimpCampaigns: async (filter: { mailchimp_campaign_id: string }) => rows.filter((r) => r.mailchimp_campaign_id === filter.mailchimp_campaign_id),
      updateMailchimpCampaigns: async (u: Record<string, unknown>) => {
        updates.push(u)
      },
    } as never,
  }
}

describe("campaign webhook → local campaign", () => {
  const at = new Date("2030-01-01T10:15:00Z")

  it("marks the store's campaign sent, with the time the event fired when it had none", async () => {
    const f = fakeCampaigns([{ id: "mccp_1", mailchimp_campaign_id: "abc", status: "sending", sent_at: null }])
    expect(await applyCampaignEvent(f.service, { id: "abc", status: "sent" }, at)).toBe("local campaign mccp_1 sent")
    expect(f.updates).toEqual([{ id: "mccp_1", status: "sent", sent_at: at, scheduled_at: null }])
  })

  it("leaves unknown campaigns and unknown statuses alone, and never moves a sent campaign back", async () => {
    const f = fakeCampaigns([{ id: "mccp_1", mailchimp_campaign_id: "abc", status: "sent", sent_at: at }])
    expect(await applyCampaignEvent(f.service, { id: "zzz", status: "sent" }, at)).toBeNull()
    expect(await applyCampaignEvent(f.service, { id: "abc", status: "weird" }, at)).toBeNull()
    expect(await applyCampaignEvent(f.service, { id: "abc", status: "sending" }, at)).toContain("already sent")
    expect(await applyCampaignEvent(undefined, { id: "abc", status: "sent" }, at)).toBeNull()
    expect(f.updates).toEqual([])
  })
})
