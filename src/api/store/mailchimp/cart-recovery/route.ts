import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { StoreCartRecoveryError, StoreCartRecoveryResponse } from "../../../../types/http"
import { recoverCartWorkflow } from "../../../../workflows/commerce/recover-cart"
import type { StoreCartRecoveryType } from "./validators"

const REFUSALS: Record<Exclude<RecoverOutcome, "recovered">, [number, StoreCartRecoveryError]> = {
  invalid: [400, { type: "invalid_token", message: "This recovery link is not valid." }],
  expired: [410, { type: "expired_token", message: "This recovery link has expired." }],
  completed: [409, { type: "cart_completed", message: "This cart was already checked out." }],
  not_found: [404, { type: "not_found", message: "This cart no longer exists." }],
}

type RecoverOutcome = "recovered" | "invalid" | "expired" | "completed" | "not_found"

/** A recovery link's token for its cart id; any other token gets a 4xx and nothing else. */
export async function POST(req: MedusaRequest<StoreCartRecoveryType>, res: MedusaResponse<StoreCartRecoveryResponse | StoreCartRecoveryError>) {
  const { result } = await recoverCartWorkflow(req.scope).run({ input: { token: req.validatedBody.token } })
  if (result.outcome === "recovered") return res.json({ cart_id: result.cart_id! })
  const [status, body] = REFUSALS[result.outcome]
  res.status(status).json(body)
}
