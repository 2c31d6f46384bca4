import { Router } from "express"
import { z } from "zod"
import { sendDueCampaigns } from "../campaign-send"
import { errors } from "../problems"
import { parseInput } from "./control-input"
import { handle, type RouteDeps } from "./deps"

const clockInput = z
  .strictObject({
    advance_ms: z.number().int().min(0).optional(),
    advance_minutes: z.number().min(0).optional(),
    to: z.string().datetime({ offset: true }).optional(),
  })
  .refine((v) => [v.advance_ms, v.advance_minutes, v.to].filter((x) => x !== undefined).length === 1, {
    message: "Give one of advance_ms, advance_minutes or to.",
  })

/**
 * /_sandbox/clock: the sandbox's time for campaigns (schedules, send times, activity). Moving it on sends the
 * scheduled campaigns whose time has come, before answering.
 */
export function controlCampaignsRouter(deps: RouteDeps): Router {
  const router = Router()
  const { state } = deps
  const clock = () => ({ now: state.now().toISOString(), offset_ms: state.clockOffsetMs })

  router.get("/clock", handle((_req, res) => res.json(clock())))

  router.post(
    "/clock",
    handle(async (req, res) => {
      const input = parseInput(clockInput, req.body)
      let step = input.advance_ms ?? Math.round((input.advance_minutes ?? 0) * 60_000)
      if (input.to !== undefined) {
        step = Date.parse(input.to) - state.now().getTime()
        if (step < 0) throw errors.invalidResource([{ field: "to", message: "The clock only moves forward." }])
      }
      state.clockOffsetMs += step
      const { sent, deliveries } = await sendDueCampaigns(deps)
      res.json({ ...clock(), campaigns_sent: sent, deliveries })
    })
  )

  return router
}
