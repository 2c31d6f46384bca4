import { container as storeContainer } from "@medusajs/framework"
import type { JobHandler, JobHandlers } from "../modules/mailchimp/queue-runtime/queue"
import type { JobName } from "../modules/mailchimp/queue-runtime/jobs"
import type { IMailchimpModuleService } from "../types/mailchimp-module"
import { processors, ProcessorContext } from "./processors"
import { MAILCHIMP_COMMERCE_MODULE } from "../modules/mailchimp-commerce"
import type { IMailchimpCommerceService } from "../types/mailchimp-commerce-module"

/** Waits for the commerce module's first read of its saved settings (at once after it; no module, nothing). */
function commerceSettingsRead(): Promise<void> | void {
  if (!storeContainer.hasRegistration(MAILCHIMP_COMMERCE_MODULE)) return
  return storeContainer.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE).commerceSettingsRead()
}

/**
 * The processors as the module's job handlers: each run gets the context a processor reads (the module, the
 * client, the effective options, the store's container). Registered with `service.registerJobHandlers`.
 */
export function jobHandlersFor(service: IMailchimpModuleService): JobHandlers {
  const handlers: JobHandlers = {}
  for (const name of Object.keys(processors) as JobName[]) {
    const processor = processors[name] as (payload: unknown, ctx: ProcessorContext) => Promise<unknown>
    const handler: JobHandler<JobName> = async (payload, run) => {
      // Jobs route by the sales channel mapping: the saved one is read once before the first job of this process.
      await commerceSettingsRead()
      return processor(payload, {
        service,
        client: service.getClient(),
        options: service.getOptions(),
        logger: service.getLogger(),
        attempt: run.attempt,
        isLastAttempt: run.isLastAttempt,
        resolve: <T>(key: string) => storeContainer.resolve<T>(key),
      })
    }
    ;(handlers as Record<string, JobHandler<JobName>>)[name] = handler
  }
  return handlers
}
