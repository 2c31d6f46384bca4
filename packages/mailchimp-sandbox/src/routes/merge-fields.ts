import { Router } from "express"
import { createMergeField, mergeFieldView } from "../merge-fields"
import { errors } from "../problems"
import { flag, page, selectFields } from "../query"
import { body, handle, query, type RouteDeps } from "./deps"

/** /lists/{list_id}/merge-fields */
export function mergeFieldsRouter(deps: RouteDeps): Router {
  const router = Router({ mergeParams: true })

  router.get(
    "/",
    handle((req, res) => {
      const list = deps.state.getList(req.params.list_id)
      const q = query(req)
      let fields = [...list.merge_fields].sort((a, b) => a.display_order - b.display_order)
      if (typeof q.type === "string" && q.type) fields = fields.filter((f) => f.type === q.type)
      if (q.required !== undefined) fields = fields.filter((f) => f.required === flag(q.required))
      const out = {
        merge_fields: page(fields, q).map((f) => mergeFieldView(list, f)),
        list_id: list.id,
        total_items: fields.length,
        _links: [],
      }
      res.json(selectFields(out, q))
    })
  )

  router.post(
    "/",
    handle((req, res) => {
      const list = deps.state.getList(req.params.list_id)
      const field = createMergeField(list, body(req))
      res.json(mergeFieldView(list, field))
    })
  )

  router.get(
    "/:merge_id",
    handle((req, res) => {
      const list = deps.state.getList(req.params.list_id)
      const field = list.merge_fields.find((f) => String(f.merge_id) === req.params.merge_id)
      if (!field) throw errors.notFound()
      res.json(selectFields(mergeFieldView(list, field), query(req)))
    })
  )

  router.delete(
    "/:merge_id",
    handle((req, res) => {
      const list = deps.state.getList(req.params.list_id)
      const index = list.merge_fields.findIndex((f) => String(f.merge_id) === req.params.merge_id)
      if (index === -1) throw errors.notFound()
      list.merge_fields.splice(index, 1)
      res.status(204).end()
    })
  )

  return router
}
