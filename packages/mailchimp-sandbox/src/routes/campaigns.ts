import { Router } from "express"
import { scheduleCampaign, sendCampaign, unscheduleCampaign } from "../campaign-send"
import {
  campaignView,
  contentView,
  createCampaign,
  replicateCampaign,
  requireCampaign,
  sendChecklist,
  sendTest,
  setContent,
  updateCampaign,
} from "../campaigns"
import { ApiError } from "../problems"
import { page, selectFields } from "../query"
import type { CampaignData } from "../types"
import { body, handle, query, type RouteDeps } from "./deps"

function matches(c: CampaignData, q: Record<string, unknown>): boolean {
  if (typeof q.status === "string" && q.status && c.status !== q.status) return false
  if (typeof q.type === "string" && q.type && c.type !== q.type) return false
  if (typeof q.list_id === "string" && q.list_id && c.list_id !== q.list_id) return false
  const time = (v: unknown) => (typeof v === "string" && v ? Date.parse(v) : undefined)
  const sent = c.send_time ? Date.parse(c.send_time) : undefined
  const created = Date.parse(c.create_time)
  const since = time(q.since_send_time)
  const before = time(q.before_send_time)
  if (since !== undefined && (sent === undefined || sent <= since)) return false
  if (before !== undefined && (sent === undefined || sent >= before)) return false
  const sinceCreated = time(q.since_create_time)
  const beforeCreated = time(q.before_create_time)
  if (sinceCreated !== undefined && created <= sinceCreated) return false
  if (beforeCreated !== undefined && created >= beforeCreated) return false
  return true
}

/** /campaigns, with content, send-checklist and actions (test, schedule, unschedule, send, replicate). */
export function campaignsRouter(deps: RouteDeps): Router {
  const router = Router()
  const { state } = deps

  router.get(
    "/",
    handle((req, res) => {
      const q = query(req)
      let campaigns = [...state.campaignsById.values()].filter((c) => matches(c, q))
      const field = q.sort_field === "send_time" ? "send_time" : q.sort_field === "create_time" ? "create_time" : undefined
      if (field) {
        campaigns = [...campaigns].sort((a, b) => String(a[field] ?? "").localeCompare(String(b[field] ?? "")))
        if (q.sort_dir === "DESC") campaigns.reverse()
      }
      const out = { campaigns: page(campaigns, q).map((c) => campaignView(state, c)), total_items: campaigns.length, _links: [] }
      res.json(selectFields(out, q))
    })
  )

  router.post(
    "/",
    handle((req, res) => {
      res.json(campaignView(state, createCampaign(state, body(req))))
    })
  )

  router.get(
    "/:campaign_id",
    handle((req, res) => {
      res.json(selectFields(campaignView(state, requireCampaign(state, req.params.campaign_id)), query(req)))
    })
  )

  router.patch(
    "/:campaign_id",
    handle((req, res) => {
      const campaign = requireCampaign(state, req.params.campaign_id)
      res.json(campaignView(state, updateCampaign(state, campaign, body(req))))
    })
  )

  router.delete(
    "/:campaign_id",
    handle((req, res) => {
      const campaign = requireCampaign(state, req.params.campaign_id)
      if (campaign.status === "sending") throw new ApiError(400, "Bad Request", "A campaign that is sending cannot be deleted.")
      campaign.schedule_token += 1
      state.campaignsById.delete(campaign.id)
      res.status(204).end()
    })
  )

  router.get(
    "/:campaign_id/content",
    handle((req, res) => {
      res.json(selectFields(contentView(requireCampaign(state, req.params.campaign_id)), query(req)))
    })
  )

  router.put(
    "/:campaign_id/content",
    handle((req, res) => {
      res.json(contentView(setContent(requireCampaign(state, req.params.campaign_id), body(req))))
    })
  )

  router.get(
    "/:campaign_id/send-checklist",
    handle((req, res) => {
      const checklist = sendChecklist(state, requireCampaign(state, req.params.campaign_id))
      res.json(selectFields({ ...checklist, _links: [] }, query(req)))
    })
  )

  router.post(
    "/:campaign_id/actions/test",
    handle((req, res) => {
      sendTest(state, requireCampaign(state, req.params.campaign_id), body(req))
      res.status(204).end()
    })
  )

  router.post(
    "/:campaign_id/actions/schedule",
    handle((req, res) => {
      scheduleCampaign(deps, requireCampaign(state, req.params.campaign_id), body(req))
      res.status(204).end()
    })
  )

  router.post(
    "/:campaign_id/actions/unschedule",
    handle((req, res) => {
      unscheduleCampaign(requireCampaign(state, req.params.campaign_id))
      res.status(204).end()
    })
  )

  router.post(
    "/:campaign_id/actions/send",
    handle((req, res) => {
      sendCampaign(deps, requireCampaign(state, req.params.campaign_id))
      res.status(204).end()
    })
  )

  router.post(
    "/:campaign_id/actions/replicate",
    handle((req, res) => {
      res.json(campaignView(state, replicateCampaign(state, requireCampaign(state, req.params.campaign_id))))
    })
  )

  return router
}
