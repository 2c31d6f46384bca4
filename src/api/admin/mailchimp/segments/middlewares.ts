import { validateAndTransformBody, validateAndTransformQuery, type MiddlewareRoute } from "@medusajs/framework/http"
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
    middlewares: [validateAndTransformBody(AdminCreateSegment)],
  },
  {
    matcher: "/admin/mailchimp/segments/preview",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminPreviewSegment)],
  },
  {
    // Not /segments/preview, which has its own body.
    matcher: /^\/admin\/mailchimp\/segments\/(?!preview\/?$)[^/]+\/?$/,
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminUpdateSegment)],
  },
  {
    matcher: "/admin/mailchimp/segments/:id/sync",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminSyncSegment)],
  },
]
