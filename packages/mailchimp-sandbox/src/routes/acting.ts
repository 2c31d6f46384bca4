import { Router } from "express"
import {
  cleanAsMailchimp,
  profileAsMailchimp,
  subscribeAsMailchimp,
  unsubscribeAsMailchimp,
  upemailAsMailchimp,
} from "../acting"
import { finishCampaign } from "../campaign-send"
import { memberView, requireMember, type MemberContext } from "../members"
import { apiTime } from "../time"
import type { ListRecord, MemberRecord, WebhookSource } from "../types"
import {
  campaignInput,
  cleanInput,
  parseInput,
  profileInput,
  subscribeInput,
  unsubscribeInput,
  upemailInput,
} from "./control-input"
import { EventCollector, handle, type RouteDeps } from "./deps"

/**
 * Acting as Mailchimp: /_sandbox/lists/{list_id}/members/{email}/{unsubscribe|clean|profile|upemail|subscribe}
 * and /_sandbox/campaigns/{id}/finish. Each changes the state, delivers to the webhooks that want the event and
 * answers after the first delivery attempts: `{ member, deliveries }`.
 */
export function actingRouter(deps: RouteDeps): Router {
  const router = Router()

  function context(list: ListRecord, source: WebhookSource): { ctx: MemberContext; collector: EventCollector } {
    const collector = new EventCollector(deps, list, source)
    return { ctx: { list, emit: collector.emit, sourceLabel: "Hosted Signup Form" }, collector }
  }

  async function answer(
    res: import("express").Response,
    list: ListRecord,
    member: MemberRecord | undefined,
    collector: EventCollector
  ) {
    const deliveries = await collector.settled()
    res.json({ member: member ? memberView(list, member) : null, deliveries })
  }

  router.post(
    "/lists/:list_id/members/:email/unsubscribe",
    handle(async (req, res) => {
      const list = deps.state.getList(req.params.list_id)
      const input = parseInput(unsubscribeInput, req.body)
      const member = requireMember(list, req.params.email)
      const { ctx, collector } = context(list, input.source ?? "user")
      unsubscribeAsMailchimp(ctx, member, input)
      await answer(res, list, member, collector)
    })
  )

  router.post(
    "/lists/:list_id/members/:email/clean",
    handle(async (req, res) => {
      const list = deps.state.getList(req.params.list_id)
      const input = parseInput(cleanInput, req.body)
      const member = requireMember(list, req.params.email)
      const { ctx, collector } = context(list, input.source ?? "admin")
      cleanAsMailchimp(ctx, member, input)
      await answer(res, list, member, collector)
    })
  )

  router.post(
    "/lists/:list_id/members/:email/profile",
    handle(async (req, res) => {
      const list = deps.state.getList(req.params.list_id)
      const input = parseInput(profileInput, req.body)
      const member = requireMember(list, req.params.email)
      const { ctx, collector } = context(list, input.source ?? "user")
      profileAsMailchimp(ctx, member, input)
      await answer(res, list, member, collector)
    })
  )

  router.post(
    "/lists/:list_id/members/:email/upemail",
    handle(async (req, res) => {
      const list = deps.state.getList(req.params.list_id)
      const input = parseInput(upemailInput, req.body)
      const member = requireMember(list, req.params.email)
      const { ctx, collector } = context(list, input.source ?? "user")
      upemailAsMailchimp(ctx, member, input.new_email)
      await answer(res, list, member, collector)
    })
  )

  router.post(
    "/lists/:list_id/members/:email/subscribe",
    handle(async (req, res) => {
      const list = deps.state.getList(req.params.list_id)
      const input = parseInput(subscribeInput, req.body)
      const { ctx, collector } = context(list, input.source ?? "user")
      const member = subscribeAsMailchimp(ctx, req.params.email, input)
      await answer(res, list, member, collector)
    })
  )

  router.post(
    "/campaigns/:campaign_id/finish",
    handle(async (req, res) => {
      const input = parseInput(campaignInput, req.body)
      const made = deps.state.campaignsById.get(req.params.campaign_id)
      if (made) {
        // A campaign of the API: sent now (or its send completed), with its activity and every webhook.
        const deliveries = await finishCampaign(deps, made)
        const campaign = [...deps.state.campaigns].reverse().find((c) => c.id === made.id)
        return void res.json({ campaign, deliveries })
      }
      const list = input.list_id ? deps.state.getList(input.list_id) : deps.state.defaultList
      const campaign = {
        id: req.params.campaign_id,
        list_id: list.id,
        subject: input.subject ?? "Sandbox campaign",
        status: input.status ?? "sent",
        reason: input.reason ?? "",
        finished_at: apiTime(),
      }
      deps.state.campaigns.push(campaign)
      const collector = new EventCollector(deps, list, "admin")
      collector.emit({
        type: "campaign",
        id: campaign.id,
        subject: campaign.subject,
        status: campaign.status,
        reason: campaign.reason,
      })
      const deliveries = await collector.settled()
      res.json({ campaign, deliveries })
    })
  )

  return router
}
