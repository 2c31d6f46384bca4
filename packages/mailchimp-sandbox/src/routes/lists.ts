import { Router } from "express"
import { listView } from "../audience"
import { memberHash } from "../hash"
import { batchSubscribe, memberView } from "../members"
import { flag, page, selectFields } from "../query"
import { apiContext, body, handle, query, type RouteDeps } from "./deps"

/** GET /lists, GET /lists/{list_id}, POST /lists/{list_id} (batch subscribe). */
export function listsRouter(deps: RouteDeps): Router {
  const router = Router()

  router.get(
    "/lists",
    handle((req, res) => {
      const q = query(req)
      let lists = [...deps.state.lists.values()]
      if (typeof q.email === "string" && q.email) {
        const email = q.email.toLowerCase()
        lists = lists.filter((l) => l.members.peek(memberHash(email))?.email_address.toLowerCase() === email)
      }
      const out = {
        lists: page(lists, q).map(listView),
        total_items: lists.length,
        constraints: { may_create: true, max_instances: 100, current_total_instances: deps.state.lists.size },
        _links: [],
      }
      res.json(selectFields(out, q))
    })
  )

  router.get(
    "/lists/:list_id",
    handle((req, res) => {
      const list = deps.state.getList(req.params.list_id)
      res.json(selectFields(listView(list), query(req)))
    })
  )

  router.post(
    "/lists/:list_id",
    handle((req, res) => {
      const list = deps.state.getList(req.params.list_id)
      const ctx = apiContext(deps, list, req)
      const result = batchSubscribe(ctx, body(req), { skipDuplicateCheck: flag(query(req).skip_duplicate_check) })
      const view = (m: Parameters<typeof memberView>[1]) => memberView(list, m)
      res.json({
        new_members: result.new_members.map(view),
        updated_members: result.updated_members.map(view),
        errors: result.errors,
        total_created: result.new_members.length,
        total_updated: result.updated_members.length,
        error_count: result.errors.length,
        _links: [],
      })
    })
  )

  return router
}
