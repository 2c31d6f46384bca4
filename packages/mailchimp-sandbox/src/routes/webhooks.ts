import { Router } from "express"
import { createWebhook, requireWebhook, updateWebhook, webhookView } from "../webhooks"
import { body, handle, type RouteDeps } from "./deps"

/** /lists/{list_id}/webhooks */
export function webhooksRouter(deps: RouteDeps): Router {
  const router = Router({ mergeParams: true })

  router.get(
    "/",
    handle((req, res) => {
      const list = deps.state.getList(req.params.list_id)
      res.json({
        webhooks: list.webhooks.map(webhookView),
        list_id: list.id,
        total_items: list.webhooks.length,
        _links: [],
      })
    })
  )

  router.post(
    "/",
    handle(async (req, res) => {
      const list = deps.state.getList(req.params.list_id)
      const webhook = await createWebhook(list, body(req), deps.dispatcher)
      res.json(webhookView(webhook))
    })
  )

  router.get(
    "/:webhook_id",
    handle((req, res) => {
      const list = deps.state.getList(req.params.list_id)
      res.json(webhookView(requireWebhook(list, req.params.webhook_id)))
    })
  )

  router.patch(
    "/:webhook_id",
    handle(async (req, res) => {
      const list = deps.state.getList(req.params.list_id)
      const webhook = requireWebhook(list, req.params.webhook_id)
      res.json(webhookView(await updateWebhook(list, webhook, body(req), deps.dispatcher)))
    })
  )

  router.delete(
    "/:webhook_id",
    handle((req, res) => {
      const list = deps.state.getList(req.params.list_id)
      const webhook = requireWebhook(list, req.params.webhook_id)
      list.webhooks = list.webhooks.filter((w) => w !== webhook)
      res.status(204).end()
    })
  )

  return router
}
