import { Router } from "express"
import { categoryView, createCategory, createInterest, deleteInterest, interestView, requireCategory, sortedCategories } from "../interests"
import { errors } from "../problems"
import { page, selectFields } from "../query"
import { body, handle, query, type RouteDeps } from "./deps"

/** /lists/{list_id}/interest-categories and their interests (the "groups" of Mailchimp's app). */
export function interestsRouter(deps: RouteDeps): Router {
  const router = Router({ mergeParams: true })

  router.get(
    "/",
    handle((req, res) => {
      const list = deps.state.getList(req.params.list_id)
      const q = query(req)
      let categories = sortedCategories(list)
      if (typeof q.type === "string" && q.type) categories = categories.filter((c) => c.type === q.type)
      const out = {
        list_id: list.id,
        categories: page(categories, q).map((c) => categoryView(list, c)),
        total_items: categories.length,
        _links: [],
      }
      res.json(selectFields(out, q))
    })
  )

  router.post(
    "/",
    handle((req, res) => {
      const list = deps.state.getList(req.params.list_id)
      res.json(categoryView(list, createCategory(list, body(req))))
    })
  )

  router.get(
    "/:category_id",
    handle((req, res) => {
      const list = deps.state.getList(req.params.list_id)
      res.json(selectFields(categoryView(list, requireCategory(list, req.params.category_id)), query(req)))
    })
  )

  router.get(
    "/:category_id/interests",
    handle((req, res) => {
      const list = deps.state.getList(req.params.list_id)
      const category = requireCategory(list, req.params.category_id)
      const q = query(req)
      const interests = [...category.interests].sort((a, b) => a.display_order - b.display_order)
      const out = {
        interests: page(interests, q).map((i) => interestView(list, category, i)),
        list_id: list.id,
        category_id: category.id,
        total_items: interests.length,
        _links: [],
      }
      res.json(selectFields(out, q))
    })
  )

  router.post(
    "/:category_id/interests",
    handle((req, res) => {
      const list = deps.state.getList(req.params.list_id)
      const category = requireCategory(list, req.params.category_id)
      res.json(interestView(list, category, createInterest(category, body(req))))
    })
  )

  router.get(
    "/:category_id/interests/:interest_id",
    handle((req, res) => {
      const list = deps.state.getList(req.params.list_id)
      const category = requireCategory(list, req.params.category_id)
      const interest = category.interests.find((i) => i.id === req.params.interest_id)
      if (!interest) throw errors.notFound()
      res.json(selectFields(interestView(list, category, interest), query(req)))
    })
  )

  router.delete(
    "/:category_id/interests/:interest_id",
    handle((req, res) => {
      const list = deps.state.getList(req.params.list_id)
      deleteInterest(list, requireCategory(list, req.params.category_id), req.params.interest_id)
      res.status(204).end()
    })
  )

  return router
}
