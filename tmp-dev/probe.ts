import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
export default async function ({ container }: ExecArgs) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const all = await query.graph({ entity: "order", fields: ["id", "is_draft_order", "status"] })
  console.log("ALL", JSON.stringify(all.data))
  const f = await query.graph({ entity: "order", fields: ["id"], filters: { is_draft_order: false } })
  console.log("FILTER false", f.data.length)
  const g = await query.graph({ entity: "order", fields: ["id"], filters: { is_draft_order: { $ne: true } } })
  console.log("FILTER ne true", g.data.length)
}
