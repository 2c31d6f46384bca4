import { Router } from "express"
import { memberView } from "../members"
import { flag, page, selectFields } from "../query"
import {
  addSegmentMember,
  changeSegmentMembers,
  createSegment,
  deleteSegment,
  removeSegmentMember,
  requireSegment,
  segmentMemberKeys,
  segmentView,
  updateSegment,
  type IncludeStatuses,
} from "../segments"
import { body, handle, query, type RouteDeps } from "./deps"

function includes(q: Record<string, unknown>): IncludeStatuses {
  return {
    include_cleaned: flag(q.include_cleaned),
    include_transactional: flag(q.include_transactional),
    include_unsubscribed: flag(q.include_unsubscribed),
  }
}

/** /lists/{list_id}/segments (static segments) */
export function segmentsRouter(deps: RouteDeps): Router {
  const router = Router({ mergeParams: true })
  const { state } = deps

  router.get(
    "/",
    handle((req, res) => {
      const list = state.getList(req.params.list_id)
      const q = query(req)
      let segments = [...list.segments.values()]
      if (typeof q.type === "string" && q.type) segments = segments.filter(() => q.type === "static")
      const out = {
        segments: page(segments, q).map((s) => segmentView(list, s, includes(q))),
        list_id: list.id,
        total_items: segments.length,
        _links: [],
      }
      res.json(selectFields(out, q))
    })
  )

  router.post(
    "/",
    handle((req, res) => {
      const list = state.getList(req.params.list_id)
      res.json(segmentView(list, createSegment(list, body(req))))
    })
  )

  router.get(
    "/:segment_id",
    handle((req, res) => {
      const list = state.getList(req.params.list_id)
      const q = query(req)
      res.json(selectFields(segmentView(list, requireSegment(list, req.params.segment_id), includes(q)), q))
    })
  )

  router.patch(
    "/:segment_id",
    handle((req, res) => {
      const list = state.getList(req.params.list_id)
      const segment = requireSegment(list, req.params.segment_id)
      res.json(segmentView(list, updateSegment(list, segment, body(req))))
    })
  )

  /** Batch add or remove members (at most 500 each). */
  router.post(
    "/:segment_id",
    handle((req, res) => {
      const list = state.getList(req.params.list_id)
      const segment = requireSegment(list, req.params.segment_id)
      const change = changeSegmentMembers(list, segment, body(req))
      const view = (m: Parameters<typeof memberView>[1]) => memberView(list, m)
      res.json({
        members_added: change.added.map(view),
        members_removed: change.removed.map(view),
        errors: change.errors,
        total_added: change.added.length,
        total_removed: change.removed.length,
        error_count: change.errors.reduce((n, e) => n + e.email_addresses.length, 0),
        _links: [],
      })
    })
  )

  router.delete(
    "/:segment_id",
    handle((req, res) => {
      const list = state.getList(req.params.list_id)
      deleteSegment(list, requireSegment(list, req.params.segment_id))
      res.status(204).end()
    })
  )

  router.get(
    "/:segment_id/members",
    handle((req, res) => {
      const list = state.getList(req.params.list_id)
      const segment = requireSegment(list, req.params.segment_id)
      const q = query(req)
      const keys = segmentMemberKeys(list, segment, includes(q))
      const out = {
        members: page(keys, q).map((key) => memberView(list, list.members.peek(key)!)),
        total_items: keys.length,
        _links: [],
      }
      res.json(selectFields(out, q))
    })
  )

  router.post(
    "/:segment_id/members",
    handle((req, res) => {
      const list = state.getList(req.params.list_id)
      const segment = requireSegment(list, req.params.segment_id)
      res.json(memberView(list, addSegmentMember(list, segment, body(req))))
    })
  )

  router.delete(
    "/:segment_id/members/:subscriber_hash",
    handle((req, res) => {
      const list = state.getList(req.params.list_id)
      removeSegmentMember(list, requireSegment(list, req.params.segment_id), req.params.subscriber_hash)
      res.status(204).end()
    })
  )

  return router
}
