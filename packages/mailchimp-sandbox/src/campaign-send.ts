/**
 * Sending a campaign: `sending` with its recipients fixed (the subscribed members of the audience or segment at
 * that moment) and its activity drawn from the seed, then, after `campaignSendDelayMs`, `sent`: hard bounces clean
 * their contacts, unsubscribes and abuse reports unsubscribe theirs (each delivering its webhook with the
 * campaign's id), and the `campaign` webhook is delivered. A scheduled campaign sends when the sandbox's clock
 * reaches its time (real time, or POST /_sandbox/clock), or at once through /_sandbox/campaigns/{id}/finish.
 */
import { contentLinks, generateOutcome } from "./activity"
import { assertReady, currentRecipients } from "./campaigns"
import { applyStatus, type MemberContext } from "./members"
import { ApiError, errors } from "./problems"
import { EventCollector, type RouteDeps } from "./routes/deps"
import { apiTime, sleep } from "./time"
import type { CampaignData, DeliveryRecord, MemberRecord } from "./types"

/** setTimeout's longest wait; a schedule further away is checked again then. */
const MAX_TIMER_MS = 2 ** 31 - 1

/** Fixes the recipients and draws the activity; the campaign is `sending`. */
function beginSend(deps: RouteDeps, campaign: CampaignData, sendTime: Date): void {
  const { state } = deps
  const recipients = currentRecipients(state, campaign)
  const html = campaign.content?.html ?? ""
  campaign.outcome = generateOutcome({
    seed: state.activitySeed,
    ordinal: campaign.ordinal,
    recipients,
    links: contentLinks(html, campaign.content?.plain_text ?? ""),
    sendTime,
    rates: state.activityRates,
  })
  campaign.status = "sending"
  campaign.send_time = apiTime(sendTime)
  campaign.schedule_token += 1
}

/**
 * `sending` → `sent`: the activity's consequences on the audience and the webhooks, in time order. Resolves with
 * the first delivery attempts. Does nothing for a campaign that is not sending.
 */
export async function completeSend(deps: RouteDeps, campaign: CampaignData): Promise<DeliveryRecord[]> {
  const { state } = deps
  if (campaign.status !== "sending" || !campaign.outcome) return []
  const list = state.findList(campaign.list_id ?? "")
  campaign.status = "sent"
  const finishedAt = apiTime(state.now())
  if (!list) return []
  const user = new EventCollector(deps, list, "user")
  const mailchimp = new EventCollector(deps, list, "admin")
  const outcome = campaign.outcome
  type Effect = { at: string; apply: () => void }
  const effects: Effect[] = []
  const member = (id: string): MemberRecord | undefined => {
    const m = list.members.get(id)
    return m && m.status === "subscribed" ? m : undefined
  }
  const ctx = (collector: EventCollector, reason?: string): MemberContext => ({
    list,
    emit: collector.emit,
    unsubscribeReason: reason,
  })
  for (const [id, events] of outcome.activity) {
    const bounce = events.find((e) => e.action === "bounce" && e.type === "hard")
    if (bounce) {
      effects.push({
        at: bounce.timestamp,
        apply: () => {
          const m = member(id)
          if (m) applyStatus(ctx(mailchimp), m, "cleaned", { reason: "hard", campaign_id: campaign.id })
        },
      })
    }
  }
  for (const u of outcome.unsubscribes) {
    effects.push({
      at: u.timestamp,
      apply: () => {
        const m = member(u.id)
        if (m) {
          applyStatus(ctx(user, "N/A (Unsubscribed by subscriber)"), m, "unsubscribed", {
            reason: "manual",
            campaign_id: campaign.id,
          })
        }
      },
    })
  }
  for (const a of outcome.abuse_reports) {
    effects.push({
      at: a.timestamp,
      apply: () => {
        const m = member(a.id)
        if (m) applyStatus(ctx(user, "Abuse complaint"), m, "unsubscribed", { reason: "abuse", campaign_id: campaign.id })
      },
    })
  }
  effects.sort((a, b) => a.at.localeCompare(b.at))
  for (const e of effects) e.apply()
  const subject = String(campaign.settings.subject_line ?? "")
  state.campaigns.push({ id: campaign.id, list_id: list.id, subject, status: "sent", reason: "", finished_at: finishedAt })
  mailchimp.emit({ type: "campaign", id: campaign.id, subject, status: "sent", reason: "" })
  return [...(await user.settled()), ...(await mailchimp.settled())]
}

/** Completes a send in the background after `campaignSendDelayMs` (idle() waits for it). */
function finishLater(deps: RouteDeps, campaign: CampaignData): void {
  const { state } = deps
  const generation = state.generation
  void state.track(
    sleep(state.campaignSendDelayMs).then(() => {
      if (generation !== state.generation) return
      return completeSend(deps, campaign).then(() => undefined)
    })
  )
}

