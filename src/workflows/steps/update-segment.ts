import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_SEGMENTS_MODULE } from "../../modules/mailchimp-segments"
import type { IMailchimpSegmentsService } from "../../types/mailchimp-segments-module"
import type { SegmentConditionType } from "../../modules/mailchimp-segments/rules/conditions"

export type UpdateSegmentInput = {
  id: string
  name?: string
  audience_id?: string
  match?: "all" | "any"
  conditions?: SegmentConditionType[]
}

/** Changes a segment's name, audience (checked by the route) or conditions; undone by putting the previous ones back. */
export const updateSegmentStep = createStep(
  "update-mailchimp-segment",
  async (input: UpdateSegmentInput, { container }) => {
    const segments = container.resolve<IMailchimpSegmentsService>(MAILCHIMP_SEGMENTS_MODULE)
    const before = await segments.retrieveSegment(input.id)
    const update: Record<string, unknown> = { id: input.id, sync_status: "pending" }
    if (input.name !== undefined) update.name = input.name
    if (input.audience_id !== undefined) update.audience_id = input.audience_id
    if (input.match !== undefined) update.match = input.match
    if (input.conditions !== undefined) update.conditions = input.conditions
    await segments.updateSegments(update as never)
    return new StepResponse(
      { id: input.id },
      { id: before.id, name: before.name, audience_id: before.audience_id, match: before.match, conditions: before.conditions, sync_status: before.sync_status }
    )
  },
  async (before, { container }) => {
    if (!before) return
    await container.resolve<IMailchimpSegmentsService>(MAILCHIMP_SEGMENTS_MODULE).updateSegments(before as never)
  }
)
