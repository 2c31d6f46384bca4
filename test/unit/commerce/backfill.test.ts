import http from "node:http"
import type { AddressInfo } from "node:net"
import { classifyResult, worse } from "../../../src/modules/mailchimp-commerce/backfill/classify"
import { operationId, parseOperationId } from "../../../src/modules/mailchimp-commerce/backfill/operation-id"
import {
  customerOperations,
  mergeFieldOperations,
  orderOperations,
  productOperations,
} from "../../../src/modules/mailchimp-commerce/backfill/operations"
import { summarizeProgress } from "../../../src/modules/mailchimp-commerce/backfill/progress"
import { readBatchResults } from "../../../src/modules/mailchimp-commerce/backfill/results"
import { subscriberHash } from "../../../src/mailchimp"
import { toMailchimpProduct } from "../../../src/modules/mailchimp-commerce/mapping"
import { parseCommerceOptions } from "../../../src/modules/mailchimp-commerce/options"
import { resultsArchive } from "@medusa-mailchimp/sandbox"
import { order, product } from "./fixtures"

const problem = (status: number, detail: string, errors: { field: string; message: string }[] = []) =>
  JSON.stringify({ type: "https://mailchimp.com/developer/marketing/docs/errors/", title: "Invalid Resource", status, detail, errors })

describe("batch operations", () => {
  it("new products are POSTed; known ones PATCHed with a PUT per variant; ids map back to objects", () => {
    const a = toMailchimpProduct(product(), "usd", {})
    const b = toMailchimpProduct(product({ id: "prod_2" }), "usd", {})
    const plan = productOperations("store 1", [a, b], new Set(["prod_2"]))
    expect(plan.objectIds).toEqual(["prod_1", "prod_2"])
    expect(plan.operations.map((o) => [o.method, o.path, o.operation_id])).toEqual([
      ["POST", "/ecommerce/stores/store%201/products", "0|post"],
      ["PATCH", "/ecommerce/stores/store%201/products/prod_2", "1|patch"],
      ["PUT", "/ecommerce/stores/store%201/products/prod_2/variants/variant_1", "1|variant-0"],
      ["PUT", "/ecommerce/stores/store%201/products/prod_2/variants/variant_2", "1|variant-1"],
    ])
    expect(plan.operations[1].body).not.toHaveProperty("variants")
    expect(plan.operations[1].body).not.toHaveProperty("id")
  })

  it("customers are PUT; orders POSTed with their customer or PATCHed; merge fields PATCHed by subscriber hash", () => {
    expect(customerOperations("s", [{ id: "cus_1", email_address: "a@x.io", opt_in_status: false }]).operations[0]).toEqual(
      expect.objectContaining({ method: "PUT", path: "/ecommerce/stores/s/customers/cus_1", operation_id: "0|put" })
    )
    const orders = orderOperations("s", [order(), order({ id: "order_2" })], new Set(["order_2"]), () => ({ id: "cus_1" }))
    expect(orders.operations.map((o) => [o.method, o.path])).toEqual([
      ["POST", "/ecommerce/stores/s/orders"],
      ["PATCH", "/ecommerce/stores/s/orders/order_2"],
    ])
    expect(orders.operations[1].body).not.toHaveProperty("lines")
    // Where each shopper came from (the carts' rows) goes with both kinds of write.
    const landing = "https://shop.example.com/in"
    const sourced = orderOperations("s", [order(), order({ id: "order_2" })], new Set(["order_2"]), () => ({ id: "cus_1" }), () => ({ landing_site: landing }))
    expect(sourced.operations.map((o) => (o.body as { landing_site?: string }).landing_site)).toEqual([landing, landing])
    const merge = mergeFieldOperations("aud", [{ email: "Ada@Example.com", merge_fields: { ORDERS: 1 } }])
    expect(merge.operations[0]).toEqual({
      method: "PATCH",
      path: `/lists/aud/members/${subscriberHash("ada@example.com")}`,
      body: { merge_fields: { ORDERS: 1 } },
      operation_id: "0|patch",
    })
    expect(merge.objectIds).toEqual(["Ada@Example.com"])
    expect(parseOperationId(operationId(12, "variant-3"))).toEqual({ index: 12, step: "variant-3" })
    expect(parseOperationId("nonsense")).toBeNull()
  })
})

