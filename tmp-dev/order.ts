import { checkout, StoreClient } from "../test/support/store-client"
const s = require("/tmp/dev-store.json")
async function main() {
  const shop = new StoreClient("http://127.0.0.1:9100", s.publishableKey)
  const o = await checkout(shop, { regionId: s.regionId, variantId: s.variantIds[Number(process.argv[3] ?? 0)], email: process.argv[2] ?? `dev${Date.now()}@example.com`, metadata: { mc_cid: "abc123" } })
  console.log("ORDER", o.id, o.customer_id)
}
main()
