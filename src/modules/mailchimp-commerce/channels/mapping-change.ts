import type { ChannelStore } from "../../../options"
import type { CommerceOptions } from "../options"
import { storeOfChannel, storeTargets } from "./store-targets"

/** How a problem names a channel's field (the admin's request names them sales_channels.<id>.store_id, …). */
export type ChannelFieldName = (channelId: string, field: keyof ChannelStore) => string

/**
 * Channels the new mapping puts in a store the mapping in force binds to another audience. Mailchimp refuses it ("The
 * `list_id` for a specific store cannot change", catalogue row 49): moving a channel to another audience takes a new
 * store id, hence a new Mailchimp store and a backfill.
 */
export function audienceMoveProblems(current: CommerceOptions, next: Record<string, ChannelStore>, fieldName: ChannelFieldName): string[] {
  const audienceOf = new Map(storeTargets(current).map((t) => [t.storeId, t.audienceId]))
  const problems: string[] = []
  for (const [channelId, store] of Object.entries(next)) {
    const audience = store.audienceId ?? current.audienceId
    const held = audienceOf.get(store.storeId)
    if (held && held !== audience) {
      problems.push(
        `${fieldName(channelId, "audienceId")}: store ${store.storeId} belongs to audience ${held}, and a Mailchimp store's audience never changes: give this channel a new store id (a new Mailchimp store, filled by a backfill)`
      )
    }
  }
  return problems
}

/**
 * The channels whose objects the change sends to a store that does not hold them yet (a channel newly mapped, or
 * mapped to another store than before): a backfill fills it. A channel that keeps its store needs none.
 */
export function channelsNeedingBackfill(current: CommerceOptions, next: CommerceOptions, channelIds: string[]): string[] {
  return channelIds.filter((id) => {
    const after = storeOfChannel(next, id)
    return !!after && storeOfChannel(current, id)?.storeId !== after.storeId
  })
}
