import type { RequestHandler } from "express"
import { batchOf } from "./batch-marker"
import type { SandboxState } from "./state"
import { apiTime } from "./time"

/**
 * Records every /3.0 request (method, path, query, body, status, time) when its answer is sent; a batch's
 * operations are recorded too, with the batch's id.
 */
export function requestLog(state: SandboxState): RequestHandler {
  return function sandboxRequestLog(req, res, next) {
    const started = Date.now()
    const generation = state.generation
    const path = (req.originalUrl || req.url).split("?")[0]
    const query = { ...(req.query as Record<string, unknown>) }
    const batchId = batchOf(state, req)
    let done = false
    const record = () => {
      if (done || generation !== state.generation) return
      done = true
      state.recordRequest({
        method: req.method,
        path,
        query,
        body: res.locals.sandboxBody ?? null,
        status: res.statusCode,
        timestamp: apiTime(new Date(started)),
        duration_ms: Date.now() - started,
        ...(batchId ? { batch_id: batchId } : {}),
      })
    }
    res.once("finish", record)
    res.once("close", record)
    next()
  }
}

/** Keeps a copy of the parsed body as the client sent it (validators may add defaults later). */
export const captureBody: RequestHandler = function sandboxCaptureBody(req, res, next) {
  const length = req.headers["content-length"]
  const hasBody = (length !== undefined && length !== "0") || req.headers["transfer-encoding"] !== undefined
  res.locals.sandboxBody = hasBody && req.body !== undefined ? structuredClone(req.body) : null
  next()
}
