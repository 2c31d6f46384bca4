import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { checkSalesChannelMappingStep, type SalesChannelMappingChange } from "./steps/check-sales-channel-mapping"
import { saveSalesChannelMappingStep } from "./steps/save-sales-channel-mapping"

export type UpdateSalesChannelMappingInput = SalesChannelMappingChange & { updated_by: string | null }

/**
 * The sales channel mapping from Settings → Mailchimp: checked by the option's rules and Mailchimp's, then saved over
 * the salesChannels option. Answers the channels whose store needs a backfill (docs/sales-channels.md).
 */
export const updateSalesChannelMappingWorkflow = createWorkflow(
  "update-sales-channel-mapping",
  (input: UpdateSalesChannelMappingInput) => {
    const checked = checkSalesChannelMappingStep(transform({ input }, ({ input }) => ({ sales_channels: input.sales_channels })))
    saveSalesChannelMappingStep(input)
    return new WorkflowResponse(checked)
  }
)
