import { Router } from "express"
import { addMemberEvent, memberEventsView, readEventBody } from "../member-events"
import { requireMember } from "../members"
import { page, selectFields } from "../query"
import { body, handle, query, type RouteDeps } from "./deps"

/** /lists/{list_id}/members/{subscriber_hash}/events */
export function memberEventsRouter(deps: RouteDeps): Router {
  const router = Router({ mergeParams: true })

  router.get(
    "/",
    handle((req, res) => {
      const list = deps.state.getList(req.params.list_id)
      const member = requireMember(list, req.params.subscriber_hash)
      const q = query(req)
      const events = memberEventsView(member)
      res.json(selectFields({ events: page(events, q), total_items: events.length, _links: [] }, q))
    })
  )

  router.post(
    "/",
    handle((req, res) => {
      const list = deps.state.getList(req.params.list_id)
      const member = requireMember(list, req.params.subscriber_hash)
      addMemberEvent(member, readEventBody(body(req)))
      res.status(204).end()
    })
  )

  return router
}
