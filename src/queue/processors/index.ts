import type { JobName, JobPayload } from "../../modules/mailchimp/queue-runtime/jobs"
import type { ProcessorContext } from "./context"
import { applyWebhookEvent } from "./apply-webhook-event"
import { applyPendingWebhookEvents } from "./webhooks/apply-pending"
import { registerWebhook } from "./register-webhook"
import { syncConsent } from "./sync-consent"
import { eraseMember } from "./erase-member"
import { sweepGroupTags } from "./sweep-group-tags"
import { syncCustomer } from "./sync-customer"
import { readMemberInterests } from "./read-member-interests"

import { backfillPage } from "./commerce/backfill/backfill-page"
import { backfillPoll } from "./commerce/backfill/backfill-poll"
import { syncCart } from "./commerce/cart-sync"
import { connectStore } from "./commerce/connect-store"
import { ensureMergeFields } from "./commerce/ensure-merge-fields"
import { rebuildProfiles } from "./commerce/rebuild-profiles"
import { syncCommerceCustomer } from "./commerce/sync-customer"
import { syncMergeFields } from "./commerce/sync-merge"
import { syncOrder } from "./commerce/sync-order"
import { syncProduct } from "./commerce/sync-product"
import { syncPromo } from "./commerce/sync-promo"

import { campaignAction } from "./campaigns/campaign-action"
import { refreshCampaign } from "./campaigns/refresh-campaign"
import { pullCampaignReport } from "./campaigns/pull-report"
import { deleteSegment } from "./segments/delete-segment"
import { refreshEmailSegments } from "./segments/refresh-email"
import { pushSegment, syncSegment } from "./segments/sync-segment"
import { sendJourneyEvent } from "./journeys/send-journey-event"
import { connectSiteScript } from "./journeys/connect-site-script"

export type { ProcessorContext } from "./context"

export const processors: { [N in JobName]: (payload: JobPayload<N>, ctx: ProcessorContext) => Promise<unknown> } = {
  "consent.sync": syncConsent,
  "webhook.apply": applyWebhookEvent,
  "webhook.apply.pending": applyPendingWebhookEvents,
  "webhook.register": registerWebhook,
  "consent.unsubscribe": syncConsent,
  "member.erase": eraseMember,
  "customer.sync": syncCustomer,
  "groups.sweep": sweepGroupTags,
  "commerce.store.connect": connectStore,
  "commerce.product.sync": syncProduct,
  "commerce.customer.sync": syncCommerceCustomer,
  "commerce.order.sync": syncOrder,
  "commerce.cart.sync": syncCart,
  "commerce.promo.sync": syncPromo,
  "commerce.merge.sync": syncMergeFields,
  "commerce.merge-fields.ensure": ensureMergeFields,
  "commerce.profiles.rebuild": rebuildProfiles,
  "commerce.backfill.page": backfillPage,
  "commerce.backfill.poll": backfillPoll,
  "campaign.action": campaignAction,
  "campaign.refresh": refreshCampaign,
  "campaign.report.pull": pullCampaignReport,
  "segments.sync": syncSegment,
  "segments.push": pushSegment,
  "segments.email.refresh": refreshEmailSegments,
  "segments.delete": deleteSegment,
  "member.interests.read": readMemberInterests,
  "journey.event.send": sendJourneyEvent,
  "journey.site.connect": connectSiteScript,
}
