import type { ICustomerModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { MailchimpError, subscriberHash } from "../../mailchimp"
import { buildMergeFields } from "../../modules/mailchimp/rules/merge-fields"
import {
  changedMergeFields,
  decideEmailMove,
  EmailMove,
  groupTagNames,
  tagChanges,
} from "../../modules/mailchimp/rules/list-management"
import type { MemberStatus } from "../../modules/mailchimp/rules/next-member-status"
import type { JobPayload } from "../../modules/mailchimp/queue-runtime/jobs"
import type { ProcessorContext } from "./context"
import { describeError, isFinal, isNotFound } from "./describe-error"
import { mailchimpClock } from "./mailchimp-clock"
import { readMember } from "./read-member"

type LinkedMember = {
  id: string
  email: string
  status: MemberStatus
  customer_email: string | null
  customer_changed_at: Date | null
  merge_fields: Record<string, unknown> | null
  group_tags: unknown
}

type Customer = { id: string; email: string; first_name: string | null; last_name: string | null; phone: string | null }

export class ChangedWhileSyncing extends Error {}

/**
 * Brings a customer's latest name, phone, email and groups to the members linked to them, in as
 * few calls as the changes need (one PATCH, one tags call). It reads the state when it runs, so
 * a burst of changes becomes one run; a change that lands while it runs makes it run again.
 */
export async function syncCustomer({ customer_id }: JobPayload<"customer.sync">, ctx: ProcessorContext) {
  const { service } = ctx
  const members = (await service.listMembers({ customer_id })).filter((m) => m.status !== "archived") as LinkedMember[]
  if (!members.length) {
    return { skipped: "no member linked to this customer" }
  }
  const customers = ctx.resolve<ICustomerModuleService>(Modules.CUSTOMER)
  const [customer] = await customers.listCustomers({ id: customer_id }, { relations: ["groups"], take: 1 })
  if (!customer) {
    // Deleted: the erasure that customer.deleted started takes it from here.
    return { skipped: "customer deleted" }
  }
  const audience = await service.getAudienceProfile()
  const fields = buildMergeFields(
    { first_name: customer.first_name, last_name: customer.last_name, phone: customer.phone },
    audience.mergeTags,
    ctx.options.mergeFields,
    audience.usPhoneTags
  )
  const tags = groupTagNames(ctx.options.groupTagPrefix, (customer.groups ?? []).map((g) => g?.name))
  const results: Record<string, unknown>[] = []
  let dirty = false
  for (const member of members) {
    const result = await syncMember(member, customer, fields, tags, ctx)
    results.push(result)
    dirty ||= result.dirty === true
  }
  if (dirty) {
    throw new ChangedWhileSyncing("the customer changed again while syncing; running again with the newest state")
  }
  return results
}

async function syncMember(
  member: LinkedMember,
  customer: Customer,
  fields: Record<string, unknown>,
  tags: string[],
  ctx: ProcessorContext
): Promise<Record<string, unknown>> {
  const { service, client, options } = ctx
  const audienceId = options.audienceId
  // The change this run brings: anything later flags the row again.
  const syncedAt = member.customer_changed_at ? new Date(member.customer_changed_at) : new Date(0)
  const finish = (mergeFields: Record<string, unknown> | null, groupTags: string[]) =>
    service.finishCustomerSync({
      member_id: member.id,
      customer_email: customer.email,
      merge_fields: mergeFields,
      group_tags: groupTags,
      synced_at: syncedAt,
    })

  let move: EmailMove = decideEmailMove(member, customer.email)
  if (move.kind === "move") {
    const [waiting] = await service.listConsents({ email: member.email, sync_status: "pending" }, { take: 1 })
    if (waiting) {
      // Its write goes to the old address: the move must come after it, not before.
      throw new Error(`a consent for ${member.email} is still on its way to Mailchimp; moving after it`)
    }
  }
  const changedFields = changedMergeFields(fields, member.merge_fields)
  const body = {
    ...(move.kind === "move" ? { email_address: move.to } : {}),
    ...(changedFields ? { merge_fields: changedFields } : {}),
  }
  const previousTags = Array.isArray(member.group_tags) ? (member.group_tags as string[]) : null
  let hash = subscriberHash(member.email)
  let mergeFields: Record<string, unknown> | null = null
  let outcome = "up to date"

  try {
    if (Object.keys(body).length) {
      try {
        const updated = await client.members.update(audienceId, hash, body)
        mergeFields = updated.merge_fields
        outcome = move.kind === "move" ? `moved to ${move.to}` : "profile updated"
      } catch (e) {
        if (move.kind === "move" && (await newAddressTaken(e, move.to, ctx))) {
          return { ...(await leaveOldAddress(member, move, customer, ctx)), dirty: (await finish(null, previousTags ?? [])).dirty }
        }
        throw e
      }
      if (move.kind === "move") {
        await service.moveMember({
          member_id: member.id,
          from: member.email,
          to: move.to,
          customer_id: customer.id,
          evidence: { at: new Date().toISOString(), via: "customer.updated", outcome: "moved" },
        })
        hash = subscriberHash(move.to)
      }
    }
    const changes = tagChanges(previousTags, tags)
    if (changes.length) {
      await client.members.updateTags(audienceId, hash, changes)
      outcome += `; tags ${changes.map((c) => `${c.status === "active" ? "+" : "-"}${c.name}`).join(" ")}`
    }
    const { dirty } = await finish(mergeFields, tags)
    return { member_id: member.id, outcome, dirty }
  } catch (e) {
    if (isNotFound(e)) {
      // Gone from the audience (deleted in Mailchimp): nothing there to update.
      const { dirty } = await finish(null, previousTags ?? [])
      return { member_id: member.id, outcome: "not on the audience any more", dirty }
    }
    if (isFinal(e)) {
      // Retrying cannot help: record why, and stop the reconciler from trying again.
      await finish(null, previousTags ?? [])
      await service.updateMembers({ id: member.id, reason: `customer sync refused: ${describeError(e).detail}` })
      throw e
    }
    throw e
  }
}

/** Mailchimp refused the move because the new address is (or was, permanently deleted) on the audience. */
async function newAddressTaken(e: unknown, to: string, ctx: ProcessorContext): Promise<boolean> {
  if (!(e instanceof MailchimpError) || e.status !== 400) return false
  if (/exists|forgotten/i.test(e.title)) return true
  return !!(await readMember(ctx.client, ctx.options.audienceId, subscriberHash(to)))
}

/**
 * The customer's new address is already someone on the audience, whose status this store must
 * not change. The old address is archived, so that it is never left subscribed.
 */
async function leaveOldAddress(
  member: LinkedMember,
  move: { from: string; to: string },
  customer: Customer,
  ctx: ProcessorContext
) {
  const { service, client, options } = ctx
  try {
    await client.members.archive(options.audienceId, subscriberHash(member.email))
  } catch (e) {
    if (!isNotFound(e)) throw e
  }
  await service.recordMemberStatus({
    email: member.email,
    status: "archived",
    at: mailchimpClock(),
    source: "account",
    reason: `the customer's email changed to an address already on the audience`,
  })
  await service.createConsents({
    email: member.email,
    customer_id: customer.id,
    customer_email: customer.email.toLowerCase(),
    audience_id: options.audienceId,
    action: "email_changed",
    source: "account",
    evidence: {
      at: new Date().toISOString(),
      via: "customer.updated",
      old_email: move.from,
      new_email: move.to,
      outcome: "new address already on the audience: left as it is; old address archived",
    },
    sync_status: "synced",
    synced_at: new Date(),
  })
  return { member_id: member.id, outcome: "old address archived; the new one already on the audience" }
}
