import { isNotFound } from "../describe-error"
import { isDuplicate } from "./mailchimp-answers"

/**
 * For Mailchimp objects without PUT (products, promo rules and codes): PATCH first when Mailchimp is known to hold
 * the object (POST on a 404), else POST (PATCH when Mailchimp says the id exists). Either order ends in one object.
 */
export async function createOrUpdate(
  knownRemote: boolean,
  create: () => Promise<unknown>,
  update: () => Promise<unknown>
): Promise<"created" | "updated"> {
  if (knownRemote) {
    try {
      await update()
      return "updated"
    } catch (e) {
      if (!isNotFound(e)) throw e
    }
  }
  try {
    await create()
    return "created"
  } catch (e) {
    if (!isDuplicate(e)) throw e
  }
  await update()
  return "updated"
}
