import { subscriberHash } from "../../mailchimp"
import type { Choice } from "../../modules/mailchimp/rules/list-management"
import type { ProcessorContext } from "./context"
import { isNotFound } from "./describe-error"
import { lowerToUnsubscribed } from "./lower-to-unsubscribed"

/**
 * An opt-in write raced with a later opt-out or erasure of the same address (or may have, when
 * an earlier attempt timed out): Mailchimp is brought back to what the later choice asked for.
 */
export async function undoOptIn(email: string, leave: Choice, ctx: ProcessorContext, audienceId = ctx.options.audienceId): Promise<string> {
  if (leave.kind === "opt_out") {
    const result = await lowerToUnsubscribed(email, leave.source ?? "account", ctx, audienceId)
    return result.changed ? "unsubscribed again" : "nothing to undo"
  }
  const { service, client, options } = ctx
  const [erasure] = await service.listErasures({ id: leave.id }, { select: ["id", "mode"] })
  const hash = subscriberHash(email)
  try {
    if ((erasure?.mode ?? options.erasure) === "delete-permanent") {
      await client.members.deletePermanent(audienceId, hash)
    } else {
      await client.members.archive(audienceId, hash)
    }
  } catch (e) {
    if (!isNotFound(e)) throw e
  }
  await service.listMembers({ audience_id: audienceId, email: email.toLowerCase() }, { select: ["id"] }).then((rows) =>
    rows.length ? service.deleteMembers(rows.map((r) => r.id)) : undefined
  )
  return "erased again"
}
