import { customerOptInStatus } from "../rules/opt-in-status"

/** The slice of the core module this module reads: its consent and member rows. */
export type ConsentReader = {
  consentFacts(emails: string[], audienceId?: string): Promise<{ email: string; action: string | null; sync_status: string | null; member_status: string | null }[]>
}

export type ConsentFacts = { latestAction: string | null; pendingOptIn: boolean; memberStatus: string | null }

/**
 * Per email (lower-cased): the latest consent, whether an opt-in waits to reach Mailchimp, the member's status. With
 * an audience, of that audience only (see ConsentReader.consentFacts).
 */
export async function readConsentFacts(core: ConsentReader, emails: string[], audienceId?: string): Promise<Map<string, ConsentFacts>> {
  const wanted = [...new Set(emails.map((e) => e.trim().toLowerCase()).filter(Boolean))]
  const facts = new Map<string, ConsentFacts>()
  for (let i = 0; i < wanted.length; i += 1_000) {
    for (const row of await core.consentFacts(wanted.slice(i, i + 1_000), audienceId)) {
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

/**
 * The facts each store's `opt_in_status` is decided from: those of its consent audience (consentAudienceOf), each
 * audience read once.
 */
export async function readStoreConsentFacts(
  core: ConsentReader,
  emails: string[],
  audiences: (string | undefined)[]
): Promise<(audienceId: string | undefined) => Map<string, ConsentFacts>> {
  const byAudience = new Map<string | undefined, Map<string, ConsentFacts>>()
  for (const audienceId of new Set(audiences)) byAudience.set(audienceId, await readConsentFacts(core, emails, audienceId))
  return (audienceId) => byAudience.get(audienceId) ?? new Map()
}