describe("batch results", () => {
  const ok = { status_code: 200, operation_id: "0|post", response: "{}" }
  it("classifies each answer", () => {
    expect(classifyResult(ok, "store").kind).toBe("ok")
    const dup = { status_code: 400, operation_id: "0|post", response: problem(400, "An order with the provided ID already exists.") }
    expect(classifyResult(dup, "store").kind).toBe("exists")
    expect(classifyResult({ ...dup, operation_id: "0|patch" }, "store").kind).toBe("failed")
    expect(classifyResult({ status_code: 404, operation_id: "0|patch", response: problem(404, "gone") }, "store").kind).toBe("missing")
    expect(classifyResult({ status_code: 404, operation_id: "0|patch", response: problem(404, "gone") }, "audience").kind).toBe("not_member")
    const unknown = problem(400, "Your request is invalid", [{ field: "lines.0.product_id", message: "A product with the provided ID (p) does not exist in this store." }])
    expect(classifyResult({ status_code: 400, operation_id: "0|post", response: unknown }, "store").kind).toBe("unknown_product")
    const noCustomer = problem(400, "The resource submitted could not be validated.", [{ field: "customer", message: "Required fields were not provided: customer.email_address" }])
    expect(classifyResult({ status_code: 400, operation_id: "0|post", response: noCustomer }, "store").kind).toBe("unknown_customer")
    expect(classifyResult({ status_code: 400, operation_id: "0|patch", response: noCustomer }, "store").kind).toBe("failed")
    const noField = problem(400, "Your merge fields were invalid.", [{ field: "ORDERS", message: "This audience has no merge field ORDERS" }])
    expect(classifyResult({ status_code: 400, operation_id: "0|patch", response: noField }, "audience").kind).toBe("unknown_merge_field")
    const badValue = problem(400, "Your merge fields were invalid.", [{ field: "SPENT", message: "Please enter a number" }])
    expect(classifyResult({ status_code: 400, operation_id: "0|patch", response: badValue }, "audience").kind).toBe("failed")
    const campaign = problem(400, "A campaign with the provided ID does not exist in the account for this list.")
    expect(classifyResult({ status_code: 400, operation_id: "0|post", response: campaign }, "store").kind).toBe("unknown_campaign")
    expect(classifyResult({ status_code: 429, operation_id: "0|post", response: "" }, "store").kind).toBe("retry")
    expect(classifyResult({ status_code: 503, operation_id: "0|post", response: "oops" }, "store").kind).toBe("retry")
    const refused = classifyResult({ status_code: 400, operation_id: "0|post", response: problem(400, "bad", [{ field: "email_address", message: "invalid" }]) }, "store")
    expect(refused).toEqual({ kind: "failed", error: expect.objectContaining({ status: 400, detail: "bad", errors: [{ field: "email_address", message: "invalid" }] }) })
    expect(worse({ kind: "ok" }, { kind: "retry", error: {} }).kind).toBe("retry")
    expect(worse({ kind: "failed", error: {} }, { kind: "ok" }).kind).toBe("failed")
  })

  it("reads the gzipped tar at response_body_url, file by file", async () => {
    const results = Array.from({ length: 450 }, (_, i) => ({ status_code: i % 3 ? 200 : 400, operation_id: operationId(i, "post"), response: "{}" }))
    const archive = await resultsArchive("b1", results)
    const server = http.createServer((_req, res) => res.writeHead(200, { "content-type": "application/gzip" }).end(archive))
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/b1.tar.gz`
    const files: number[] = []
    const seen: string[] = []
    try {
      const count = await readBatchResults(url, (chunk) => {
        files.push(chunk.length)
        seen.push(...chunk.map((r) => r.operation_id!))
      }, { allowHttp: true })
      expect(count).toBe(450)
      expect(files.length).toBeGreaterThan(1)
      expect(new Set(seen).size).toBe(450)
    } finally {
      server.close()
    }
  })

  it("fetches results over https only unless plain http is allowed, redirects included", async () => {
    const archive = await resultsArchive("b2", [{ status_code: 200, operation_id: operationId(0, "post"), response: "{}" }])
    let hits = 0
    const server = http.createServer((req, res) => {
      hits++
      if (req.url === "/moved") res.writeHead(302, { location: "/b2.tar.gz" }).end()
      else res.writeHead(200, { "content-type": "application/gzip" }).end(archive)
    })
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      await expect(readBatchResults(`${base}/b2.tar.gz`, () => {})).rejects.toThrow(/https/)
      expect(hits).toBe(0)
      expect(await readBatchResults(`${base}/moved`, () => {}, { allowHttp: true })).toBe(1)
      expect(hits).toBe(2)
    } finally {
      server.close()
    }
  })
})

describe("progress", () => {
  it("done, failed, total, rate and time left", () => {
    const kinds = [
      { kind: "customers", status: "sending", total: 1000, sent: 600, done: 500, failed: 10, skipped: 0, retrying: 5, open_batches: 1 },
      { kind: "orders", status: "waiting", total: 1000, sent: 0, done: 0, failed: 0, skipped: 0, retrying: 0, open_batches: 0 },
    ]
    const p = summarizeProgress(kinds, new Date(0), null, new Date(10_000))
    expect(p).toEqual({ done: 500, failed: 10, skipped: 0, total: 2000, percent: 25.5, rate_per_second: 50, seconds_left: 30, elapsed_seconds: 10 })
    expect(summarizeProgress(kinds, new Date(0), new Date(20_000)).seconds_left).toBe(0)
  })
})

describe("options", () => {
  const base = { apiKey: "k-us1", audienceId: "aud1" }
  it("defaults: the store id from the audience, the four merge tags, a short coalescing delay", () => {
    const o = parseCommerceOptions(base)
    expect(o).toEqual(
      expect.objectContaining({
        ecommerce: true,
        storeId: "medusa-aud1",
        audienceId: "aud1",
        syncDelayMs: 500,
        backfillBatchSize: 1000,
        purchaseMergeFields: { orders: "ORDERS", spent: "SPENT", firstOrder: "FIRSTORDER", lastOrder: "LASTORDER" },
      })
    )
  })
  it("a bad option is named", () => {
    expect(() => parseCommerceOptions({ ...base, purchaseMergeFields: { spent: "total spent" } })).toThrow(/purchaseMergeFields\.spent/)
    expect(() => parseCommerceOptions({ ...base, productUrlTemplate: "https://x/products" })).toThrow(/productUrlTemplate/)
    expect(() => parseCommerceOptions({ ...base, backfillBatchSize: 0 })).toThrow(/backfillBatchSize/)
  })
})
