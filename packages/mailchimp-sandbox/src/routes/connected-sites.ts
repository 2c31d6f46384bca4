import { Router, type Request } from "express"
import {
  connectedSiteView,
  createSiteFromBody,
  requireConnectedSite,
  siteScriptBody,
} from "../connected-sites"
import { ApiError } from "../problems"
import { page, selectFields } from "../query"
import type { SandboxState } from "../state"
import { body, handle, query, type RouteDeps } from "./deps"

/** The stand-in's own origin, for the script URLs it hands out. */
export function originOf(req: Request): string {
  return `${req.protocol}://${req.get("host")}`
}

/** /connected-sites */
export function connectedSitesRouter(deps: RouteDeps): Router {
  const router = Router()
  const { state } = deps

  router.get(
    "/",
    handle((req, res) => {
      const q = query(req)
      const sites = [...state.connectedSites.values()]
      const out = { sites: page(sites, q).map((s) => connectedSiteView(s, originOf(req))), total_items: sites.length, _links: [] }
      res.json(selectFields(out, q))
    })
  )

  router.post(
    "/",
    handle((req, res) => {
      res.json(connectedSiteView(createSiteFromBody(state, body(req)), originOf(req)))
    })
  )

  router.get(
    "/:site_id",
    handle((req, res) => {
      res.json(selectFields(connectedSiteView(requireConnectedSite(state, req.params.site_id), originOf(req)), query(req)))
    })
  )

  router.delete(
    "/:site_id",
    handle((req, res) => {
      state.connectedSites.delete(requireConnectedSite(state, req.params.site_id).foreign_id)
      res.status(204).end()
    })
  )

  /** 204 once the script was loaded from a page; Mailchimp's wording for a script not found is not published. */
  router.post(
    "/:site_id/actions/verify-script-installation",
    handle((req, res) => {
      const site = requireConnectedSite(state, req.params.site_id)
      if (!site.script_fetched) {
        throw new ApiError(400, "Bad Request", "The connected site script was not found on the site.")
      }
      res.status(204).end()
    })
  )

  return router
}

/** GET /mcjs-connected/js/users/{user}/{site}.js: the script (outside /3.0, no key, as chimpstatic.com serves it). */
export function siteScriptRouter(state: SandboxState): Router {
  const router = Router()
  router.get("/mcjs-connected/js/users/:user/:file", (req, res, next) => {
    const site = [...state.connectedSites.values()].find((s) => s.script_path === req.path)
    if (!site) return next()
    site.script_fetched = true
    res.type("application/javascript").set("access-control-allow-origin", "*").send(siteScriptBody(site))
  })
  return router
}
