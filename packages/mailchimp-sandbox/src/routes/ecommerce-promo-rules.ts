import { Router } from "express"
import {
  createPromoCode,
  createPromoRule,
  deletePromoRule,
  promoCodeView,
  promoRuleView,
  requirePromoCode,
  requirePromoRule,
  updatePromoCode,
  updatePromoRule,
} from "../ecommerce-promo-rules"
import { requireStore } from "../ecommerce-stores"
import { page, selectFields } from "../query"
import { body, handle, query, type RouteDeps } from "./deps"

/** /ecommerce/stores/{store_id}/promo-rules and their promo-codes */
export function ecommercePromoRulesRouter(deps: RouteDeps): Router {
  const router = Router({ mergeParams: true })
  const { state } = deps
  const storeOf = (req: Parameters<typeof query>[0]) => requireStore(state, req.params.store_id)
  const ruleOf = (req: Parameters<typeof query>[0]) => {
    const store = storeOf(req)
    return { store, rule: requirePromoRule(store, req.params.promo_rule_id) }
  }

  router.get(
    "/",
    handle((req, res) => {
      const store = storeOf(req)
      const q = query(req)
      const rules = [...store.promo_rules.values()]
      res.json(selectFields({ store_id: store.id, promo_rules: page(rules, q).map(promoRuleView), total_items: rules.length, _links: [] }, q))
    })
  )

  router.post(
    "/",
    handle((req, res) => {
      res.json(promoRuleView(createPromoRule(storeOf(req), body(req))))
    })
  )

  router.get(
    "/:promo_rule_id",
    handle((req, res) => {
      res.json(selectFields(promoRuleView(ruleOf(req).rule), query(req)))
    })
  )

  router.patch(
    "/:promo_rule_id",
    handle((req, res) => {
      res.json(promoRuleView(updatePromoRule(ruleOf(req).rule, body(req))))
    })
  )

  router.delete(
    "/:promo_rule_id",
    handle((req, res) => {
      const { store, rule } = ruleOf(req)
      deletePromoRule(store, rule)
      res.status(204).end()
    })
  )

  router.get(
    "/:promo_rule_id/promo-codes",
    handle((req, res) => {
      const { store, rule } = ruleOf(req)
      const q = query(req)
      const codes = [...rule.codes.values()]
      res.json(selectFields({ store_id: store.id, promo_codes: page(codes, q).map(promoCodeView), total_items: codes.length, _links: [] }, q))
    })
  )

  router.post(
    "/:promo_rule_id/promo-codes",
    handle((req, res) => {
      const { store, rule } = ruleOf(req)
      res.json(promoCodeView(createPromoCode(store, rule, body(req))))
    })
  )

  router.get(
    "/:promo_rule_id/promo-codes/:promo_code_id",
    handle((req, res) => {
      res.json(selectFields(promoCodeView(requirePromoCode(ruleOf(req).rule, req.params.promo_code_id)), query(req)))
    })
  )

  router.patch(
    "/:promo_rule_id/promo-codes/:promo_code_id",
    handle((req, res) => {
      res.json(promoCodeView(updatePromoCode(requirePromoCode(ruleOf(req).rule, req.params.promo_code_id), body(req))))
    })
  )

  router.delete(
    "/:promo_rule_id/promo-codes/:promo_code_id",
    handle((req, res) => {
      const { rule } = ruleOf(req)
      rule.codes.delete(requirePromoCode(rule, req.params.promo_code_id).id)
      res.status(204).end()
    })
  )

  return router
}
