import type { ErrorRequestHandler, RequestHandler } from "express"
import { STATUS_CODES } from "http"
import { ApiError, errors, sendProblem } from "./problems"
import type { SandboxState } from "./state"
import { fieldName, isResponseViolation, isValidatorError } from "./strict"
import { apiTime } from "./time"

/** No route matched: Mailchimp's 404, saying that the sandbox does not answer this (it may exist in Mailchimp). */
export const notFound: RequestHandler = (req, _res, next) =>
  next(
    new ApiError(
      404,
      "Resource Not Found",
      `The requested resource could not be found. (The Mailchimp sandbox does not answer ${req.method} ${(req.originalUrl || req.url).split("?")[0]}.)`
    )
  )

type AnyError = Error & {
  type?: string
  status?: number
  errors?: Array<{ path?: string; message?: string }>
  headers?: Record<string, string>
}

/** Renders every error as Mailchimp does: application/problem+json {type, title, status, detail, instance}. */
export function errorHandler(state: SandboxState): ErrorRequestHandler {
  return function sandboxErrorHandler(err: AnyError, req, res, _next) {
    if (res.headersSent) {
      res.destroy()
      return
    }
    if (err instanceof ApiError) return sendProblem(res, err)
    if (err?.type === "entity.parse.failed") return sendProblem(res, errors.jsonParse())
    if (err?.type === "entity.too.large") {
      return sendProblem(res, new ApiError(413, "Request Entity Too Large", "The request body is too large."))
    }
    if (isValidatorError(err)) {
      const list = (err.errors ?? []).map((e) => ({ field: fieldName(e.path), message: e.message ?? "" }))
      if (isResponseViolation(err)) {
        // The sandbox's own answer broke Mailchimp's API description: fail loudly.
        const violation = {
          method: req.method,
          path: (req.originalUrl || req.url).split("?")[0],
          status: res.statusCode,
          message: err.message,
          errors: list,
          timestamp: apiTime(),
        }
        state.responseViolations.push(violation)
        console.error(`[mailchimp sandbox] response violates Mailchimp's API description: ${req.method} ${violation.path}: ${err.message}`)
        return sendProblem(
          res,
          new ApiError(
            500,
            "Response Validation Failed",
            `The sandbox's answer does not match Mailchimp's API description: ${err.message}`,
            list
          )
        )
      }
      const status = err.status ?? 400
      if (status === 400) {
        return sendProblem(
          res,
          errors.invalidResource(
            list,
            `The resource submitted could not be validated. For field-specific details, see the 'errors' array. (strict mode: ${err.message})`
          )
        )
      }
      if (status === 404) return sendProblem(res, errors.notFound())
      if (status === 405) {
        if (err.headers?.Allow) res.set("Allow", err.headers.Allow)
        return sendProblem(
          res,
          new ApiError(
            405,
            "Method Not Allowed",
            "The requested method and resource are not compatible. See the Allow header for this resource's available methods."
          )
        )
      }
      if (status === 415) {
        return sendProblem(
          res,
          new ApiError(415, "Unsupported Media Type", `${err.message}: Mailchimp's API takes application/json bodies.`)
        )
      }
      return sendProblem(res, new ApiError(status, STATUS_CODES[status] ?? "Error", err.message, list))
    }
    console.error("[mailchimp sandbox] unexpected error", err)
    sendProblem(
      res,
      new ApiError(
        500,
        "Internal Server Error",
        `An unexpected internal error has occurred in the sandbox: ${(err as Error | undefined)?.message ?? String(err)}`
      )
    )
  }
}
