import { Router } from "express"
import { createStore, requireStore, storeView, updateStore } from "../ecommerce-stores"
import { page, selectFields } from "../query"
import { body, handle, query, type RouteDeps } from "./deps"

/** /ecommerce/stores */
export function ecommerceStoresRouter(deps: RouteDeps): Router {
  const router = Router()
  const { state } = deps

  router.get(
    "/",
    handle((req, res) => {
      const q = query(req)
      const stores = [...state.stores.values()]
      const out = { stores: page(stores, q).map((s) => storeView(state, s)), total_items: stores.length, _links: [] }
      res.json(selectFields(out, q))
    })
  )

  router.post(
    "/",
    handle((req, res) => {
      res.json(storeView(state, createStore(state, body(req))))
    })
  )

  router.get(
    "/:store_id",
    handle((req, res) => {
      res.json(selectFields(storeView(state, requireStore(state, req.params.store_id)), query(req)))
    })
  )

  router.patch(
    "/:store_id",
    handle((req, res) => {
      const store = requireStore(state, req.params.store_id)
      res.json(storeView(state, updateStore(state, store, body(req))))
    })
  )

  /** Deletes the store with its customers, products and orders. */
  router.delete(
    "/:store_id",
    handle((req, res) => {
      const store = requireStore(state, req.params.store_id)
      state.stores.delete(store.id)
      res.status(204).end()
    })
  )

  return router
}
