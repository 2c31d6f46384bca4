import type { ExecArgs } from "@medusajs/framework/types"
import { seedStore } from "../test/support/seed-store"
export default async function ({ container }: ExecArgs) {
  const s = await seedStore(container, { products: 3 })
  require("fs").writeFileSync("/tmp/dev-store.json", JSON.stringify(s))
}
