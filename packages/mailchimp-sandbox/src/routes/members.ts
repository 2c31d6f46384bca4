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
import type { MemberStatus } from "../types"
import { apiContext, body, handle, query, type RouteDeps } from "./deps"

/** /lists/{list_id}/members… */
export function membersRouter(deps: RouteDeps): Router {
  const router = Router({ mergeParams: true })

  router.get(
    "/",
    handle((req, res) => {
      const list = deps.state.getList(req.params.list_id)
      const q = query(req)
      let members = [...list.members.values()]
      if (typeof q.status === "string" && q.status) members = members.filter((m) => m.status === (q.status as MemberStatus))
      else members = members.filter((m) => m.status !== "archived")
      if (typeof q.email_type === "string" && q.email_type) members = members.filter((m) => m.email_type === q.email_type)
      if (typeof q.unique_email_id === "string" && q.unique_email_id) {
        members = members.filter((m) => m.unique_email_id === q.unique_email_id)
      }
      if (q.vip_only === true || q.vip_only === "true") members = members.filter((m) => m.vip)
      const out = {
        members: page(members, q).map((m) => memberView(list, m)),
        list_id: list.id,
        total_items: members.length,
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
