import { errors } from "./problems"
import { apiTime } from "./time"
import type { MemberEventRecord, MemberRecord } from "./types"

/**
 * Member events (`/lists/{list_id}/members/{subscriber_hash}/events`). The name "Must be 2-30 characters in length"
 * (API description); Mailchimp's help adds that it holds only letters, numbers, underscores and dashes. Properties
 * are strings. Mailchimp adds an event to a contact the audience holds only: it never creates one (a hash it does
 * not hold is the usual 404). Events have no id and no idempotency key: the same body twice is two events.
 */
const EVENT_NAME = /^[A-Za-z0-9_-]{2,30}$/

export function readEventBody(body: Record<string, unknown>): MemberEventRecord {
  const name = body.name
  if (typeof name !== "string" || !name) {
    throw errors.invalidResource([{ field: "name", message: "This value should not be blank." }])
  }
  if (!EVENT_NAME.test(name)) {
    throw errors.invalidResource([
      {
        field: "name",
        message: "Event names must be 2-30 characters long and contain only letters, numbers, underscores and dashes.",
      },
    ])
  }
  const properties: Record<string, string> = {}
  if (body.properties !== undefined) {
    if (!body.properties || typeof body.properties !== "object" || Array.isArray(body.properties)) {
      throw errors.invalidResource([{ field: "properties", message: "Properties must be an object of strings." }])
    }
    for (const [key, value] of Object.entries(body.properties as Record<string, unknown>)) {
      if (typeof value !== "string") {
        throw errors.invalidResource([{ field: `properties.${key}`, message: "Property values must be strings." }])
      }
      properties[key] = value
    }
  }
  let occurredAt = apiTime()
  if (body.occurred_at !== undefined) {
    const at = new Date(String(body.occurred_at))
    if (Number.isNaN(at.getTime())) {
      throw errors.invalidResource([{ field: "occurred_at", message: "occurred_at must be a date and time in ISO 8601 format." }])
    }
    occurredAt = apiTime(at)
  }
  return { name, properties, occurred_at: occurredAt, is_syncing: body.is_syncing === true }
}

export function addMemberEvent(member: MemberRecord, event: MemberEventRecord): void {
  ;(member.events ??= []).push(event)
}

/** The list view: newest first, as a contact's activity feed shows them. */
export function memberEventsView(member: MemberRecord): Array<Record<string, unknown>> {
  return [...(member.events ?? [])]
    .reverse()
    .map((e) => ({ occurred_at: e.occurred_at, name: e.name, properties: { ...e.properties } }))
}
