import { defineMiddlewares } from "@medusajs/framework/http"
import { adminAudiencesMiddlewares } from "./admin/mailchimp/audiences/middlewares"
import { adminBackfillMiddlewares } from "./admin/mailchimp/backfill/middlewares"
import { adminCampaignsMiddlewares } from "./admin/mailchimp/campaigns/middlewares"
import { adminCustomersMiddlewares } from "./admin/mailchimp/customers/middlewares"
import { adminErasuresMiddlewares } from "./admin/mailchimp/erasures/middlewares"
import { adminJourneysMiddlewares } from "./admin/mailchimp/journeys/middlewares"
import { adminPurchaseProfilesMiddlewares } from "./admin/mailchimp/purchase-profiles/middlewares"
import { adminSalesChannelsMiddlewares } from "./admin/mailchimp/sales-channels/middlewares"
import { adminSegmentsMiddlewares } from "./admin/mailchimp/segments/middlewares"
import { adminSettingsMiddlewares } from "./admin/mailchimp/settings/middlewares"
import { adminSyncMiddlewares } from "./admin/mailchimp/sync/middlewares"
import { hooksMailchimpMiddlewares } from "./hooks/mailchimp/middlewares"
import { storeCartsMiddlewares } from "./store/carts/middlewares"
import { storeCartRecoveryMiddlewares } from "./store/mailchimp/cart-recovery/middlewares"
import { storeCustomersMiddlewares } from "./store/customers/middlewares"
import { storeNewsletterMiddlewares } from "./store/newsletter/middlewares"

// The only file Medusa loads: each route folder keeps its own list beside its validators.
export default defineMiddlewares({
  routes: [
    ...storeCartsMiddlewares,
    ...storeCartRecoveryMiddlewares,
    ...hooksMailchimpMiddlewares,
    ...storeNewsletterMiddlewares,
    ...storeCustomersMiddlewares,
    ...adminCustomersMiddlewares,
    ...adminErasuresMiddlewares,
    ...adminSettingsMiddlewares,
    ...adminSalesChannelsMiddlewares,
    ...adminJourneysMiddlewares,
    ...adminAudiencesMiddlewares,
    ...adminSyncMiddlewares,
    ...adminBackfillMiddlewares,
    ...adminPurchaseProfilesMiddlewares,
    ...adminSegmentsMiddlewares,
    ...adminCampaignsMiddlewares,
  ],
})
