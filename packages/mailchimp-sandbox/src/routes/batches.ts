import { Router, type Request } from "express"
import { batchView, requireBatch } from "../batches"
import { page, selectFields } from "../query"
import { body, handle, query, type RouteDeps } from "./deps"

/** Where the answer is read from: results links point back at this sandbox. */
export function originOf(req: Request): string {
  return `${req.protocol}://${req.get("host") ?? "127.0.0.1"}`
}

/** /batches */
export function batchesRouter(deps: RouteDeps): Router {
  const router = Router()
  const { state, batches } = deps

  router.get(
    "/",
    handle((req, res) => {
      const q = query(req)
      const all = [...state.batches.values()]
      const out = { batches: page(all, q).map((b) => batchView(b, originOf(req))), total_items: all.length, _links: [] }
      res.json(selectFields(out, q))
    })
  )

  router.post(
    "/",
    handle((req, res) => {
      res.json(batchView(batches.submit(body(req)), originOf(req)))
    })
  )

  router.get(
    "/:batch_id",
    handle((req, res) => {
      res.json(selectFields(batchView(requireBatch(state, req.params.batch_id), originOf(req)), query(req)))
    })
  )

  router.delete(
    "/:batch_id",
    handle((req, res) => {
      batches.remove(requireBatch(state, req.params.batch_id))
      res.status(204).end()
    })
  )

  return router
}