/** POST …/actions/send */
export function sendCampaign(deps: RouteDeps, campaign: CampaignData): void {
  if (campaign.status !== "save") {
    throw new ApiError(
      400,
      "Bad Request",
      campaign.status === "schedule"
        ? "This campaign is scheduled: unschedule it to send it now."
        : "This campaign has already been sent."
    )
  }
  assertReady(deps.state, campaign)
  beginSend(deps, campaign, deps.state.now())
  finishLater(deps, campaign)
}

function isQuarterHour(date: Date): boolean {
  return date.getUTCMinutes() % 15 === 0 && date.getUTCSeconds() === 0 && date.getUTCMilliseconds() === 0
}

/** POST …/actions/schedule: a time in the future, on a quarter hour (:00, :15, :30, :45). */
export function scheduleCampaign(deps: RouteDeps, campaign: CampaignData, body: Record<string, unknown>): void {
  const { state } = deps
  if (typeof body.schedule_time !== "string") {
    throw errors.invalidResource([{ field: "", message: "Required fields were not provided: schedule_time" }])
  }
  const time = new Date(body.schedule_time)
  if (Number.isNaN(time.getTime())) {
    throw errors.invalidResource([{ field: "schedule_time", message: "Please provide a valid date-time (ISO 8601)." }])
  }
  if (!isQuarterHour(time)) {
    throw new ApiError(
      400,
      "Invalid Resource",
      "Campaigns may only be scheduled to send on the quarter-hour (:00, :15, :30, :45).",
      [{ field: "schedule_time", message: "Campaigns may only be scheduled to send on the quarter-hour (:00, :15, :30, :45)." }]
    )
  }
  if (time.getTime() <= state.now().getTime()) {
    throw new ApiError(400, "Invalid Resource", "The schedule time must be in the future.", [
      { field: "schedule_time", message: "The schedule time must be in the future." },
    ])
  }
  if (campaign.status !== "save") {
    throw new ApiError(
      400,
      "Bad Request",
      campaign.status === "schedule" ? "This campaign is scheduled already: unschedule it first." : "This campaign has already been sent."
    )
  }
  assertReady(state, campaign)
  campaign.status = "schedule"
  campaign.schedule_time = apiTime(time)
  campaign.schedule_token += 1
  armTimer(deps, campaign)
}

/** POST …/actions/unschedule */
export function unscheduleCampaign(campaign: CampaignData): void {
  if (campaign.status !== "schedule") throw new ApiError(400, "Bad Request", "This campaign is not scheduled.")
  campaign.status = "save"
  delete campaign.schedule_time
  campaign.schedule_token += 1
}

function armTimer(deps: RouteDeps, campaign: CampaignData): void {
  const { state } = deps
  const token = campaign.schedule_token
  const wait = Math.min(Math.max(Date.parse(campaign.schedule_time!) - state.now().getTime(), 0), MAX_TIMER_MS)
  state.schedule(() => {
    if (campaign.schedule_token !== token || campaign.status !== "schedule") return
    if (Date.parse(campaign.schedule_time!) > state.now().getTime()) return armTimer(deps, campaign)
    beginSend(deps, campaign, new Date(Date.parse(campaign.schedule_time!)))
    void state.track(completeSend(deps, campaign))
  }, wait)
}

/** After the clock moved: scheduled campaigns whose time has come are sent, in schedule order. */
export async function sendDueCampaigns(deps: RouteDeps): Promise<{ sent: string[]; deliveries: DeliveryRecord[] }> {
  const { state } = deps
  const now = state.now().getTime()
  const due = [...state.campaignsById.values()]
    .filter((c) => c.status === "schedule" && Date.parse(c.schedule_time!) <= now)
    .sort((a, b) => a.schedule_time!.localeCompare(b.schedule_time!))
  const deliveries: DeliveryRecord[] = []
  for (const c of due) {
    beginSend(deps, c, new Date(Date.parse(c.schedule_time!)))
    deliveries.push(...(await completeSend(deps, c)))
  }
  return { sent: due.map((c) => c.id), deliveries }
}

/**
 * /_sandbox/campaigns/{id}/finish for a campaign of the API: a draft or scheduled one is sent now, a sending one
 * completes now. Resolves with the first delivery attempts.
 */
export async function finishCampaign(deps: RouteDeps, campaign: CampaignData): Promise<DeliveryRecord[]> {
  if (campaign.status === "sent") throw new ApiError(400, "Invalid Action", "This campaign has been sent already.")
  if (campaign.status === "save") assertReady(deps.state, campaign)
  if (campaign.status !== "sending") beginSend(deps, campaign, deps.state.now())
  return completeSend(deps, campaign)
}
