import { Router } from "express"
import {
  createProduct,
  deleteProduct,
  deleteVariant,
  productView,
  requireProduct,
  requireVariant,
  updateProduct,
  updateVariant,
  upsertVariant,
  variantView,
} from "../ecommerce-products"
import { requireStore } from "../ecommerce-stores"
import { page, selectFields } from "../query"
import { body, handle, query, type RouteDeps } from "./deps"

/** /ecommerce/stores/{store_id}/products, with …/{product_id}/variants */
export function ecommerceProductsRouter(deps: RouteDeps): Router {
  const router = Router({ mergeParams: true })
  const { state } = deps
  const storeOf = (req: Parameters<typeof query>[0]) => requireStore(state, req.params.store_id)

  router.get(
    "/",
    handle((req, res) => {
      const store = storeOf(req)
      const q = query(req)
      const products = [...store.products.values()]
      const out = {
        store_id: store.id,
        products: page(products, q).map((p) => productView(store, p)),
        total_items: products.length,
        _links: [],
      }
      res.json(selectFields(out, q))
    })
  )

  router.post(
    "/",
    handle((req, res) => {
      const store = storeOf(req)
      res.json(productView(store, createProduct(store, body(req))))
    })
  )

  router.get(
    "/:product_id",
    handle((req, res) => {
      const store = storeOf(req)
      res.json(selectFields(productView(store, requireProduct(store, req.params.product_id)), query(req)))
    })
  )

  router.patch(
    "/:product_id",
    handle((req, res) => {
      const store = storeOf(req)
      res.json(productView(store, updateProduct(requireProduct(store, req.params.product_id), body(req))))
    })
  )

  router.delete(
    "/:product_id",
    handle((req, res) => {
      const store = storeOf(req)
      deleteProduct(store, requireProduct(store, req.params.product_id))
      res.status(204).end()
    })
  )

  router.get(
    "/:product_id/variants",
    handle((req, res) => {
      const store = storeOf(req)
      const product = requireProduct(store, req.params.product_id)
      const q = query(req)
      const variants = [...product.variants.values()]
      const out = {
        store_id: store.id,
        product_id: product.id,
        variants: page(variants, q).map(variantView),
        total_items: variants.length,
        _links: [],
      }
      res.json(selectFields(out, q))
    })
  )

  router.get(
    "/:product_id/variants/:variant_id",
    handle((req, res) => {
      const product = requireProduct(storeOf(req), req.params.product_id)
      res.json(selectFields(variantView(requireVariant(product, req.params.variant_id)), query(req)))
    })
  )

  router.put(
    "/:product_id/variants/:variant_id",
    handle((req, res) => {
      const product = requireProduct(storeOf(req), req.params.product_id)
      res.json(variantView(upsertVariant(product, req.params.variant_id, body(req))))
    })
  )

  router.patch(
    "/:product_id/variants/:variant_id",
    handle((req, res) => {
      const product = requireProduct(storeOf(req), req.params.product_id)
      res.json(variantView(updateVariant(requireVariant(product, req.params.variant_id), body(req))))
    })
  )

  router.delete(
    "/:product_id/variants/:variant_id",
    handle((req, res) => {
      const product = requireProduct(storeOf(req), req.params.product_id)
      deleteVariant(product, requireVariant(product, req.params.variant_id))
      res.status(204).end()
    })
  )

  return router
}
