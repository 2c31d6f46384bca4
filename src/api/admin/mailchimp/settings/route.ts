import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_MODULE } from "../../../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../../../types/mailchimp-module"
import { doubleOptInSetting, overriddenSettings } from "../../../../modules/mailchimp/settings/effective-options"
import type { PluginOptions } from "../../../../options"
import { updateMailchimpSettingsWorkflow } from "../../../../workflows/update-mailchimp-settings"
import { audienceFigures, connectionState, problemOf } from "../mailchimp-reads"
import { webhookState } from "../webhook/webhook-state"
import type { AdminUpdateMailchimpSettingsType } from "./validators"
import type { AdminMailchimpSettingsResponse } from "../../../../types/http"

function editable(options: PluginOptions) {
  return {
    audience_id: options.audienceId,
    double_opt_in: doubleOptInSetting(options.doubleOptIn),
    checkout_label: options.checkoutLabel,
    tags: options.tags,
    merge_fields: options.mergeFields,
    interest_categories: options.interestCategories,
  }
}

/** Everything the settings screen shows: connection, audience figures, the settings in force, webhook. */
async function settingsView(service: IMailchimpModuleService) {
  const options = service.getOptions()
  const client = service.getClient()
  const saved = service.getSavedSettings()
  const [connection, audience, webhook] = await Promise.all([
    connectionState(client, options),
    audienceFigures(client, options.audienceId).then(
      (figures) => ({ ...figures, error: null }),
      (e) => ({ id: options.audienceId, error: problemOf(e) })
    ),
    webhookState(service),
  ])
  return {
    connection,
    audience,
    settings: editable(options),
    defaults: editable(service.getConfiguredOptions()),
    overridden: overriddenSettings(saved),
    updated_at: saved?.updated_at ?? null,
    updated_by: saved?.updated_by ?? null,
    webhook,
  }
}

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminMailchimpSettingsResponse>) {
  const service: IMailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  await service.refreshSettings()
  res.json({ mailchimp: await settingsView(service) })
}

export async function POST(req: AuthenticatedMedusaRequest<AdminUpdateMailchimpSettingsType>, res: MedusaResponse<AdminMailchimpSettingsResponse>) {
  const service: IMailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  await updateMailchimpSettingsWorkflow(req.scope).run({
    input: { change: req.validatedBody, updated_by: req.auth_context?.actor_id ?? null },
  })
  res.json({ mailchimp: await settingsView(service) })
}
