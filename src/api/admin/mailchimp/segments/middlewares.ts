import { validateAndTransformBody, validateAndTransformQuery, type MiddlewareRoute } from "@medusajs/framework/http"
import { requireAudienceInUse } from "../audience-in-use"
import {
  AdminCreateSegment,
  AdminListSegments,
  AdminPreviewSegment,
  AdminSyncSegment,
  AdminUpdateSegment,
} from "./validators"

export const adminSegmentsMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/mailchimp/segments",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminListSegments, {})],
  },
  {
    matcher: "/admin/mailchimp/segments",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminCreateSegment), requireAudienceInUse],
  },
  {
    matcher: "/admin/mailchimp/segments/preview",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminPreviewSegment), requireAudienceInUse],
  },
  {
    // Not /segments/preview, which has its own body.
    matcher: /^\/admin\/mailchimp\/segments\/(?!preview\/?$)[^/]+\/?$/,
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminUpdateSegment), requireAudienceInUse],
  },
  {
    matcher: "/admin/mailchimp/segments/:id/sync",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminSyncSegment)],
  },
]
