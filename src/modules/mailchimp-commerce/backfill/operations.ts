import type { BatchOperation, CustomerBody, OrderCreateBody, ProductCreateBody } from "../../../mailchimp"
import { subscriberHash } from "../../../mailchimp"
import { OrderSource, toMailchimpOrder, toMailchimpOrderUpdate } from "../mapping/order"
import type { MedusaOrder } from "../mapping/medusa-types"
import { operationId, parseOperationId } from "./operation-id"

const base = (storeId: string) => `/ecommerce/stores/${encodeURIComponent(storeId)}`
const seg = encodeURIComponent

/**
 * The operations of one batch and the objects they are for: `objectIds[i]` is the object of every
 * operation whose id starts with `i|`.
 */
export type BatchPlan = { objectIds: string[]; operations: BatchOperation[] }

/** Products: POST new ones; PATCH known ones, with a PUT per variant (PATCHed variants carry no id). */
export function productOperations(storeId: string, products: ProductCreateBody[], remote: Set<string>): BatchPlan {
  const plan: BatchPlan = { objectIds: [], operations: [] }
  for (const body of products) {
    const i = plan.objectIds.push(body.id) - 1
    if (!remote.has(body.id)) {
      plan.operations.push({ method: "POST", path: `${base(storeId)}/products`, body, operation_id: operationId(i, "post") })
      continue
    }
    const { id, variants, ...fields } = body
    plan.operations.push({ method: "PATCH", path: `${base(storeId)}/products/${seg(id)}`, body: fields, operation_id: operationId(i, "patch") })
    variants.forEach((v, n) =>
      plan.operations.push({
        method: "PUT",
        path: `${base(storeId)}/products/${seg(id)}/variants/${seg(v.id)}`,
        body: v,
        operation_id: operationId(i, `variant-${n}`),
      })
    )
  }
  return plan
}

/** Customers: PUT, an upsert. */
export function customerOperations(storeId: string, customers: CustomerBody[]): BatchPlan {
  const plan: BatchPlan = { objectIds: [], operations: [] }
  for (const body of customers) {
    const i = plan.objectIds.push(body.id) - 1
    plan.operations.push({ method: "PUT", path: `${base(storeId)}/customers/${seg(body.id)}`, body, operation_id: operationId(i, "put") })
  }
  return plan
}

/** Orders: POST new ones (with their customer), PATCH known ones. */
export function orderOperations(
  storeId: string,
  orders: MedusaOrder[],
  remote: Set<string>,
  customerOf: (order: MedusaOrder) => OrderCreateBody["customer"],
  sourceOf: (order: MedusaOrder) => OrderSource | undefined = () => undefined
): BatchPlan {
  const plan: BatchPlan = { objectIds: [], operations: [] }
  for (const order of orders) {
    const i = plan.objectIds.push(order.id) - 1
    if (remote.has(order.id)) {
      plan.operations.push({
        method: "PATCH",
        path: `${base(storeId)}/orders/${seg(order.id)}`,
        body: toMailchimpOrderUpdate(order, sourceOf(order)),
        operation_id: operationId(i, "patch"),
      })
    } else {
      plan.operations.push({
        method: "POST",
        path: `${base(storeId)}/orders`,
        body: toMailchimpOrder(order, customerOf(order), sourceOf(order)),
        operation_id: operationId(i, "post"),
      })
    }
  }
  return plan
}

/** Merge fields: PATCH, which never adds anyone to the audience. */
export function mergeFieldOperations(audienceId: string, values: { email: string; merge_fields: Record<string, unknown> }[]): BatchPlan {
  const plan: BatchPlan = { objectIds: [], operations: [] }
  for (const v of values) {
    const i = plan.objectIds.push(v.email) - 1
    plan.operations.push({
      method: "PATCH",
      path: `/lists/${seg(audienceId)}/members/${subscriberHash(v.email)}`,
      body: { merge_fields: v.merge_fields },
      operation_id: operationId(i, "patch"),
    })
  }
  return plan
}

/**
 * One batch of the plans of several stores (salesChannels): an object sent to two stores keeps one index, so its
 * verdict is the worse of its operations' (settle-batch.ts); each store's operation ids end `@n`, so none repeats.
 */
export function mergePlans(plans: BatchPlan[]): BatchPlan {
  if (plans.length === 1) return plans[0]
  const merged: BatchPlan = { objectIds: [], operations: [] }
  const indexOf = new Map<string, number>()
  plans.forEach((plan, n) => {
    for (const op of plan.operations) {
      const parsed = parseOperationId(op.operation_id)!
      const objectId = plan.objectIds[parsed.index]
      let i = indexOf.get(objectId)
      if (i === undefined) {
        i = merged.objectIds.push(objectId) - 1
        indexOf.set(objectId, i)
      }
      merged.operations.push({ ...op, operation_id: `${operationId(i, parsed.step)}@${n}` })
    }
  })
  return merged
}
