import { container } from "@medusajs/framework"
import { MAILCHIMP_MODULE } from "../modules/mailchimp"
import type { IMailchimpModuleService } from "../types/mailchimp-module"
import { jobHandlersFor } from "../queue/job-handlers"

/**
 * Registers the queue's processors with the mailchimp module, which starts its worker with them in
 * onApplicationStart (worker or shared mode). Medusa imports every file under src/workflows in every worker mode,
 * after the modules are loaded and before their onApplicationStart hooks: the same moment at which workflows
 * register themselves. The module never imports the processors (docs/architecture.md).
 */
if (container.hasRegistration(MAILCHIMP_MODULE)) {
  const service = container.resolve<IMailchimpModuleService>(MAILCHIMP_MODULE)
  service.registerJobHandlers(jobHandlersFor(service))
}
