import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_SEGMENTS_MODULE } from "../../modules/mailchimp-segments"
import type { IMailchimpSegmentsService } from "../../types/mailchimp-segments-module"
import type { SegmentDefinitionType } from "../../modules/mailchimp-segments/rules/conditions"

/** `audience_id` absent: the plugin's audience (stored as null, read as the plugin's `audienceId`). */
export type CreateSegmentInput = { name: string; audience_id?: string } & SegmentDefinitionType

/** Stores a new segment (validated already); undone by removing it and its rows. */
export const createSegmentStep = createStep(
  "create-mailchimp-segment",
  async (input: CreateSegmentInput, { container }) => {
    const segments = container.resolve<IMailchimpSegmentsService>(MAILCHIMP_SEGMENTS_MODULE)
    const segment = await segments.createSegments({
      name: input.name,
      audience_id: input.audience_id ?? null,
      match: input.match,
      conditions: input.conditions as unknown as Record<string, unknown>,
      sync_status: "pending",
    })
    return new StepResponse({ id: segment.id }, segment.id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve<IMailchimpSegmentsService>(MAILCHIMP_SEGMENTS_MODULE).purgeSegment(id)
  }
)
