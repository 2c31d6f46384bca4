import type { SandboxApp } from "../src"
import { api, LIST } from "./helpers"

export const HTML = `<h1>Spring sale</h1>
<p><a href="https://shop.example.com/sale">Shop the sale</a> or <a href='https://shop.example.com/new'>see what's new</a>.</p>
<p><a href="*|UNSUB|*">Unsubscribe</a></p>`

/** `count` subscribed members r0…r{count-1}@example.com, through batch subscribe. */
export async function subscribeMany(sb: SandboxApp, count: number, prefix = "r"): Promise<string[]> {
  const emails = Array.from({ length: count }, (_, i) => `${prefix}${i}@example.com`)
  const res = await api(sb).post(`/lists/${LIST}`, {
    members: emails.map((email_address) => ({ email_address, status: "subscribed" })),
  })
  expect(res.status).toBe(200)
  expect(res.body.total_created).toBe(count)
  return emails
}

export const SETTINGS = { subject_line: "Spring sale", preview_text: "20% off", title: "Spring", from_name: "Shop", reply_to: "shop@example.com" }

/** A regular campaign to the audience (or a segment) with the HTML above, ready to send. */
export async function readyCampaign(sb: SandboxApp, recipients: object = { list_id: LIST }): Promise<string> {
  const mc = api(sb)
  const created = await mc.post("/campaigns", { type: "regular", recipients, settings: SETTINGS })
  expect(created.status).toBe(200)
  const content = await mc.put(`/campaigns/${created.body.id}/content`, { html: HTML })
  expect(content.status).toBe(200)
  return created.body.id as string
}

/** Sends and waits until the campaign is `sent`. */
export async function sendAndWait(sb: SandboxApp, id: string): Promise<void> {
  const mc = api(sb)
  const res = await mc.post(`/campaigns/${id}/actions/send`)
  expect(res.status).toBe(204)
  await sb.idle()
  expect((await mc.get(`/campaigns/${id}`)).body.status).toBe("sent")
}

export type Activity = { action: string; timestamp: string; url?: string; type?: string }
export type EmailActivity = { email_address: string; email_id: string; activity: Activity[] }

/** Every page of GET /reports/{id}/email-activity. */
export async function allEmailActivity(sb: SandboxApp, id: string, since?: string): Promise<EmailActivity[]> {
  const mc = api(sb)
  const out: EmailActivity[] = []
  for (let offset = 0; ; offset += 7) {
    const q = `count=7&offset=${offset}${since ? `&since=${encodeURIComponent(since)}` : ""}`
    const res = await mc.get(`/reports/${id}/email-activity?${q}`)
    expect(res.status).toBe(200)
    out.push(...res.body.emails)
    if (out.length >= res.body.total_items) return out
  }
}
