import { customerOptInStatus } from "../rules/opt-in-status"

/** The slice of the core module this module reads: its consent and member rows. */
export type ConsentReader = {
  consentFacts(emails: string[]): Promise<{ email: string; action: string | null; sync_status: string | null; member_status: string | null }[]>
}

export type ConsentFacts = { latestAction: string | null; pendingOptIn: boolean; memberStatus: string | null }

/** Per email (lower-cased): the latest consent, whether an opt-in waits to reach Mailchimp, the member's status. */
export async function readConsentFacts(core: ConsentReader, emails: string[]): Promise<Map<string, ConsentFacts>> {
  const wanted = [...new Set(emails.map((e) => e.trim().toLowerCase()).filter(Boolean))]
  const facts = new Map<string, ConsentFacts>()
  for (let i = 0; i < wanted.length; i += 1_000) {
    for (const row of await core.consentFacts(wanted.slice(i, i + 1_000))) {
      facts.set(row.email, {
        latestAction: row.action,
        pendingOptIn: row.action === "opt_in" && row.sync_status === "pending",
        memberStatus: row.member_status,
      })
    }
  }
  return facts
}

export function optInFor(facts: Map<string, ConsentFacts>, email: string | null | undefined): boolean {
  const f = email ? facts.get(email.trim().toLowerCase()) : undefined
  return customerOptInStatus({ latestConsentAction: f?.latestAction, memberStatus: f?.memberStatus })
}
