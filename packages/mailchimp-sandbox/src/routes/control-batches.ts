import { Router } from "express"
import { batchView, requireBatch } from "../batches"
import { errors } from "../problems"
import { flag } from "../query"
import { originOf } from "./batches"
import { handle, query, type RouteDeps } from "./deps"

/**
 * /_sandbox/batches: the results archives that `response_body_url` points at, a pause to keep batches pending
 * (to see `pending`, or reach the limit of pending batches), and a wait for the running ones.
 */
export function controlBatchesRouter(deps: RouteDeps): Router {
  const router = Router()
  const { state, batches } = deps

  /** `?wait=true` first waits until every batch is finished (unless paused). */
  router.get(
    "/batches",
    handle(async (req, res) => {
      if (flag(query(req).wait)) await state.idle()
      const all = [...state.batches.values()]
      res.json({
        paused: state.batchesPaused,
        batches: all.map((b) => ({
          ...batchView(b, originOf(req)),
          operations: b.archived ? state.batchFiles.operations(b.id) : b.operations,
          results: b.results,
        })),
        total_items: all.length,
      })
    })
  )

  router.post(
    "/batches/pause",
    handle((_req, res) => {
      state.batchesPaused = true
      res.json({ paused: true })
    })
  )

  router.post(
    "/batches/resume",
    handle((_req, res) => {
      state.batchesPaused = false
      batches.kick()
      res.json({ paused: false })
    })
  )

  router.get(
    "/batches/:batch_id/response.tar.gz",
    handle((req, res) => {
      const batch = requireBatch(state, req.params.batch_id)
      if (!batch.archived) throw errors.notFound()
      const archive = state.batchFiles.archive(batch.id)
      res.status(200).type("application/gzip").set("content-length", String(archive.length)).end(archive)
    })
  )

  return router
}
