import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { StoreCartSourceResponse } from "../../../../../types/http"
import { recordCartSourceWorkflow } from "../../../../../workflows/commerce/record-cart-source"
import type { StoreCartSourceType } from "./validators"

/** The campaign (mc_cid) and landing page of the shopper's first page, recorded on the cart for its Mailchimp copy. */
export async function POST(req: MedusaRequest<StoreCartSourceType>, res: MedusaResponse<StoreCartSourceResponse>) {
  const source = { campaign_id: req.validatedBody.mc_cid ?? null, landing_site: req.validatedBody.landing_site ?? null }
  await recordCartSourceWorkflow(req.scope).run({ input: { cart_id: req.params.id, ...source } })
  res.json({ source })
}
