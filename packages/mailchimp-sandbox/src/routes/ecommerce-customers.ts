import { Router } from "express"
import {
  createCustomer,
  customerView,
  requireCustomer,
  updateCustomer,
  upsertCustomer,
} from "../ecommerce-customers"
import { requireStore } from "../ecommerce-stores"
import { page, selectFields } from "../query"
import { apiContext, body, handle, query, type RouteDeps } from "./deps"

/** /ecommerce/stores/{store_id}/customers */
export function ecommerceCustomersRouter(deps: RouteDeps): Router {
  const router = Router({ mergeParams: true })
  const { state } = deps

  /** The store and its audience; changes tell the audience's webhooks (source api). */
  const scope = (req: Parameters<typeof query>[0]) => {
    const store = requireStore(state, req.params.store_id)
    const list = state.findList(store.list_id)
    return { store, list, ctx: () => apiContext(deps, state.getList(store.list_id), req) }
  }

  router.get(
    "/",
    handle((req, res) => {
      const { store, list } = scope(req)
      const q = query(req)
      let ids = [...store.customers.keys()]
      if (typeof q.email_address === "string" && q.email_address) {
        const email = q.email_address.toLowerCase()
        ids = ids.filter((id) => store.customers.peek(id)!.email_address.toLowerCase() === email)
      }
      const out = {
        store_id: store.id,
        // Only the page is decoded.
        customers: page(ids, q).map((id) => customerView(list, store, store.customers.peek(id)!)),
        total_items: ids.length,
        _links: [],
      }
      res.json(selectFields(out, q))
    })
  )

  router.post(
    "/",
    handle((req, res) => {
      const { store, list, ctx } = scope(req)
      res.json(customerView(list, store, createCustomer(ctx(), store, body(req))))
    })
  )

  router.get(
    "/:customer_id",
    handle((req, res) => {
      const { store, list } = scope(req)
      res.json(selectFields(customerView(list, store, requireCustomer(store, req.params.customer_id)), query(req)))
    })
  )

  router.put(
    "/:customer_id",
    handle((req, res) => {
      const { store, list, ctx } = scope(req)
      res.json(customerView(list, store, upsertCustomer(ctx(), store, req.params.customer_id, body(req))))
    })
  )

  router.patch(
    "/:customer_id",
    handle((req, res) => {
      const { store, list, ctx } = scope(req)
      res.json(customerView(list, store, updateCustomer(ctx(), store, req.params.customer_id, body(req))))
    })
  )

  /** The customer goes; the audience contact stays. */
  router.delete(
    "/:customer_id",
    handle((req, res) => {
      const { store } = scope(req)
      const customer = requireCustomer(store, req.params.customer_id)
      store.customers.delete(customer.id)
      res.status(204).end()
    })
  )

  return router
}
