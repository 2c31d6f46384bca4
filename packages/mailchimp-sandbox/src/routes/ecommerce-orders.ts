import { Router } from "express"
import { createOrder, matchingOrderIds, orderView, requireOrder, updateOrder } from "../ecommerce-orders"
import { indexOrderRemoved } from "../ecommerce-customers"
import { requireStore } from "../ecommerce-stores"
import { assertOrderCampaign } from "../order-campaign"
import { page, selectFields } from "../query"
import { apiContext, body, handle, query, type RouteDeps } from "./deps"

/** /ecommerce/orders (every store's) and /ecommerce/stores/{store_id}/orders */
export function ecommerceOrdersRouter(deps: RouteDeps): Router {
  const router = Router()
  const { state } = deps
  const storeOf = (req: Parameters<typeof query>[0]) => requireStore(state, req.params.store_id)

  router.get(
    "/ecommerce/orders",
    handle((req, res) => {
      const q = query(req)
      const found = [...state.stores.values()].flatMap((store) => matchingOrderIds(store, q).map((id) => ({ store, id })))
      const out = {
        orders: page(found, q).map(({ store, id }) => orderView(state.findList(store.list_id), store, store.orders.peek(id)!)),
        total_items: found.length,
        _links: [],
      }
      res.json(selectFields(out, q))
    })
  )

  router.get(
    "/ecommerce/stores/:store_id/orders",
    handle((req, res) => {
      const store = storeOf(req)
      const q = query(req)
      const ids = matchingOrderIds(store, q)
      const list = state.findList(store.list_id)
      const out = {
        store_id: store.id,
        orders: page(ids, q).map((id) => orderView(list, store, store.orders.peek(id)!)),
        total_items: ids.length,
        _links: [],
      }
      res.json(selectFields(out, q))
    })
  )

  router.post(
    "/ecommerce/stores/:store_id/orders",
    handle((req, res) => {
      const store = storeOf(req)
      const list = state.getList(store.list_id)
      assertOrderCampaign(state, store.list_id, body(req).campaign_id)
      const order = createOrder(apiContext(deps, list, req), store, body(req))
      res.json(orderView(list, store, order))
    })
  )

  router.get(
    "/ecommerce/stores/:store_id/orders/:order_id",
    handle((req, res) => {
      const store = storeOf(req)
      const order = requireOrder(store, req.params.order_id)
      res.json(selectFields(orderView(state.findList(store.list_id), store, order), query(req)))
    })
  )

  router.patch(
    "/ecommerce/stores/:store_id/orders/:order_id",
    handle((req, res) => {
      const store = storeOf(req)
      const list = state.getList(store.list_id)
      const order = requireOrder(store, req.params.order_id)
      assertOrderCampaign(state, store.list_id, body(req).campaign_id)
      updateOrder(apiContext(deps, list, req), store, order, body(req))
      res.json(orderView(list, store, order))
    })
  )

  router.delete(
    "/ecommerce/stores/:store_id/orders/:order_id",
    handle((req, res) => {
      const store = storeOf(req)
      const order = requireOrder(store, req.params.order_id)
      store.orders.delete(order.id)
      indexOrderRemoved(store, order)
      res.status(204).end()
    })
  )

  return router
}
