import { Router } from "express"
import {
  addCartLine,
  cartLineView,
  cartView,
  createCart,
  removeCartLine,
  requireCart,
  requireCartLine,
  updateCart,
  updateCartLine,
} from "../ecommerce-carts"
import { requireStore } from "../ecommerce-stores"
import { assertOrderCampaign } from "../order-campaign"
import { page, selectFields } from "../query"
import { apiContext, body, handle, query, type RouteDeps } from "./deps"

/** /ecommerce/stores/{store_id}/carts and their lines. */
export function ecommerceCartsRouter(deps: RouteDeps): Router {
  const router = Router({ mergeParams: true })
  const { state } = deps

  const scope = (req: Parameters<typeof query>[0]) => {
    const store = requireStore(state, req.params.store_id)
    return { store, list: state.findList(store.list_id), ctx: () => apiContext(deps, state.getList(store.list_id), req) }
  }
  const cartOf = (req: Parameters<typeof query>[0]) => {
    const s = scope(req)
    return { ...s, cart: requireCart(s.store, req.params.cart_id) }
  }

  router.get(
    "/",
    handle((req, res) => {
      const { store, list } = scope(req)
      const q = query(req)
      const carts = [...store.carts.values()]
      const out = { store_id: store.id, carts: page(carts, q).map((c) => cartView(list, store, c)), total_items: carts.length, _links: [] }
      res.json(selectFields(out, q))
    })
  )

  router.post(
    "/",
    handle((req, res) => {
      const { store, list, ctx } = scope(req)
      // The unknown-campaign rule of orders holds for carts too (mc-woocommerce #348: abandoned_cart.error).
      assertOrderCampaign(state, store.list_id, body(req).campaign_id)
      res.json(cartView(list, store, createCart(ctx(), store, body(req))))
    })
  )

  router.get(
    "/:cart_id",
    handle((req, res) => {
      const { store, list, cart } = cartOf(req)
      res.json(selectFields(cartView(list, store, cart), query(req)))
    })
  )

  router.patch(
    "/:cart_id",
    handle((req, res) => {
      const { store, list, ctx, cart } = cartOf(req)
      assertOrderCampaign(state, store.list_id, body(req).campaign_id)
      res.json(cartView(list, store, updateCart(ctx(), store, cart, body(req))))
    })
  )

  router.delete(
    "/:cart_id",
    handle((req, res) => {
      const { store, cart } = cartOf(req)
      store.carts.delete(cart.id)
      res.status(204).end()
    })
  )

  router.get(
    "/:cart_id/lines",
    handle((req, res) => {
      const { store, cart } = cartOf(req)
      const q = query(req)
      const out = {
        store_id: store.id,
        cart_id: cart.id,
        lines: page(cart.lines, q).map((l) => cartLineView(store, l)),
        total_items: cart.lines.length,
        _links: [],
      }
      res.json(selectFields(out, q))
    })
  )

  router.post(
    "/:cart_id/lines",
    handle((req, res) => {
      const { store, cart } = cartOf(req)
      res.json(cartLineView(store, addCartLine(store, cart, body(req))))
    })
  )

  router.get(
    "/:cart_id/lines/:line_id",
    handle((req, res) => {
      const { store, cart } = cartOf(req)
      res.json(selectFields(cartLineView(store, requireCartLine(cart, req.params.line_id)), query(req)))
    })
  )

  router.patch(
    "/:cart_id/lines/:line_id",
    handle((req, res) => {
      const { store, cart } = cartOf(req)
      res.json(cartLineView(store, updateCartLine(store, cart, requireCartLine(cart, req.params.line_id), body(req))))
    })
  )

  router.delete(
    "/:cart_id/lines/:line_id",
    handle((req, res) => {
      const { cart } = cartOf(req)
      removeCartLine(cart, requireCartLine(cart, req.params.line_id))
      res.status(204).end()
    })
  )

  return router
}
