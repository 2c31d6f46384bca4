import { authenticate, defineMiddlewares, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { AdminCustomerNewsletter } from "./admin/mailchimp/customers/[id]/newsletter/validators"
import { AdminEraseCustomer } from "./admin/mailchimp/customers/[id]/erase/validators"
import { AdminErasureQuery, AdminEraseAddress } from "./admin/mailchimp/erasures/validators"
import { StoreCustomerNewsletter } from "./store/customers/me/newsletter/validators"
import { captureMetadataNewsletterChoice } from "./store/carts/[id]/newsletter/capture-metadata-choice"
import { StoreCartNewsletterChoice } from "./store/carts/[id]/newsletter/validators"
import { StoreNewsletterSignup } from "./store/newsletter/validators"
import { AdminUpdateMailchimpSettings } from "./admin/mailchimp/settings/validators"
import { AdminListMailchimpAudiences } from "./admin/mailchimp/audiences/validators"
import { AdminGetMailchimpSync, AdminMailchimpJobAction } from "./admin/mailchimp/sync/validators"
import { AdminGetBackfill, AdminStartBackfill } from "./admin/mailchimp/backfill/validators"
import { AdminRebuildPurchaseProfiles } from "./admin/mailchimp/purchase-profiles/rebuild/validators"
import {
  AdminCampaignNoBody,
  AdminCreateCampaign,
  AdminListCampaigns,
  AdminUpdateCampaign,
} from "./admin/mailchimp/campaigns/validators"
import { AdminTestCampaign } from "./admin/mailchimp/campaigns/[id]/test/validators"
import { AdminScheduleCampaign } from "./admin/mailchimp/campaigns/[id]/schedule/validators"
import {
  AdminCreateSegment,
  AdminListSegments,
  AdminPreviewSegment,
  AdminSyncSegment,
  AdminUpdateSegment,
} from "./admin/mailchimp/segments/validators"

export default defineMiddlewares({
  routes: [
    {
      matcher: "/store/carts/:id",
      method: ["POST"],
      middlewares: [captureMetadataNewsletterChoice],
    },
    {
      matcher: "/store/carts/:id/newsletter",
      method: ["POST"],
      middlewares: [validateAndTransformBody(StoreCartNewsletterChoice)],
    },
    {
      matcher: "/hooks/mailchimp",
      method: ["POST"],
      bodyParser: { preserveRawBody: true, sizeLimit: "64kb" },
      middlewares: [],
    },
    {
      matcher: "/store/newsletter",
      method: ["POST"],
      middlewares: [validateAndTransformBody(StoreNewsletterSignup)],
    },
    {
      matcher: "/store/newsletter/settings",
      method: ["GET"],
      middlewares: [authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true })],
    },
    {
      // Medusa's own /store/customers/me* middleware has already required a logged-in customer.
      matcher: "/store/customers/me/newsletter",
      method: ["POST"],
      middlewares: [validateAndTransformBody(StoreCustomerNewsletter)],
    },
    {
      matcher: "/admin/mailchimp/customers/:id/newsletter",
      method: ["POST"],
      middlewares: [validateAndTransformBody(AdminCustomerNewsletter)],
    },
    {
      matcher: "/admin/mailchimp/customers/:id/erase",
      method: ["POST"],
      middlewares: [validateAndTransformBody(AdminEraseCustomer)],
    },
    {
      matcher: "/admin/mailchimp/erasures",
      method: ["POST"],
      middlewares: [validateAndTransformBody(AdminEraseAddress)],
    },
    {
      matcher: "/admin/mailchimp/erasures",
      method: ["GET"],
      middlewares: [validateAndTransformQuery(AdminErasureQuery, {})],
    },
    {
      matcher: "/admin/mailchimp/settings",
      method: ["POST"],
      middlewares: [validateAndTransformBody(AdminUpdateMailchimpSettings)],
    },
    {
      matcher: "/admin/mailchimp/audiences",
      method: ["GET"],
      middlewares: [validateAndTransformQuery(AdminListMailchimpAudiences, {})],
    },
    {
      matcher: "/admin/mailchimp/sync",
      method: ["GET"],
      middlewares: [validateAndTransformQuery(AdminGetMailchimpSync, {})],
    },
    {
      matcher: "/admin/mailchimp/sync/jobs/:id/retry",
      method: ["POST"],
      middlewares: [validateAndTransformBody(AdminMailchimpJobAction)],
    },
    {
      matcher: "/admin/mailchimp/sync/jobs/:id/discard",
      method: ["POST"],
      middlewares: [validateAndTransformBody(AdminMailchimpJobAction)],
    },
    {
      matcher: "/admin/mailchimp/backfill",
      method: ["POST"],
      middlewares: [validateAndTransformBody(AdminStartBackfill)],
    },
    {
      matcher: "/admin/mailchimp/backfill",
      method: ["GET"],
      middlewares: [validateAndTransformQuery(AdminGetBackfill, {})],
    },
    {
      matcher: "/admin/mailchimp/purchase-profiles/rebuild",
      method: ["POST"],
      middlewares: [validateAndTransformBody(AdminRebuildPurchaseProfiles)],
    },
    {
      matcher: "/admin/mailchimp/segments",
      method: ["GET"],
      middlewares: [validateAndTransformQuery(AdminListSegments, {})],
    },
    {
      matcher: "/admin/mailchimp/segments",
      method: ["POST"],
      middlewares: [validateAndTransformBody(AdminCreateSegment)],
    },
    {
      matcher: "/admin/mailchimp/segments/preview",
      method: ["POST"],
      middlewares: [validateAndTransformBody(AdminPreviewSegment)],
    },
    {
      // Not /segments/preview, which has its own body.
      matcher: /^\/admin\/mailchimp\/segments\/(?!preview\/?$)[^/]+\/?$/,
      method: ["POST"],
      middlewares: [validateAndTransformBody(AdminUpdateSegment)],
    },
    {
      matcher: "/admin/mailchimp/segments/:id/sync",
      method: ["POST"],
      middlewares: [validateAndTransformBody(AdminSyncSegment)],
    },
    {
      matcher: "/admin/mailchimp/campaigns",
      method: ["GET"],
      middlewares: [validateAndTransformQuery(AdminListCampaigns, {})],
    },
    {
      matcher: "/admin/mailchimp/campaigns",
      method: ["POST"],
      middlewares: [validateAndTransformBody(AdminCreateCampaign)],
    },
    {
      matcher: "/admin/mailchimp/campaigns/:id",
      method: ["POST"],
      middlewares: [validateAndTransformBody(AdminUpdateCampaign)],
    },
    {
      matcher: "/admin/mailchimp/campaigns/:id/test",
      method: ["POST"],
      middlewares: [validateAndTransformBody(AdminTestCampaign)],
    },
    {
      matcher: "/admin/mailchimp/campaigns/:id/schedule",
      method: ["POST"],
      middlewares: [validateAndTransformBody(AdminScheduleCampaign)],
    },
    {
      matcher: "/admin/mailchimp/campaigns/:id/unschedule",
      method: ["POST"],
      middlewares: [validateAndTransformBody(AdminCampaignNoBody)],
    },
    {
      matcher: "/admin/mailchimp/campaigns/:id/send",
      method: ["POST"],
      middlewares: [validateAndTransformBody(AdminCampaignNoBody)],
    },
    {
      matcher: "/admin/mailchimp/campaigns/:id/replicate",
      method: ["POST"],
      middlewares: [validateAndTransformBody(AdminCampaignNoBody)],
    },
  ],
})
