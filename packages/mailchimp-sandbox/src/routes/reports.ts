import { Router } from "express"
import { memberHash } from "../hash"
import { errors } from "../problems"
import { page, selectFields } from "../query"
import {
  activitySince,
  clickDetails,
  emailActivity,
  emailActivityView,
  readSince,
  reportView,
  requireSentOutcome,
} from "../reports"
import { handle, query, type RouteDeps } from "./deps"

/** /reports: sent campaigns' figures, e-mail activity and clicks. */
export function reportsRouter(deps: RouteDeps): Router {
  const router = Router()
  const { state } = deps
  const sent = (id: string) => requireSentOutcome(state.campaignsById.get(id)).campaign

  router.get(
    "/",
    handle((req, res) => {
      const q = query(req)
      let campaigns = [...state.campaignsById.values()].filter((c) => c.status === "sent" && c.outcome)
      if (typeof q.type === "string" && q.type) campaigns = campaigns.filter((c) => c.type === q.type)
      const since = typeof q.since_send_time === "string" ? Date.parse(q.since_send_time) : undefined
      const before = typeof q.before_send_time === "string" ? Date.parse(q.before_send_time) : undefined
      if (since !== undefined) campaigns = campaigns.filter((c) => Date.parse(c.send_time!) > since)
      if (before !== undefined) campaigns = campaigns.filter((c) => Date.parse(c.send_time!) < before)
      const out = { reports: page(campaigns, q).map((c) => reportView(state, c)), total_items: campaigns.length, _links: [] }
      res.json(selectFields(out, q))
    })
  )

  router.get(
    "/:campaign_id",
    handle((req, res) => {
      res.json(selectFields(reportView(state, sent(req.params.campaign_id)), query(req)))
    })
  )

  router.get(
    "/:campaign_id/email-activity",
    handle((req, res) => {
      const q = query(req)
      const campaign = sent(req.params.campaign_id)
      const emails = emailActivity(campaign, readSince(q.since))
      const out = { emails: page(emails, q), campaign_id: campaign.id, total_items: emails.length, _links: [] }
      res.json(selectFields(out, q))
    })
  )

  router.get(
    "/:campaign_id/email-activity/:subscriber_hash",
    handle((req, res) => {
      const q = query(req)
      const { campaign, outcome } = requireSentOutcome(state.campaignsById.get(req.params.campaign_id))
      const param = decodeURIComponent(req.params.subscriber_hash)
      const id = param.includes("@") ? memberHash(param) : param.toLowerCase()
      const recipient = outcome.recipients.find((r) => r.id === id)
      if (!recipient) throw errors.notFound()
      const events = activitySince(outcome.activity.get(id) ?? [], readSince(q.since))
      res.json(selectFields(emailActivityView(campaign, id, recipient.email_address, recipient.list_id, events), q))
    })
  )

  router.get(
    "/:campaign_id/click-details",
    handle((req, res) => {
      const q = query(req)
      const campaign = sent(req.params.campaign_id)
      const urls = clickDetails(campaign)
      const out = { urls_clicked: page(urls, q), campaign_id: campaign.id, total_items: urls.length, _links: [] }
      res.json(selectFields(out, q))
    })
  )

  return router
}
