import type { Request, RequestHandler } from "express"
import { batchOf } from "./batch-marker"
import { ApiError, catalogueError, errors } from "./problems"
import type { SandboxState } from "./state"
import { sleep } from "./time"

/**
 * Mailchimp's limit of simultaneous connections: a request that arrives while `maxConcurrent` are in flight
 * answers 429 Too Many Requests. Batch operations do not count (that is what batches are for).
 */
export function concurrencyLimit(state: SandboxState): RequestHandler {
  return function sandboxConcurrency(req, res, next) {
    if (batchOf(state, req)) return next()
    if (state.inFlight >= state.maxConcurrent) return next(errors.tooManyRequests(state.maxConcurrent))
    state.inFlight += 1
    let released = false
    const release = () => {
      if (released) return
      released = true
      state.inFlight -= 1
    }
    res.once("finish", release)
    res.once("close", release)
    next()
  }
}

/** Faults set through POST /_sandbox/faults: bursts first (counted when the request arrives), then latency, then the error rate. */
export function faultsMiddleware(state: SandboxState): RequestHandler {
  return function sandboxFaults(req, res, next) {
    const f = state.faults
    let answer: "403" | ApiError | undefined
    if (f.bodyless_403 > 0) {
      f.bodyless_403 -= 1
      answer = "403"
    } else if (f.burst_429 > 0) {
      f.burst_429 -= 1
      answer = errors.tooManyRequests(state.maxConcurrent)
    } else if (f.burst_500 > 0) {
      f.burst_500 -= 1
      answer = errors.internal()
    } else if (f.anti_abuse > 0 && isSignup(req)) {
      f.anti_abuse -= 1
      answer = errors.antiAbuse(String((req.body as Record<string, unknown>).email_address))
    } else if (f.error_rate > 0 && Math.random() < f.error_rate) {
      answer = catalogueError(f.error_status) ?? errors.internal()
    }
    const go = () => {
      if (answer === "403") {
        // "At exceptionally high volumes, you may receive an HTTP 429 or 403 without a JSON body."
        res.status(403).set("content-length", "0").end()
        return
      }
      next(answer)
    }
    if (f.latency_ms > 0) void sleep(f.latency_ms).then(go)
    else go()
  }
}

/** A member write that would subscribe someone (PUT or POST with an address and a subscribing status). */
function isSignup(req: Request): boolean {
  if (req.method !== "PUT" && req.method !== "POST") return false
  if (!/^\/lists\/[^/]+\/members(\/[^/]+)?\/?$/.test(req.path)) return false
  const b = (req.body ?? {}) as Record<string, unknown>
  const subscribing = (s: unknown) => s === "subscribed" || s === "pending"
  return typeof b.email_address === "string" && (subscribing(b.status) || subscribing(b.status_if_new))
}

/** `X-Trigger-Error: 404` or `X-Trigger-Error: ResourceNotFound` / `Resource Not Found`: that error, as Mailchimp's mock does. */
export function triggerErrorMiddleware(): RequestHandler {
  return function sandboxTriggerError(req, _res, next) {
    const value = req.header("x-trigger-error")
    if (!value) return next()
    const error = catalogueError(value)
    if (!error) {
      return next(
        new ApiError(
          400,
          "Bad Request",
          `X-Trigger-Error: "${value}" is neither an HTTP error status nor a Mailchimp error title.`
        )
      )
    }
    next(error)
  }
}
