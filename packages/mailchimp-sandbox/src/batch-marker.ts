import type { Request } from "express"
import type { SandboxState } from "./state"

/** The header of the requests the sandbox makes to itself to run a batch's operations: `{token}:{batch_id}`. */
export const BATCH_HEADER = "x-sandbox-batch"

/** The batch a /3.0 request runs for, when it is one of the sandbox's own (checked against its token). */
export function batchOf(state: SandboxState, req: Request): string | undefined {
  const value = req.header(BATCH_HEADER)
  if (!value) return undefined
  const colon = value.indexOf(":")
  if (colon === -1 || value.slice(0, colon) !== state.batchToken) return undefined
  return value.slice(colon + 1)
}
