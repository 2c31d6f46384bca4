import { InjectManager, InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import type { Context, Logger } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { eraseRowsOf, type ErasedPeople } from "../mailchimp/erasure/erase-rows"
import { Segment } from "./models/segment"
import { SegmentMember } from "./models/segment-member"
import type { IMailchimpSegmentsService } from "../../types/mailchimp-segments-module"
import { SegmentDefinition, SegmentDefinitionType } from "./rules/conditions"
import { compileSegmentQuery } from "./sql/compile"
import {
  applyEvaluation,
  CLAIM_CHANGES,
  DELETE_MEMBERS,
  DROP_UNSENT,
  ANY_SEGMENT,
  FORGET_MAILCHIMP_COPY,
  LIVE_SEGMENTS,
  LOCK_SEGMENT_CLAIMS,
  ADDRESS_OF_HASH,
  RELEASE_CLAIMS,
  RETRY_OLD_FAILURES,
  SEGMENT_COUNTS,
  SEGMENTS_COUNTS,
  SETTLE_ADDED,
  SETTLE_REFUSED,
  SETTLE_REMOVED,
  previewStatement,
} from "./sql/statements"

type InjectedDependencies = { logger: Logger }

export type SegmentFigures = { member_count: number; mailchimp_count: number; pending_changes: number; failed_members: number }
export type Evaluation = { matched: number; entered: number; left: number }
export type ClaimedChange = { id: string; email: string; in_segment: boolean }
type LiveSegment = { id: string; audience_id: string | null; match: string; conditions: unknown }

/**
 * A segment statement over a whole audience costs enough for Postgres to compile it (JIT, on by default), and the
 * compiling costs more than it saves: about 0.9 s of a 1M-member preview (EXPLAIN ANALYZE, segments bench).
 * Transaction-local.
 */
const NO_JIT = `SET LOCAL jit = off`

const NO_FIGURES: SegmentFigures = { member_count: 0, mailchimp_count: 0, pending_changes: 0, failed_members: 0 }

/**
 * Segments: definitions, their evaluation in Postgres (one SQL query per segment, see
 * sql/compile.ts) and the membership rows that tell what Mailchimp's copy still lacks.
 */
class MailchimpSegmentsService extends MedusaService({ Segment, SegmentMember }) implements IMailchimpSegmentsService {
  protected readonly logger_: Logger

  constructor(deps: InjectedDependencies) {
    // @ts-ignore MedusaService takes the same arguments
    super(...arguments)
    this.logger_ = deps.logger
  }

  /** A stored segment's definition, parsed again (what was stored was valid when stored). */
  definitionOf(segment: { match: string; conditions: unknown }): SegmentDefinitionType {
    return SegmentDefinition.parse({ match: segment.match, conditions: segment.conditions }) as SegmentDefinitionType
  }

  /** The audience a segment is evaluated in and synced to: its own, or (none stored) the plugin's. */
  audienceOf(segment: { audience_id?: string | null }, pluginAudienceId: string): string {
    return segment.audience_id ?? pluginAudienceId
  }

  /** How many members a definition selects and the first `sample` of them (by address); nothing stored. */
  @InjectTransactionManager()
  async preview(
    def: SegmentDefinitionType,
    audienceId: string,
    sample = 10,
    @MedusaContext() ctx: Context = {}
  ): Promise<{ count: number; sample: { email: string; customer_id: string | null }[] }> {
    const q = compileSegmentQuery(def, { audienceId })
    await this.sql(ctx).execute(NO_JIT)
    if (q.hashJoins) await this.sql(ctx).execute(`SET LOCAL enable_nestloop = off`)
    const rows = await this.sql(ctx).execute(previewStatement(q.sql), [...q.bindings, sample])
    return {
      count: rows[0]?.total ?? 0,
      sample: rows.filter((r: { email: string | null }) => r.email !== null).map((r: { email: string; customer_id: string | null }) => ({ email: r.email, customer_id: r.customer_id })),
    }
  }

  /** The addresses a definition selects now (tests, tools); the routes use `preview`. */
  @InjectManager()
  async matchingEmails(def: SegmentDefinitionType, audienceId: string, @MedusaContext() ctx: Context = {}): Promise<string[]> {
    const q = compileSegmentQuery(def, { audienceId })
    const rows = await this.sql(ctx).execute(`${q.sql} ORDER BY m.email`, q.bindings)
    return rows.map((r: { email: string }) => r.email)
  }

  /**
   * Evaluates a segment over the members of its audience (`pluginAudienceId` when it names none) and records who
   * entered and left; keeps its member count.
   */
  @InjectTransactionManager()
  async evaluateSegment(segmentId: string, pluginAudienceId: string, @MedusaContext() ctx: Context = {}): Promise<Evaluation> {
    const segment = await this.retrieveSegment(segmentId, {}, ctx)
    const q = compileSegmentQuery(this.definitionOf(segment), { audienceId: this.audienceOf(segment, pluginAudienceId) })
    await this.sql(ctx).execute(RETRY_OLD_FAILURES, [segmentId])
    // Without this the planner, misled by the estimate of the matched rows and by segment rows not
    // yet analyzed, may check "no longer matched" with a nested loop over the matched set: quadratic
    // (a 100,000-member segment re-evaluated ran for minutes; with hash joins about 5 s). Transaction-local.
    await this.sql(ctx).execute(`SET LOCAL enable_nestloop = off`)
    await this.sql(ctx).execute(NO_JIT)
    const [result] = await this.sql(ctx).execute(applyEvaluation(q.sql, false), [...q.bindings, segmentId, segmentId])
    await this.sql(ctx).execute(DROP_UNSENT, [segmentId])
    await this.updateSegments({ id: segmentId, member_count: result.matched, evaluated_at: new Date() }, ctx)
    return result as Evaluation
  }

  /** Whether the merchant has any segment: without one, no address needs re-evaluating. */
  @InjectManager()
  async hasSegments(@MedusaContext() ctx: Context = {}): Promise<boolean> {
    const [row] = (await this.sql(ctx).execute(ANY_SEGMENT)) as { any: boolean }[]
    return !!row?.any
  }

  /**
   * Re-evaluates one address in every segment, each in its own audience (`pluginAudienceId` when it names none):
   * their order was placed, their consent changed. Answers the segments whose membership changed.
   */
  @InjectManager()
  async evaluateEmail(email: string, pluginAudienceId: string, @MedusaContext() ctx: Context = {}): Promise<string[]> {
    // Runs after every order and status change: a plain read, and no transaction while there is no segment.
    const segments = (await this.sql(ctx).execute(LIVE_SEGMENTS)) as LiveSegment[]
    return segments.length ? this.evaluateEmailIn_(segments, email.trim().toLowerCase(), pluginAudienceId, ctx) : []
  }

  /**
   * The same for an address known by its subscriber hash: found among the audience's members or the segments'
   * rows (an address that is neither is in no segment and leaves none).
   */
  @InjectManager()
  async evaluateHash(emailHash: string, pluginAudienceId: string, @MedusaContext() ctx: Context = {}): Promise<string[]> {
    const segments = (await this.sql(ctx).execute(LIVE_SEGMENTS)) as LiveSegment[]
    if (!segments.length) return []
    const [row] = await this.sql(ctx).execute(ADDRESS_OF_HASH, [emailHash, emailHash])
    return row ? this.evaluateEmailIn_(segments, row.email, pluginAudienceId, ctx) : []
  }

  @InjectTransactionManager()
  protected async evaluateEmailIn_(
    segments: LiveSegment[],
    address: string,
    pluginAudienceId: string,
    @MedusaContext() ctx: Context = {}
  ): Promise<string[]> {
    const changed: string[] = []
    for (const segment of segments) {
      const q = compileSegmentQuery(this.definitionOf(segment), { audienceId: this.audienceOf(segment, pluginAudienceId), email: address })
      const [result] = await this.sql(ctx).execute(applyEvaluation(q.sql, true), [...q.bindings, segment.id, segment.id, address])
      if (result.entered || result.left) {
        await this.sql(ctx).execute(DROP_UNSENT, [segment.id])
        const [figures] = await this.sql(ctx).execute(SEGMENT_COUNTS, [segment.id])
        await this.updateSegments({ id: segment.id, member_count: figures.member_count }, ctx)
        changed.push(segment.id)
      }
    }
    return changed
  }

  @InjectManager()
  async figures(segmentIds: string[], @MedusaContext() ctx: Context = {}): Promise<Map<string, SegmentFigures>> {
    const out = new Map<string, SegmentFigures>()
    if (!segmentIds.length) return out
    const rows = await this.sql(ctx).execute(SEGMENTS_COUNTS, [segmentIds])
    for (const id of segmentIds) out.set(id, { ...NO_FIGURES })
    for (const r of rows) out.set(r.segment_id, { member_count: r.member_count, mailchimp_count: r.mailchimp_count, pending_changes: r.pending_changes, failed_members: r.failed_members })
    return out
  }

  /** Up to `limit` additions and `limit` removals to send now, claimed for the caller. */
  @InjectTransactionManager()
  async claimChanges(segmentId: string, limit: number, @MedusaContext() ctx: Context = {}): Promise<{ add: ClaimedChange[]; remove: ClaimedChange[] }> {
    await this.sql(ctx).execute(LOCK_SEGMENT_CLAIMS, [segmentId])
    const rows: ClaimedChange[] = await this.sql(ctx).execute(CLAIM_CHANGES, [segmentId, limit, segmentId, limit])
    return { add: rows.filter((r) => r.in_segment), remove: rows.filter((r) => !r.in_segment) }
  }

  /** Records what a members call did: additions taken or refused (with Mailchimp's reason), removals done. */
  @InjectTransactionManager()
  async settleChanges(
    input: { added: string[]; refused: { ids: string[]; error: string }[]; removed: string[] },
    @MedusaContext() ctx: Context = {}
  ): Promise<void> {
    if (input.added.length) await this.sql(ctx).execute(SETTLE_ADDED, [input.added])
    for (const r of input.refused) if (r.ids.length) await this.sql(ctx).execute(SETTLE_REFUSED, [r.error.slice(0, 500), r.ids])
    if (input.removed.length) for (const statement of SETTLE_REMOVED) await this.sql(ctx).execute(statement, [input.removed])
  }

  @InjectManager()
  async releaseClaims(ids: string[], @MedusaContext() ctx: Context = {}): Promise<void> {
    if (ids.length) await this.sql(ctx).execute(RELEASE_CLAIMS, [ids])
  }

  /** Mailchimp no longer has the segment's copy: every member will be sent again to a new one. */
  @InjectTransactionManager()
  async forgetMailchimpCopy(segmentId: string, @MedusaContext() ctx: Context = {}): Promise<void> {
    for (const statement of FORGET_MAILCHIMP_COPY) await this.sql(ctx).execute(statement, [segmentId])
    await this.updateSegments({ id: segmentId, mailchimp_segment_id: null, mailchimp_name: null }, ctx)
  }

  /** Removes a (soft-deleted) segment and its rows for good, once Mailchimp's copy is gone. */
  @InjectTransactionManager()
  async purgeSegment(segmentId: string, @MedusaContext() ctx: Context = {}): Promise<void> {
    await this.sql(ctx).execute(DELETE_MEMBERS, [segmentId])
    await this.sql(ctx).execute(`DELETE FROM mailchimp_segment WHERE id = ?`, [segmentId])
  }

  /** An erasure: the segment rows of these addresses and customers. Answers the rows removed. */
  @InjectManager()
  async eraseAddresses(people: ErasedPeople, @MedusaContext() ctx: Context = {}): Promise<number> {
    return (await this.sql(ctx).execute(...eraseRowsOf("mailchimp_segment_member", people))).length
  }

  protected sql(ctx: Context): SqlEntityManager {
    return (ctx.transactionManager ?? ctx.manager) as SqlEntityManager
  }
}

export default MailchimpSegmentsService
