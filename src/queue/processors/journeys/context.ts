import { MAILCHIMP_JOURNEYS_MODULE } from "../../../modules/mailchimp-journeys"
import type { IMailchimpJourneysService } from "../../../types/mailchimp-journeys-module"
import type { ProcessorContext } from "../context"

export type JourneysContext = ProcessorContext & { journeys: IMailchimpJourneysService }

export function journeysContext(ctx: ProcessorContext): JourneysContext {
  return { ...ctx, journeys: ctx.resolve<IMailchimpJourneysService>(MAILCHIMP_JOURNEYS_MODULE) }
}
