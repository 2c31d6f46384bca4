import type { ExecArgs } from "@medusajs/framework/types"
import { ensureAdminUser } from "../test/support/seed-once"
export default async function ({ container }: ExecArgs) {
  await ensureAdminUser(container, "admin@dev.test", "supersecret")
}
