import { Router } from "express"
import {
  addMember,
  archiveMember,
  deletePermanently,
  memberView,
  requireMember,
  updateMember,
  upsertMember,
} from "../members"
import { page, selectFields } from "../query"
import { memberKeys } from "../member-summary"
import type { MemberRecord, MemberStatus } from "../types"
import { apiContext, body, handle, query, type RouteDeps } from "./deps"

/** /lists/{list_id}/members… */
export function membersRouter(deps: RouteDeps): Router {
  const router = Router({ mergeParams: true })

  router.get(
    "/",
    handle((req, res) => {
      const list = deps.state.getList(req.params.list_id)
      const q = query(req)
      const status = typeof q.status === "string" && q.status ? (q.status as MemberStatus) : undefined
      const keys = memberKeys(list.members, (s) => (status ? s.status === status : s.status !== "archived"))
      // Only these filters need the members decoded; the status filter and the page do not.
      const filters: Array<(m: MemberRecord) => boolean> = []
      if (typeof q.email_type === "string" && q.email_type) filters.push((m) => m.email_type === q.email_type)
      if (typeof q.unique_email_id === "string" && q.unique_email_id) filters.push((m) => m.unique_email_id === q.unique_email_id)
      if (q.vip_only === true || q.vip_only === "true") filters.push((m) => m.vip)
      const members = filters.length
        ? keys.map((key) => list.members.peek(key)!).filter((m) => filters.every((f) => f(m)))
        : undefined
      const out = {
        members: members
          ? page(members, q).map((m) => memberView(list, m))
          : page(keys, q).map((key) => memberView(list, list.members.peek(key)!)),
        list_id: list.id,
        total_items: members ? members.length : keys.length,
        _links: [],
      }
      res.json(selectFields(out, q))
    })
  )

  router.post(
    "/",
    handle((req, res) => {
      const list = deps.state.getList(req.params.list_id)
      const member = addMember(apiContext(deps, list, req), body(req))
      res.json(memberView(list, member))
    })
  )

  router.get(
    "/:subscriber_hash",
    handle((req, res) => {
      const list = deps.state.getList(req.params.list_id)
      const member = requireMember(list, req.params.subscriber_hash)
      res.json(selectFields(memberView(list, member), query(req)))
    })
  )

  router.put(
    "/:subscriber_hash",
    handle((req, res) => {
      const list = deps.state.getList(req.params.list_id)
      const { member } = upsertMember(apiContext(deps, list, req), req.params.subscriber_hash, body(req))
      res.json(memberView(list, member))
    })
  )

  router.patch(
    "/:subscriber_hash",
    handle((req, res) => {
      const list = deps.state.getList(req.params.list_id)
      const member = updateMember(apiContext(deps, list, req), req.params.subscriber_hash, body(req))
      res.json(memberView(list, member))
    })
  )

  router.delete(
    "/:subscriber_hash",
    handle((req, res) => {
      const list = deps.state.getList(req.params.list_id)
      archiveMember(apiContext(deps, list, req), req.params.subscriber_hash)
      res.status(204).end()
    })
  )

  router.post(
    "/:subscriber_hash/actions/delete-permanent",
    handle((req, res) => {
      const list = deps.state.getList(req.params.list_id)
      deletePermanently(apiContext(deps, list, req), req.params.subscriber_hash)
      res.status(204).end()
    })
  )

  return router
}
