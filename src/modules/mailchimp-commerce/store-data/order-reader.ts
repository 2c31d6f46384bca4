import type { MedusaOrder } from "../mapping/medusa-types"
import { readOrderRows } from "./order-rows"
import type { SqlConnection } from "./sql-connection"

const WINDOW_MS = 5
const MAX_IDS = 100

type Waiting = { resolve: (order: MedusaOrder | undefined) => void; reject: (e: unknown) => void }
type Gathering = { waiting: Map<string, Waiting[]>; timer: NodeJS.Timeout }

let open: Gathering | undefined

/**
 * One order as the live path reads it (readOrderRows: the order's tables, Medusa's totals), read
 * together with the other single-order reads asked for within a few milliseconds (the subscribers and
 * jobs of orders placed together). A read costs more per call than per order.
 */
export function readOrder(db: SqlConnection, id: string): Promise<MedusaOrder | undefined> {
  if (!open) {
    const gathering: Gathering = { waiting: new Map(), timer: setTimeout(() => readTogether(db, gathering), WINDOW_MS) }
    open = gathering
  }
  const gathering = open
  return new Promise((resolve, reject) => {
    const list = gathering.waiting.get(id) ?? []
    list.push({ resolve, reject })
    gathering.waiting.set(id, list)
    if (gathering.waiting.size >= MAX_IDS) {
      clearTimeout(gathering.timer)
      readTogether(db, gathering)
    }
  })
}

function readTogether(db: SqlConnection, gathering: Gathering): void {
  if (open === gathering) open = undefined
  const { waiting } = gathering
  readOrderRows(db, { ids: [...waiting.keys()] }).then(
    (orders) => {
      const byId = new Map(orders.map((o) => [o.id, o]))
      for (const [id, list] of waiting) for (const w of list) w.resolve(byId.get(id))
    },
    (e) => {
      for (const list of waiting.values()) for (const w of list) w.reject(e)
    }
  )
}
