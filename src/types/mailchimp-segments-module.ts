import type { Context, IModuleService } from "@medusajs/framework/types"
import type { AbstractModuleService, ModelConfigurationsToConfigTemplate } from "@medusajs/framework/utils"
import type { ErasedPeople } from "../modules/mailchimp/erasure/erase-rows"
import type { Segment } from "../modules/mailchimp-segments/models/segment"
import type { SegmentMember } from "../modules/mailchimp-segments/models/segment-member"
import type { SegmentDefinitionType } from "../modules/mailchimp-segments/rules/conditions"
import type { ClaimedChange, Evaluation, SegmentFigures } from "../modules/mailchimp-segments/service"

export type { ClaimedChange, Evaluation, SegmentFigures }

/** The list, listAndCount, retrieve, create, update and delete methods Medusa generates for the module's tables. */
type SegmentTables = AbstractModuleService<ModelConfigurationsToConfigTemplate<{ Segment: typeof Segment; SegmentMember: typeof SegmentMember }>>

/**
 * The segments module's service (`MAILCHIMP_SEGMENTS_MODULE`) as routes, workflows and processors use it;
 * src/modules/mailchimp-segments/service.ts implements it.
 */
export interface IMailchimpSegmentsService extends IModuleService, SegmentTables {
  /** A stored segment's definition, parsed again (what was stored was valid when stored). */
  definitionOf(segment: { match: string; conditions: unknown }): SegmentDefinitionType
  /** The audience a segment is evaluated in and synced to: its own, or (none stored) the plugin's. */
  audienceOf(segment: { audience_id?: string | null }, pluginAudienceId: string): string
  /** How many members a definition selects and the first `sample` of them (by address); nothing stored. */
  preview(
    def: SegmentDefinitionType,
    audienceId: string,
    sample?: number,
    ctx?: Context
  ): Promise<{ count: number; sample: { email: string; customer_id: string | null }[] }>
  /** The addresses a definition selects now (tests, tools); the routes use `preview`. */
  matchingEmails(def: SegmentDefinitionType, audienceId: string, ctx?: Context): Promise<string[]>
  /** Evaluates a segment over its audience's members and records who entered and left; keeps its member count. */
  evaluateSegment(segmentId: string, pluginAudienceId: string, ctx?: Context): Promise<Evaluation>
  /** Whether the merchant has any segment: without one, no address needs re-evaluating. */
  hasSegments(ctx?: Context): Promise<boolean>
  /** Re-evaluates one address in every segment (each in its audience); answers the segments whose membership changed. */
  evaluateEmail(email: string, pluginAudienceId: string, ctx?: Context): Promise<string[]>
  /** The same for an address known by its subscriber hash (among the audience's members or the segments' rows). */
  evaluateHash(emailHash: string, pluginAudienceId: string, ctx?: Context): Promise<string[]>
  figures(segmentIds: string[], ctx?: Context): Promise<Map<string, SegmentFigures>>
  /** Up to `limit` additions and `limit` removals to send now, claimed for the caller. */
  claimChanges(segmentId: string, limit: number, ctx?: Context): Promise<{ add: ClaimedChange[]; remove: ClaimedChange[] }>
  /** Records what a members call did: additions taken or refused (with Mailchimp's reason), removals done. */
  settleChanges(
    input: { added: string[]; refused: { ids: string[]; error: string }[]; removed: string[] },
    ctx?: Context
  ): Promise<void>
  releaseClaims(ids: string[], ctx?: Context): Promise<void>
  /** Mailchimp no longer has the segment's copy: every member will be sent again to a new one. */
  forgetMailchimpCopy(segmentId: string, ctx?: Context): Promise<void>
  /** Removes a (soft-deleted) segment and its rows for good, once Mailchimp's copy is gone. */
  purgeSegment(segmentId: string, ctx?: Context): Promise<void>
  /** An erasure: the segment rows of these addresses and customers. Answers the rows removed. */
  eraseAddresses(people: ErasedPeople, ctx?: Context): Promise<number>
}
