import { validateAndTransformBody, validateAndTransformQuery, type MiddlewareRoute } from "@medusajs/framework/http"
import { requireAudienceInUse } from "../audience-in-use"
import { AdminScheduleCampaign } from "./[id]/schedule/validators"
import { AdminTestCampaign } from "./[id]/test/validators"
import { AdminCampaignNoBody, AdminCreateCampaign, AdminListCampaigns, AdminUpdateCampaign } from "./validators"

export const adminCampaignsMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/mailchimp/campaigns",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminListCampaigns, {})],
  },
  {
    matcher: "/admin/mailchimp/campaigns",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminCreateCampaign), requireAudienceInUse],
  },
  {
    matcher: "/admin/mailchimp/campaigns/:id",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminUpdateCampaign), requireAudienceInUse],
  },
  {
    matcher: "/admin/mailchimp/campaigns/:id/test",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminTestCampaign)],
  },
  {
    matcher: "/admin/mailchimp/campaigns/:id/schedule",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminScheduleCampaign)],
  },
  {
    matcher: "/admin/mailchimp/campaigns/:id/unschedule",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminCampaignNoBody)],
  },
  {
    matcher: "/admin/mailchimp/campaigns/:id/send",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminCampaignNoBody)],
  },
  {
    matcher: "/admin/mailchimp/campaigns/:id/replicate",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminCampaignNoBody)],
  },
]
