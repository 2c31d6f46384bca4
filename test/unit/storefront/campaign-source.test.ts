import { campaignSource, captureCampaignSource, sendCampaignSource } from "../../../src/storefront"
import type { CampaignSource } from "../../../src/storefront"

/** sessionStorage as the browser has it, without a browser. */
function fakeSession(): Pick<Storage, "getItem" | "setItem"> & { items: Map<string, string> } {
  const items = new Map<string, string>()
  return { items, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, String(v)) }
}

/** The newsletter client's setCartSource, recording each call. */
function fakeClient(answer: () => Promise<unknown> = async () => ({})) {
  const calls: [string, CampaignSource][] = []
  return { calls, setCartSource: async (cartId: string, source: CampaignSource) => (calls.push([cartId, source]), (await answer()) as any) }
}

const SHOP = "https://shop.example.com"

describe("captureCampaignSource", () => {
  it("keeps the first page as the landing site and its mc_cid; later pages keep the landing site", () => {
    const session = fakeSession()
    const first = `${SHOP}/summer?mc_cid=abc123&mc_eid=member42`
    expect(captureCampaignSource(first, session)).toEqual({ mc_cid: "abc123", landing_site: first })
    expect(captureCampaignSource(`${SHOP}/products/shirt`, session)).toEqual({ mc_cid: "abc123", landing_site: first })
    expect(campaignSource(session)).toEqual({ mc_cid: "abc123", landing_site: first })
    // mc_eid identifies a member and nothing takes it: it is not kept on its own.
    expect(Object.keys(campaignSource(session)).sort()).toEqual(["landing_site", "mc_cid"])
  })

  it("a later campaign link replaces the campaign, not the landing site", () => {
    const session = fakeSession()
    captureCampaignSource(`${SHOP}/`, session)
    expect(captureCampaignSource(`${SHOP}/sale?mc_cid=second9`, session)).toEqual({ mc_cid: "second9", landing_site: `${SHOP}/` })
  })

  it("an mc_cid Mailchimp never makes (not letters and digits, or too long) is not kept", () => {
    const session = fakeSession()
    expect(captureCampaignSource(`${SHOP}/?mc_cid=${encodeURIComponent("x'; drop")}`, session)).toEqual({ landing_site: `${SHOP}/?mc_cid=x%27%3B%20drop` })
    expect(captureCampaignSource(`${SHOP}/?mc_cid=${"a".repeat(51)}`, session).mc_cid).toBeUndefined()
  })

  it("without a session (server rendering) it answers the page's source and keeps nothing", () => {
    expect(captureCampaignSource(`${SHOP}/?mc_cid=abc`)).toEqual({ mc_cid: "abc", landing_site: `${SHOP}/?mc_cid=abc` })
    expect(campaignSource()).toEqual({})
  })

  it("a damaged kept value is read as none", () => {
    const session = fakeSession()
    session.setItem("medusa-mailchimp:source", "{not json")
    expect(campaignSource(session)).toEqual({})
    expect(captureCampaignSource(`${SHOP}/a`, session)).toEqual({ landing_site: `${SHOP}/a` })
  })
})

describe("sendCampaignSource", () => {
  it("sends the kept source to the cart once; a new campaign or another cart sends again", async () => {
    const session = fakeSession()
    const client = fakeClient()
    const landing = `${SHOP}/summer?mc_cid=abc123`
    captureCampaignSource(landing, session)
    expect(await sendCampaignSource(client, "cart_1", session)).toEqual({ mc_cid: "abc123", landing_site: landing })
    expect(await sendCampaignSource(client, "cart_1", session)).toBeNull()
    captureCampaignSource(`${SHOP}/?mc_cid=next7`, session)
    await sendCampaignSource(client, "cart_1", session)
    await sendCampaignSource(client, "cart_2", session)
    expect(client.calls).toEqual([
      ["cart_1", { mc_cid: "abc123", landing_site: landing }],
      ["cart_1", { mc_cid: "next7", landing_site: landing }],
      ["cart_2", { mc_cid: "next7", landing_site: landing }],
    ])
  })

  it("a landing site without a campaign is sent too (orders carry it)", async () => {
    const session = fakeSession()
    const client = fakeClient()
    captureCampaignSource(`${SHOP}/home`, session)
    await sendCampaignSource(client, "cart_1", session)
    expect(client.calls).toEqual([["cart_1", { landing_site: `${SHOP}/home` }]])
  })

  it("sends nothing when nothing was kept, and only what the route accepts", async () => {
    const client = fakeClient()
    expect(await sendCampaignSource(client, "cart_1", fakeSession())).toBeNull()
    expect(await sendCampaignSource(client, "cart_1")).toBeNull()
    // A landing URL past the route's 2,000 characters is left out; a kept value edited by hand is checked again.
    const session = fakeSession()
    captureCampaignSource(`${SHOP}/?mc_cid=abc&q=${"x".repeat(2_000)}`, session)
    expect(await sendCampaignSource(client, "cart_1", session)).toEqual({ mc_cid: "abc" })
    const edited = fakeSession()
    edited.setItem("medusa-mailchimp:source", JSON.stringify({ mc_cid: "no spaces!", landing_site: "javascript:alert(1)" }))
    expect(await sendCampaignSource(client, "cart_2", edited)).toBeNull()
    expect(client.calls).toEqual([["cart_1", { mc_cid: "abc" }]])
  })

  it("a refused send is thrown and tried again on the next call", async () => {
    const session = fakeSession()
    let fail = true
    const client = fakeClient(async () => {
      if (fail) throw Object.assign(new Error("Cart not found"), { status: 404 })
      return {}
    })
    captureCampaignSource(`${SHOP}/?mc_cid=abc`, session)
    await expect(sendCampaignSource(client, "cart_1", session)).rejects.toThrow("Cart not found")
    fail = false
    expect(await sendCampaignSource(client, "cart_1", session)).toEqual({ mc_cid: "abc", landing_site: `${SHOP}/?mc_cid=abc` })
    expect(client.calls).toHaveLength(2)
  })
})
