/**
 * The Mailchimp stand-in in its own process for the benchmarks (forked by sandbox-process.ts), so
 * that its work does not share an event loop with the load generator. Not strict: the benchmarks
 * measure the store and the clients, not the stand-in's validation.
 *
 * IPC: sends {type: "ready", url, apiBase, apiKey, audienceId}; while watching ({type: "watch", on}),
 * sends {type: "members", seen: [[email, status, epochMs], …]} when members first appear in the
 * default audience and {type: "orders", seen: [[orderId, epochMs], …]} when e-commerce orders first
 * appear in any store (both polled every 5 ms). Exits when the parent goes away.
 *
 * The API base it reports goes through a "wire" in front of the stand-in (wire.ts): a pass-through
 * until {type: "wire", latency_ms, max_connections} gives every client call that latency and limit.
 * {type: "counters"} is answered with the stand-in's counters (batches, campaigns, segments made).
 */
import { startSandbox } from "@medusa-mailchimp/sandbox"
import { startWire } from "./wire"

async function main(): Promise<void> {
  delete process.env.MAILCHIMP_OPENAPI
  const sandbox = await startSandbox({ port: Number(process.env.SANDBOX_PORT || 0), openapiPath: undefined })
  const send = (msg: unknown) => process.send?.(msg)
  const wire = await startWire(sandbox.url)
  let timer: NodeJS.Timeout | undefined
  let known = new Set<string>()
  let lastSize = -1
  let knownOrders = new Set<string>()
  let lastOrders = -1
  const orderCount = () => {
    let n = 0
    for (const st of sandbox.state.stores.values()) n += st.orders.size
    return n
  }
  const pollOrders = () => {
    const size = orderCount()
    if (size === lastOrders) return
    lastOrders = size
    const now = Date.now()
    const seen: [string, number][] = []
    for (const st of sandbox.state.stores.values()) {
      for (const id of st.orders.keys()) {
        if (knownOrders.has(id)) continue
        knownOrders.add(id)
        seen.push([id, now])
      }
    }
    if (seen.length) send({ type: "orders", seen })
  }

  const poll = () => {
    const list = sandbox.state.findList(sandbox.audienceId)
    if (!list) return
    const members = list.members
    if (members.size === lastSize) return
    if (members.size < lastSize) known = new Set([...known].filter((h) => members.has(h)))
    lastSize = members.size
    const now = Date.now()
    const seen: [string, string, number][] = []
    for (const [hash, m] of members) {
      if (known.has(hash)) continue
      known.add(hash)
      seen.push([m.email_address, m.status, now])
    }
    if (seen.length) send({ type: "members", seen })
  }

  process.on("message", (msg: any) => {
    if (msg?.type === "watch") {
      if (timer) clearInterval(timer)
      timer = undefined
      if (msg.on) {
        known = new Set(sandbox.state.findList(sandbox.audienceId)?.members.keys() ?? [])
        lastSize = known.size
        knownOrders = new Set([...sandbox.state.stores.values()].flatMap((st) => [...st.orders.keys()]))
        lastOrders = knownOrders.size
        timer = setInterval(() => {
          poll()
          pollOrders()
        }, 5)
      }
    } else if (msg?.type === "wire") {
      wire.set({ latencyMs: Number(msg.latency_ms) || 0, maxConnections: Number(msg.max_connections) || 0 })
      send({ type: "wire-set" })
    } else if (msg?.type === "counters") {
      // What a run's notes need of the stand-in, without /_sandbox/state (every record decoded, too big at 1M).
      send({ type: "counters", counters: { ...sandbox.state.counters } })
    } else if (msg?.type === "close") {
      wire.close()
      void sandbox.close().then(() => process.exit(0))
    }
  })
  process.on("disconnect", () => process.exit(0))
  send({ type: "ready", url: sandbox.url, apiBase: `${wire.url}/3.0`, apiKey: sandbox.apiKey, audienceId: sandbox.audienceId })
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
