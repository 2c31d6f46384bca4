import type { OptInExtras } from "../audience/opt-in-offer"

/**
 * What a consent's evidence adds to its member write: the chosen interests by id and the granted marketing
 * permissions, each `true`. Nothing is sent for what the shopper did not choose, so nothing is granted by default
 * and nothing a member chose elsewhere is taken away.
 */
export function optInExtrasBody(evidence: Partial<OptInExtras> | null | undefined): {
  interests?: Record<string, boolean>
  marketing_permissions?: Array<{ marketing_permission_id: string; enabled: boolean }>
} {
  const interests = evidence?.interests ?? []
  const permissions = evidence?.marketing_permissions ?? []
  return {
    ...(interests.length ? { interests: Object.fromEntries(interests.map((i) => [i.id, true])) } : {}),
    ...(permissions.length ? { marketing_permissions: permissions.map((p) => ({ marketing_permission_id: p.id, enabled: true })) } : {}),
  }
}
