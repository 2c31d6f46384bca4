/**
 * Changes that happen on Mailchimp's side (a subscriber clicks unsubscribe, an address bounces, a campaign is
 * sent…), made through /_sandbox so that the store's webhook receiver can be tested. Unlike the API, a person
 * may subscribe again after unsubscribing: that is their own opt-in.
 */
import { internObject } from "./intern"
import { nextWebId } from "./audience"
import { snapshot } from "./events"
import { isValidEmail, memberHash, randomHex } from "./hash"
import { checkMergeValues, withDefaults } from "./merge-fields"
import { applyMarketingPermissions, checkInterests } from "./interests"
import { applyStatus, moveEmail, resolveHash, type MemberContext } from "./members"
import { ApiError, errors } from "./problems"
import { apiTime } from "./time"
import type { MemberRecord } from "./types"

export function unsubscribeAsMailchimp(
  ctx: MemberContext,
  m: MemberRecord,
  input: { reason?: "manual" | "abuse"; campaign_id?: string; action?: "unsub" | "delete" }
): void {
  const reason = input.reason ?? "manual"
  if (m.status === "archived") throw errors.notFound()
  if (input.action === "delete") {
    const before = m.status
    m.status_before_archive = before
    m.status = "archived"
    m.last_changed = apiTime()
    ctx.emit({
      type: "unsubscribe",
      member: snapshot(m),
      action: "delete",
      reason,
      campaign_id: input.campaign_id,
    })
    return
  }
  if (m.status === "unsubscribed") {
    throw new ApiError(400, "Invalid Action", `${m.email_address} is already unsubscribed.`)
  }
  ctx.unsubscribeReason = reason === "abuse" ? "Abuse complaint" : "N/A (Unsubscribed by subscriber)"
  applyStatus(ctx, m, "unsubscribed", { reason, campaign_id: input.campaign_id })
}

export function cleanAsMailchimp(
  ctx: MemberContext,
  m: MemberRecord,
  input: { reason?: "hard" | "abuse"; campaign_id?: string }
): void {
  if (m.status === "archived") throw errors.notFound()
  if (m.status === "cleaned") throw new ApiError(400, "Invalid Action", `${m.email_address} is already cleaned.`)
  applyStatus(ctx, m, "cleaned", { reason: input.reason ?? "hard", campaign_id: input.campaign_id })
}

/**
 * The subscriber edits their profile (merge fields, groups, GDPR permissions on Mailchimp's preferences page):
 * checked against the audience, then `profile` is sent.
 */
export function profileAsMailchimp(
  ctx: MemberContext,
  m: MemberRecord,
  input: {
    merges?: Record<string, unknown>
    email_type?: "html" | "text"
    interests?: Record<string, boolean>
    marketing_permissions?: Record<string, boolean>
  }
): void {
  if (m.status === "archived") throw errors.notFound()
  const checked = checkMergeValues(ctx.list, input.merges ?? {}, { isNew: false, skipRequired: false })
  const interests = checkInterests(ctx.list, input.interests)
  m.merge_fields = internObject({ ...m.merge_fields, ...checked })
  if (interests) m.interests = { ...m.interests, ...interests }
  if (input.marketing_permissions) {
    const permissions = Object.entries(input.marketing_permissions).map(([marketing_permission_id, enabled]) => ({ marketing_permission_id, enabled }))
    applyMarketingPermissions(ctx.list, m, permissions)
  }
  if (input.email_type) m.email_type = input.email_type
  m.last_changed = apiTime()
  ctx.emit({ type: "profile", member: snapshot(m) })
}

/** The subscriber changes their address: `upemail`, then `profile`, as Mailchimp sends them. */
export function upemailAsMailchimp(ctx: MemberContext, m: MemberRecord, newEmail: string): void {
  if (m.status === "archived") throw errors.notFound()
  if (!isValidEmail(newEmail)) {
    throw errors.invalidResource([{ field: "new_email", message: "Please provide a valid email address." }])
  }
  if (newEmail.trim().toLowerCase() === m.email_address.toLowerCase()) {
    throw new ApiError(400, "Invalid Action", "The new address is the member's address already.")
  }
  moveEmail(ctx, m, newEmail.trim())
}

/**
 * The person subscribes (a signup form, or the confirmation of a `pending` double opt-in). A new address is
 * added; an unsubscribed, cleaned, archived or permanently deleted one comes back by the person's own opt-in.
 */
export function subscribeAsMailchimp(
  ctx: MemberContext,
  emailOrHash: string,
  input: { merges?: Record<string, unknown>; email_type?: "html" | "text"; ip_signup?: string; ip_opt?: string }
): MemberRecord {
  const hash = resolveHash(emailOrHash)
  const existing = ctx.list.members.get(hash)
  if (existing) {
    if (existing.status === "subscribed") {
      throw new ApiError(400, "Invalid Action", `${existing.email_address} is already subscribed.`)
    }
    if (input.merges) {
      const checked = checkMergeValues(ctx.list, input.merges, { isNew: false, skipRequired: false })
      existing.merge_fields = { ...existing.merge_fields, ...checked }
    }
    if (input.email_type) existing.email_type = input.email_type
    if (input.ip_opt !== undefined) existing.ip_opt = input.ip_opt
    applyStatus(ctx, existing, "subscribed")
    return existing
  }
  const email = decodeURIComponent(emailOrHash)
  if (!isValidEmail(email)) {
    throw errors.invalidResource([
      { field: "email", message: "A new subscriber needs an email address in the path, not a hash." },
    ])
  }
  const merges = withDefaults(ctx.list, checkMergeValues(ctx.list, input.merges ?? {}, { isNew: true, skipRequired: false }))
  const now = apiTime()
  const m: MemberRecord = {
    id: memberHash(email),
    email_address: email,
    unique_email_id: randomHex(10),
    web_id: nextWebId(),
    email_type: input.email_type ?? "html",
    status: "subscribed",
    merge_fields: merges,
    interests: {},
    language: "",
    vip: false,
    location: { latitude: 0, longitude: 0 },
    marketing_permissions: {},
    ip_signup: input.ip_signup ?? "127.0.0.1",
    timestamp_signup: now,
    ip_opt: input.ip_opt ?? "127.0.0.1",
    timestamp_opt: now,
    last_changed: now,
    source: "Hosted Signup Form",
    tags: [],
  }
  ctx.list.forgotten.delete(m.id)
  ctx.list.members.set(m.id, m)
  ctx.list.last_sub_date = now
  ctx.emit({ type: "subscribe", member: snapshot(m) })
  return m
}
