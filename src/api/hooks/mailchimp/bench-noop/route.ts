import type { MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_MODULE } from "../../../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../../../types/mailchimp-module"
import type { WebhookRequest } from "../mask-secret"
import { readDelivery } from "../read-delivery"
import { answer, ANSWERS } from "../answer"

/** Set by `npm run bench` only: without it the route answers 404, as if it did not exist. */
export const BENCH_NOOP_FLAG = "MAILCHIMP_BENCH_NOOP_ROUTE"

/**
 * Benchmark only (test/bench/scenarios/webhook-ingest.ts): a delivery read exactly as POST /hooks/mailchimp reads
 * it (secret, form body, event) and then dropped, so the bench can tell the ingest's own cost from the request's.
 * Medusa mounts every route file; this one does nothing unless the flag is "true", which no store sets.
 */
export async function POST(req: WebhookRequest, res: MedusaResponse) {
  if (process.env[BENCH_NOOP_FLAG] !== "true") {
    return res.status(404).json({ message: "Not found" })
  }
  const service: IMailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  if (!(await readDelivery(req, res, service))) return
  answer(res, 200, ANSWERS.stored)
}
