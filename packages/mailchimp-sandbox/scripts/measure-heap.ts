/**
 * How much heap the sandbox holds as its store grows: `node --expose-gc --max-old-space-size=1024 -r
 * @swc-node/register scripts/measure-heap.ts [N]` (N: 1 000 000 by default; MEASURE_AT="10000,100000" for other
 * checkpoints; MAILCHIMP_OPENAPI for strict mode). It fills the store through the paths the plugin's backfill and
 * segment sync use, over HTTP with batches of 500: N store customers (PUT, half opted in, so N audience contacts), N
 * orders (POST, one line each, both addresses, the customer inline), the same N addresses again as audience members (batch subscribe, as the segments bench does) and
 * a static segment holding them (members_to_add), then prints heapUsed and RSS (after a full GC) at each
 * checkpoint, with objects/s. Exits non-zero if a GET after the fill does not answer what was written.
 * MEASURE_PARTS=1 also prints what dropping each part frees (at the first checkpoint, then exits);
 * MEASURE_SNAPSHOT=path writes a heap snapshot at each checkpoint.
 */
import { writeHeapSnapshot } from "v8"
import { startSandbox } from "../src"

const N = Number(process.argv[2] || 1_000_000)
const CHECKPOINTS = (process.env.MEASURE_AT || "10000,100000,1000000")
  .split(",")
  .map(Number)
  .filter((n) => n > 0 && n <= N)
if (!CHECKPOINTS.includes(N)) CHECKPOINTS.push(N)
const PER_BATCH = 500
const STORE = "heap-store"
const PRODUCTS = 50

const ADDRESS = { address1: "1 Main St", city: "Austin", province: "Texas", province_code: "TX", postal_code: "78701", country: "United States", country_code: "US" }

const mb = (n: number) => Math.round(n / 1048576)

