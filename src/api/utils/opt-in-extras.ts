import { MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import { resolveOptInExtras, type OptInExtras, type OptInExtrasInput } from "../../modules/mailchimp/audience/opt-in-offer"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"

// Medusa's 400 shows a custom message without its path, so each message names its field.
const ids = (field: string) =>
  z
    .array(z.string().trim().min(1, `${field}: an id cannot be empty`).max(100, `${field}: an id has at most 100 characters`))
    .max(100, `${field}: at most 100 ids`)

/** The body fields every opt-in route takes beside its own: the chosen interest ids and granted permission ids. */
export const optInExtrasFields = {
  interests: ids("interests").optional(),
  marketing_permissions: ids("marketing_permissions").optional(),
}

/**
 * The shopper's chosen interests and granted permissions, checked against what the store offers and named as the
 * server shows them (the client's words are never kept). An id not offered is a 400 naming its field. Nothing
 * chosen: nothing read, nothing kept. When Mailchimp cannot be asked just now, the opt-in is kept without them
 * (`unchecked` says so) rather than refused: the consent matters more than its optional data. The offer is that of
 * the audience the opt-in goes to (default: the plugin's).
 */
export async function chosenOptInExtras(
  service: IMailchimpModuleService,
  input: OptInExtrasInput,
  audienceId?: string
): Promise<{ extras: OptInExtras | null; unchecked: boolean }> {
  if (!input.interests?.length && !input.marketing_permissions?.length) return { extras: null, unchecked: false }
  const offer = await service.getOptInOffer(audienceId).catch(() => null)
  if (!offer) return { extras: null, unchecked: true }
  const resolved = resolveOptInExtras(offer, input)
  if ("field" in resolved) throw new MedusaError(MedusaError.Types.INVALID_DATA, resolved.message)
  return { extras: resolved.extras, unchecked: false }
}
