import type { BatchOperationResult } from "./results"
import { parseOperationId } from "./operation-id"
import { withoutAddresses } from "../../../mailchimp/error-builders"

export type ObjectVerdict =
  | { kind: "ok" }
  | { kind: "exists" } // POST of an id Mailchimp holds: send again as PATCH
  | { kind: "missing" } // PATCH of an id Mailchimp does not hold: send again as POST
  | { kind: "not_member" } // merge fields of an address that is not in the audience
  | { kind: "unknown_product" } // an order naming a product Mailchimp does not hold
  | { kind: "unknown_customer" } // an order refused for its customer (sent by id alone, gone from Mailchimp): sent again in full
  | { kind: "unknown_campaign" } // an order naming a campaign not of this audience: sent again without it
  | { kind: "unknown_merge_field" } // merge fields the audience lacks (removed meanwhile): created, then sent again
  | { kind: "retry"; error: Record<string, unknown> }
  | { kind: "failed"; error: Record<string, unknown> }

type Problem = { status?: number; title?: string; detail?: string; errors?: { field?: string; message?: string }[] }

function problemOf(result: BatchOperationResult): Problem {
  try {
    const body = JSON.parse(result.response)
    return body && typeof body === "object" ? body : {}
  } catch {
    return {}
  }
}

function reason(result: BatchOperationResult, problem: Problem): Record<string, unknown> {
  // Kept and shown to the merchant: without the member's address Mailchimp's words may hold.
  return {
    status: result.status_code,
    title: withoutAddresses(problem.title ?? "Error"),
    detail: withoutAddresses(problem.detail ?? ""),
    ...(problem.errors?.length
      ? { errors: problem.errors.map((e) => ({ field: e.field, message: withoutAddresses(e.message ?? "") })) }
      : {}),
    at: new Date().toISOString(),
  }
}

const said = (p: Problem) => [p.detail ?? "", ...(p.errors ?? []).map((e) => `${e.field ?? ""} ${e.message ?? ""}`)].join(" ")

/** What one operation's answer means for its object. */
export function classifyResult(result: BatchOperationResult, target: "store" | "audience"): ObjectVerdict {
  const status = result.status_code
  if (status >= 200 && status < 300) return { kind: "ok" }
  const problem = problemOf(result)
  const step = parseOperationId(result.operation_id)?.step ?? ""
  if (status === 400 && /already exists/i.test(said(problem)) && step === "post") return { kind: "exists" }
  if (status === 404 && target === "audience") return { kind: "not_member" }
  if (status === 404 && step !== "post") return { kind: "missing" }
  if (status === 400 && /(product|variant).*(does not exist|not found)/i.test(said(problem))) return { kind: "unknown_product" }
  if (status === 400 && target === "store" && step === "post" && /customer/i.test(said(problem))) return { kind: "unknown_customer" }
  if (status === 400 && /campaign with the provided id does not exist/i.test(said(problem))) return { kind: "unknown_campaign" }
  if (status === 400 && target === "audience" && isMissingMergeField(problem)) return { kind: "unknown_merge_field" }
  if (status === 429 || status >= 500 || status === 0 || (status === 403 && !result.response)) {
    return { kind: "retry", error: reason(result, problem) }
  }
  return { kind: "failed", error: reason(result, problem) }
}

/** A member write refused because the audience has no merge field under a tag it names. */
function isMissingMergeField(problem: Problem): boolean {
  return /no merge field|merge field.*(does not exist|not found)/i.test(said(problem))
}

const RANK: Record<ObjectVerdict["kind"], number> = {
  ok: 0,
  not_member: 1,
  exists: 2,
  missing: 3,
  unknown_product: 4,
  unknown_customer: 5,
  unknown_campaign: 6,
  unknown_merge_field: 7,
  retry: 8,
  failed: 9,
}

/** An object sent with several operations (a product and its variants) takes its worst verdict. */
export function worse(a: ObjectVerdict | undefined, b: ObjectVerdict): ObjectVerdict {
  return !a || RANK[b.kind] > RANK[a.kind] ? b : a
}
