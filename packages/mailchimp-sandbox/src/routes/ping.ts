import { Router } from "express"
import { countMembers } from "../member-summary"
import { selectFields } from "../query"
import { handle, query, type RouteDeps } from "./deps"

export const SANDBOX_ACCOUNT_NAME = "Mailchimp stand-in"

/** GET /ping, and GET / (the API root: the account the key belongs to). */
export function pingRouter(deps?: RouteDeps): Router {
  const router = Router()
  router.get(
    "/ping",
    handle((_req, res) => {
      res.json({ health_status: "Everything's Chimpy!" })
    })
  )
  router.get(
    "/",
    handle((req, res) => {
      let subscribed = 0
      for (const list of deps?.state.lists.values() ?? []) {
        subscribed += countMembers(list.members, (s) => s.status === "subscribed")
      }
      const account = {
        account_id: "sandbox0000000000000000000",
        login_id: "0",
        account_name: SANDBOX_ACCOUNT_NAME,
        email: "owner@sandbox.invalid",
        first_name: "Sandbox",
        last_name: "Owner",
        username: "sandbox",
        role: "owner",
        member_since: "2020-01-01T00:00:00+00:00",
        pricing_plan_type: "monthly",
        account_timezone: "UTC",
        pro_enabled: false,
        total_subscribers: subscribed,
        _links: [],
      }
      res.json(selectFields(account, query(req)))
    })
  )
  return router
}
