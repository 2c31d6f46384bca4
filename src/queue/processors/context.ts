import type { Logger } from "@medusajs/framework/types"
import type { MailchimpClient } from "../../mailchimp"
import type { PluginOptions } from "../../options"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"

export type ProcessorContext = {
  service: IMailchimpModuleService
  client: MailchimpClient
  options: PluginOptions
  logger: Logger
  attempt: number
  isLastAttempt: boolean
  // The store's container (other modules, query, workflows), for work beyond this module's tables.
  resolve<T = unknown>(key: string): T
}