async function main(): Promise<void> {
  const sandbox = await startSandbox({ port: 0, batchStartDelayMs: 0 })
  const auth = { "content-type": "application/json", authorization: `Bearer ${sandbox.apiKey}` }
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sandbox.apiBase}${path}`, { method, headers: auth, body: body === undefined ? undefined : JSON.stringify(body) })
    const text = await res.text()
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`)
    return text ? JSON.parse(text) : undefined
  }
  /** One batch, waited for; every operation must have succeeded. */
  const batch = async (operations: { method: string; path: string; body: unknown; operation_id: string }[]) => {
    const { id } = await call("POST", "/batches", { operations: operations.map((op) => ({ ...op, body: JSON.stringify(op.body) })) })
    for (;;) {
      const b = await call("GET", `/batches/${id}`)
      if (b.status === "finished") {
        if (b.errored_operations) throw new Error(`batch ${id}: ${b.errored_operations} errored`)
        return
      }
      await new Promise((r) => setTimeout(r, 2))
    }
  }
  const list = sandbox.audienceId
  await call("POST", "/ecommerce/stores", { id: STORE, list_id: list, name: "Heap", currency_code: "USD", domain: "heap.example" })
  for (let p = 0; p < PRODUCTS; p++) {
    await call("POST", `/ecommerce/stores/${STORE}/products`, {
      id: `prod_${p}`,
      title: `Product ${p}`,
      handle: `product-${p}`,
      variants: [{ id: `var_${p}`, title: `Variant ${p}`, sku: `SKU-${p}`, price: 25, inventory_quantity: 100 }],
    })
  }
  const segment = await call("POST", `/lists/${list}/segments`, { name: "Heap segment", static_segment: [] })

  const customer = (i: number) => ({
    id: `cus_${i}`,
    email_address: `customer-${i}@example.com`,
    opt_in_status: i % 2 === 0,
    first_name: "Bench",
    last_name: `Shopper ${i}`,
    address: ADDRESS,
  })
  const fill = async (from: number, to: number) => {
    for (let i = from; i < to; i += PER_BATCH) {
      const ids = Array.from({ length: Math.min(PER_BATCH, to - i) }, (_, k) => i + k)
      await batch(ids.map((n) => ({ method: "PUT", path: `/ecommerce/stores/${STORE}/customers/cus_${n}`, body: customer(n), operation_id: `${n}|put` })))
      await batch(
        ids.map((n) => ({
          method: "POST",
          path: `/ecommerce/stores/${STORE}/orders`,
          operation_id: `${n}|post`,
          body: {
            id: `order_${n}`,
            customer: { id: `cus_${n}`, email_address: `customer-${n}@example.com`, opt_in_status: n % 2 === 0 },
            currency_code: "USD",
            order_total: 50 + (n % 7),
            financial_status: "paid",
            processed_at_foreign: "2026-01-02T03:04:05+00:00",
            shipping_address: { name: "Bench Shopper", ...ADDRESS },
            billing_address: { name: "Bench Shopper", ...ADDRESS },
            lines: [{ id: `line_${n}`, product_id: `prod_${n % PRODUCTS}`, product_variant_id: `var_${n % PRODUCTS}`, quantity: 2, price: 25 }],
          },
        }))
      )
      const members = ids.map((n) => ({ email_address: `customer-${n}@example.com`, status: "subscribed" }))
      await call("POST", `/lists/${list}`, { members, update_existing: true })
      await call("POST", `/lists/${list}/segments/${segment.id}`, { members_to_add: members.map((m) => m.email_address) })
    }
  }

  const idle = process.memoryUsage()
  console.log(`strict: ${sandbox.strict}; before: heapUsed ${mb(idle.heapUsed)} MB, rss ${mb(idle.rss)} MB`)
  console.log("| objects each (customers, orders, members) | heapUsed | RSS | objects/s |")
  console.log("| ---: | ---: | ---: | ---: |")
  let done = 0
  for (const at of CHECKPOINTS) {
    const started = Date.now()
    await fill(done, at)
    const seconds = (Date.now() - started) / 1000
    const rate = Math.round((3 * (at - done)) / seconds)
    done = at
    await sandbox.idle()
    ;(globalThis as { gc?: () => void }).gc?.()
    const m = process.memoryUsage()
    console.log(`| ${at} | ${mb(m.heapUsed)} MB | ${mb(m.rss)} MB | ${rate} |`)
    if (process.env.MEASURE_SNAPSHOT) writeHeapSnapshot(process.env.MEASURE_SNAPSHOT)
    if (process.env.MEASURE_PARTS) {
      const st = sandbox.state as any
      for (const [name, drop] of [["batches", () => (st.batches = new Map())], ["requests", () => (st.requests = [])], ["deliveries", () => (st.deliveries = [])], ["orders", () => st.stores.get(STORE).orders.clear()], ["customers", () => st.stores.get(STORE).customers.clear()], ["members", () => st.lists.get(list).members.clear()]] as const) {
        const before = process.memoryUsage().heapUsed
        drop()
        ;(globalThis as { gc?: () => void }).gc?.()
        console.log(`  ${name}: ${mb(before - process.memoryUsage().heapUsed)} MB`)
      }
      process.exit(0)
    }
  }

  // The store still answers what was written.
  const last = N - 1
  const order = await call("GET", `/ecommerce/stores/${STORE}/orders/order_${last}`)
  const cust = await call("GET", `/ecommerce/stores/${STORE}/customers/cus_${last}`)
  const counts = await call("GET", `/ecommerce/stores/${STORE}/customers?count=1&offset=${last}`)
  const seg = await call("GET", `/lists/${list}/segments/${segment.id}`)
  const checks = [
    order.lines[0].product_id === `prod_${last % PRODUCTS}` && order.customer.email_address === `customer-${last}@example.com`,
    cust.orders_count === 1 && cust.last_name === `Shopper ${last}` && cust.address.city === "Austin",
    counts.total_items === N && counts.customers.length === 1,
    seg.member_count === N,
  ]
  await sandbox.close()
  if (checks.includes(false)) {
    console.error(`answers differ: ${JSON.stringify(checks)}`)
    process.exit(1)
  }
  console.log("answers checked")
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
