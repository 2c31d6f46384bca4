import { customerOptInStatus } from "../rules/opt-in-status"

/** The slice of the core module this module reads: its consent and member rows. */
export type ConsentReader = {
  listConsents(filters: Record<string, unknown>, config?: Record<string, unknown>): Promise<any[]>
  listMembers(filters: Record<string, unknown>, config?: Record<string, unknown>): Promise<any[]>
  getOptions(): { audienceId: string }
}

export type ConsentFacts = { latestAction: string | null; pendingOptIn: boolean; memberStatus: string | null }

/** Per email (lower-cased): the latest consent, whether an opt-in waits to reach Mailchimp, the member's status. */
export async function readConsentFacts(core: ConsentReader, emails: string[]): Promise<Map<string, ConsentFacts>> {
  const wanted = [...new Set(emails.map((e) => e.trim().toLowerCase()).filter(Boolean))]
  const facts = new Map<string, ConsentFacts>()
  for (const email of wanted) facts.set(email, { latestAction: null, pendingOptIn: false, memberStatus: null })
  for (let i = 0; i < wanted.length; i += 1_000) {
    const chunk = wanted.slice(i, i + 1_000)
    const consents = await core.listConsents(
      { email: chunk },
      { select: ["email", "action", "sync_status", "created_at"], order: { created_at: "ASC" } }
    )
    for (const c of consents) {
      const f = facts.get(c.email)
      if (!f) continue
      f.latestAction = c.action
      f.pendingOptIn = c.action === "opt_in" && c.sync_status === "pending"
    }
    const members = await core.listMembers(
      { audience_id: core.getOptions().audienceId, email: chunk },
      { select: ["email", "status"] }
    )
    for (const m of members) {
      const f = facts.get(m.email)
      if (f) f.memberStatus = m.status
    }
  }
  return facts
}

export function optInFor(facts: Map<string, ConsentFacts>, email: string | null | undefined): boolean {
  const f = email ? facts.get(email.trim().toLowerCase()) : undefined
  return customerOptInStatus({ latestConsentAction: f?.latestAction, memberStatus: f?.memberStatus })
}
