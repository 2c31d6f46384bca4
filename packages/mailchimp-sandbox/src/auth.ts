import type { RequestHandler } from "express"
import { ApiError, catalogueError } from "./problems"
import type { SandboxState } from "./state"

/** The key a request presents: HTTP Basic password (any user name) or Bearer token. */
export function presentedKey(header: string | undefined): string | undefined {
  if (!header) return undefined
  const [scheme, ...rest] = header.trim().split(/\s+/)
  const value = rest.join(" ")
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, "base64").toString("utf8")
    const colon = decoded.indexOf(":")
    return colon === -1 ? decoded : decoded.slice(colon + 1)
  }
  if (/^(bearer|apikey|oauth)$/i.test(scheme)) return value
  return undefined
}

/** 401 API Key Missing / API Key Invalid, in Mailchimp's words. */
export function authMiddleware(state: SandboxState): RequestHandler {
  return function sandboxAuth(req, _res, next) {
    const header = req.headers.authorization
    if (!header) return next(catalogueError("APIKeyMissing") as ApiError)
    const key = presentedKey(header)
    if (key !== state.apiKey) return next(catalogueError("APIKeyInvalid") as ApiError)
    next()
  }
}
