import { Router } from "express"
import { applyTags, readTagsBody, requireMember } from "../members"
import { page, selectFields } from "../query"
import { body, handle, query, type RouteDeps } from "./deps"

/** /lists/{list_id}/members/{subscriber_hash}/tags */
export function tagsRouter(deps: RouteDeps): Router {
  const router = Router({ mergeParams: true })

  router.get(
    "/",
    handle((req, res) => {
      const list = deps.state.getList(req.params.list_id)
      const member = requireMember(list, req.params.subscriber_hash)
      const q = query(req)
      const out = {
        tags: page(member.tags, q).map((t) => ({ id: t.id, name: t.name, date_added: t.date_added })),
        total_items: member.tags.length,
        _links: [],
      }
      res.json(selectFields(out, q))
    })
  )

  /** `active` adds a tag, `inactive` removes it. */
  router.post(
    "/",
    handle((req, res) => {
      const list = deps.state.getList(req.params.list_id)
      const member = requireMember(list, req.params.subscriber_hash)
      applyTags(list, member, readTagsBody(body(req)))
      res.status(204).end()
    })
  )

  return router
}
