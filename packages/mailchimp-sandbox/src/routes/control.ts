import { Router } from "express"
import { listView } from "../audience"
import { setMarketingPermissions } from "../interests"
import { errors } from "../problems"
import { flag } from "../query"
import { noFaults } from "../state"
import { requireWebhook } from "../webhooks"
import { createListInput, faultsInput, marketingPermissionsInput, parseInput, patchListInput, patchWebhookInput } from "./control-input"
import { handle, query, type RouteDeps } from "./deps"

/** Test controls under /_sandbox (no auth): state, reset, faults, logs, audiences. */
export function controlRouter(deps: RouteDeps): Router {
  const router = Router()
  const { state } = deps

  router.get("/state", handle((_req, res) => res.json(state.snapshot())))

  router.post(
    "/reset",
    handle((_req, res) => {
      state.reset()
      res.status(204).end()
    })
  )

  router.get("/faults", handle((_req, res) => res.json(state.faults)))

  router.post(
    "/faults",
    handle((req, res) => {
      const input = parseInput(faultsInput, req.body)
      state.faults = { ...state.faults, ...input }
      res.json(state.faults)
    })
  )

  router.delete(
    "/faults",
    handle((_req, res) => {
      state.faults = noFaults()
      res.json(state.faults)
    })
  )

  router.get(
    "/requests",
    handle((req, res) => {
      const q = query(req)
      let requests = state.requests
      if (typeof q.method === "string") requests = requests.filter((r) => r.method === String(q.method).toUpperCase())
      if (typeof q.path === "string") requests = requests.filter((r) => r.path.includes(String(q.path)))
      res.json({ requests, total_items: requests.length })
    })
  )

  router.delete(
    "/requests",
    handle((_req, res) => {
      state.requests = []
      res.status(204).end()
    })
  )

  /** `?wait=true` first waits for delivery attempts in flight (changes made through /3.0 deliver in the background). */
  router.get(
    "/deliveries",
    handle(async (req, res) => {
      const q = query(req)
      if (q.wait === "retries") await state.idle({ retries: true })
      else if (flag(q.wait)) await state.idle()
      let deliveries = state.deliveries
      if (typeof q.type === "string") deliveries = deliveries.filter((d) => d.type === q.type)
      res.json({ deliveries, total_items: deliveries.length })
    })
  )

  router.delete(
    "/deliveries",
    handle((_req, res) => {
      state.deliveries = []
      res.status(204).end()
    })
  )

  router.post(
    "/lists",
    handle((req, res) => {
      const input = parseInput(createListInput, req.body)
      if (input.id && state.findList(input.id)) {
        throw errors.invalidResource([{ field: "id", message: `An audience with id ${input.id} exists already.` }])
      }
      const list = state.createList(input)
      res.status(201).json(listView(list))
    })
  )

  router.patch(
    "/lists/:list_id",
    handle((req, res) => {
      const list = state.getList(req.params.list_id)
      const input = parseInput(patchListInput, req.body)
      if (input.name !== undefined) list.name = input.name
      if (input.double_optin !== undefined) list.double_optin = input.double_optin
      res.json(listView(list))
    })
  )

  /**
   * The audience's GDPR marketing permissions, as set up in Mailchimp's app (the API can neither create nor
   * list them): `{ texts: ["Email", "Direct Mail"] }`; `[]` turns them off. A text kept keeps its id.
   */
  router.put(
    "/lists/:list_id/marketing-permissions",
    handle((req, res) => {
      const list = state.getList(req.params.list_id)
      const input = parseInput(marketingPermissionsInput, req.body)
      setMarketingPermissions(list, input.texts)
      res.json({ marketing_permissions: list.marketing_permissions })
    })
  )

  /** Re-enable a webhook a 410 disabled (or disable one). */
  router.patch(
    "/lists/:list_id/webhooks/:webhook_id",
    handle((req, res) => {
      const list = state.getList(req.params.list_id)
      const webhook = requireWebhook(list, req.params.webhook_id)
      const input = parseInput(patchWebhookInput, req.body)
      if (input.disabled !== undefined) webhook.disabled = input.disabled
      res.json(webhook)
    })
  )

  return router
}
