/**
 * (d) Webhook ingest (issue 23), side by side on one store with one keep-alive client:
 *   1. `GET /hooks/mailchimp`, the secret check only: the framework's own cost of a request;
 *   2. `POST /hooks/mailchimp/bench-noop`: the same form body read as the ingest reads it, then dropped;
 *   3. `POST /hooks/mailchimp`: the ingest (group commit into Postgres, answered once stored);
 * each from 50 concurrent senders (each sends its next request when the last was answered), then a burst of
 * 5,000 deliveries let go at once, as Mailchimp does after a large send. Each delivery is a distinct, form-encoded
 * `unsubscribe` or `profile` event with the URL secret. Counted: requests per second, p50/p99, non-2xx, how many
 * burst deliveries were answered within Mailchimp's 10 s, the ratios ingest ÷ bare GET and ingest ÷ no-op POST,
 * and how long after the burst's last answer the last delivery was applied (read from the admin webhook route).
 * The burst is let go once the steady load's deliveries are all applied: a burst on a store at rest.
 *
 * Env: BENCH_WEBHOOK_SECONDS (10 per load), BENCH_WEBHOOK_SENDERS (50), BENCH_WEBHOOK_BURST (5000).
 */
import os from "os"
import { Agent } from "undici"
import { WEBHOOK_SECRET } from "../support/context"
import { cpuMs } from "../support/cpu"
import { defineScenario } from "../support/scenario"
import { ratio, round, summarize, percentile } from "../support/stats"

const form = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join("&")

// Mailchimp gives up on a delivery not answered within 10 s ("Sync audience data with webhooks").
const MAILCHIMP_TIMEOUT_MS = 10_000

export default defineScenario({
  name: "webhook-ingest",
  title: "(d) webhook ingest beside a bare GET and a no-op POST, 50 concurrent, then a 5,000-delivery burst",
  async run(ctx) {
    const seconds = Number(process.env.BENCH_WEBHOOK_SECONDS || 10)
    const senders = Number(process.env.BENCH_WEBHOOK_SENDERS || 50)
    const burstSize = Number(process.env.BENCH_WEBHOOK_BURST || 5000)
    const store = await ctx.store("plugin")
    const sandbox = await ctx.sandbox()
    const dispatcher = new Agent({ connections: 512, pipelining: 0, headersTimeout: 120_000, bodyTimeout: 120_000 })
    const runId = Date.now().toString(36)
    let n = 0
    const delivery = () => {
      const i = ++n
      const email = `hook-${runId}-${i}@example.com`
      const firedAt = new Date(Date.now() - 1000).toISOString().slice(0, 19).replace("T", " ")
      return i % 2
        ? form({
            type: "unsubscribe",
            fired_at: firedAt,
            "data[action]": "unsub",
            "data[reason]": "manual",
            "data[id]": `m${i}`,
            "data[list_id]": sandbox.audienceId,
            "data[email]": email,
            "data[email_type]": "html",
            "data[merges][EMAIL]": email,
            "data[merges][FNAME]": "Ada",
            "data[campaign_id]": "cmp-bench",
          })
        : form({
            type: "profile",
            fired_at: firedAt,
            "data[id]": `m${i}`,
            "data[list_id]": sandbox.audienceId,
            "data[email]": email,
            "data[email_type]": "html",
            "data[merges][EMAIL]": email,
            "data[merges][FNAME]": `Name ${i}`,
          })
    }
    const secret = `secret=${encodeURIComponent(WEBHOOK_SECRET)}`
    const urls = {
      get: `${store.url}/hooks/mailchimp?${secret}`,
      noop: `${store.url}/hooks/mailchimp/bench-noop?${secret}`,
      ingest: `${store.url}/hooks/mailchimp?${secret}`,
    }
    type Load = keyof typeof urls
    const statuses: Record<string, number> = {}
    // Ingest deliveries answered 2xx (every body is distinct): each must be found stored.
    let answered2xx = 0
    // One request; its duration in ms and its answer's status, counted in `statuses`.
    const send = async (load: Load): Promise<number> => {
      const t = performance.now()
      let status = "error"
      try {
        const res = await fetch(urls[load], {
          method: load === "get" ? "GET" : "POST",
          ...(load === "get" ? {} : { headers: { "content-type": "application/x-www-form-urlencoded" }, body: delivery() }),
          // @ts-expect-error undici's dispatcher option on Node's fetch
          dispatcher,
        })
        await res.arrayBuffer()
        status = String(res.status)
        if (load === "ingest" && res.ok) answered2xx++
      } catch (e: any) {
        status = `error: ${e.cause?.code ?? e.message}`
      }
      statuses[status] = (statuses[status] ?? 0) + 1
      return performance.now() - t
    }
    const non2xx = (answers: Record<string, number>) =>
      Object.entries(answers).filter(([k]) => !/^2\d\d$/.test(k)).reduce((a, [, v]) => a + v, 0)

    // Closed loop, `senders` at a time, for `seconds`.
    const steady = async (load: Load) => {
      for (let i = 0; i < 20; i++) await send(load) // warm the route and the connections
      for (const k of Object.keys(statuses)) delete statuses[k]
      ctx.log(`webhook-ingest: ${load}, ${senders} senders for ${seconds} s …`)
      const times: number[] = []
      const cpu0 = cpuMs(store.process.pid)
      const t0 = performance.now()
      const until = t0 + seconds * 1000
      await Promise.all(
        Array.from({ length: senders }, async () => {
          while (performance.now() < until) times.push(await send(load))
        })
      )
      const elapsedS = (performance.now() - t0) / 1000
      const answers = { ...statuses }
      return {
        n: times.length,
        perS: round(times.length / elapsedS, 1),
        p50: summarize(times).p50,
        p99: round(percentile(times, 99)),
        non2xx: non2xx(answers),
        cpuPerMs: round((cpuMs(store.process.pid) - cpu0) / times.length, 2),
        answers,
      }
    }
    // Applied: every stored delivery leaves `received` once a batch job applied it. Seconds until none is left.
    const admin = await ctx.adminToken("plugin")
    const stats = async () => {
      const res = await fetch(`${store.url}/admin/mailchimp/webhook`, { headers: { authorization: `Bearer ${admin}` } })
      return ((await res.json()) as any).webhook.deliveries as { by_status: Record<string, number> }
    }
    const allApplied = async () => {
      const t = Date.now()
      let deliveries = await stats()
      while ((deliveries.by_status.received ?? 0) > 0 && Date.now() - t < 300_000) {
        await new Promise((r) => setTimeout(r, 250))
        deliveries = await stats()
      }
      return { deliveries, afterS: round((Date.now() - t) / 1000, 1) }
    }

    const get = await steady("get")
    const noop = await steady("noop")
    const ingest = await steady("ingest")
    // The burst comes to a store at rest, as in the table: the steady load's deliveries (held back while
    // they kept coming, docs/webhooks.md#ingest) are applied first, or their apply would fall inside the burst.
    const steadyApplied = await allApplied()

    // Burst: every delivery let go at once.
    for (const k of Object.keys(statuses)) delete statuses[k]
    ctx.log(`webhook-ingest: burst of ${burstSize} …`)
    const cpu1 = cpuMs(store.process.pid)
    const t1 = performance.now()
    const burst = await Promise.all(Array.from({ length: burstSize }, () => send("ingest")))
    const burstS = (performance.now() - t1) / 1000
    const burstCpuPerMs = round((cpuMs(store.process.pid) - cpu1) / burstSize, 2)
    const burstAnswers = { ...statuses }
    await dispatcher.close()

    const total = n
    const { deliveries, afterS: appliedAfterS } = await allApplied()

    const b = summarize(burst)
    const figures = {
      senders,
      get_per_s: get.perS,
      get_p50_ms: get.p50,
      get_p99_ms: get.p99,
      noop_per_s: noop.perS,
      noop_p50_ms: noop.p50,
      noop_p99_ms: noop.p99,
      steady_deliveries: ingest.n,
      steady_per_s: ingest.perS,
      steady_p50_ms: ingest.p50,
      steady_p99_ms: ingest.p99,
      steady_non_2xx: ingest.non2xx + get.non2xx + noop.non2xx,
      ingest_vs_get: ratio(ingest.perS, get.perS),
      ingest_vs_noop: ratio(ingest.perS, noop.perS),
      store_cpu_per_delivery_ms: ingest.cpuPerMs,
      steady_all_applied_after_s: steadyApplied.afterS,
      burst: burstSize,
      burst_seconds: round(burstS, 2),
      burst_per_s: round(burstSize / burstS, 1),
      burst_p50_ms: b.p50,
      burst_p99_ms: round(percentile(burst, 99)),
      burst_within_10s: burst.filter((ms) => ms <= MAILCHIMP_TIMEOUT_MS).length,
      burst_non_2xx: non2xx(burstAnswers),
      burst_store_cpu_per_delivery_ms: burstCpuPerMs,
      stored_by_status: JSON.stringify(deliveries.by_status),
      lost: answered2xx - Object.values(deliveries.by_status).reduce((a, v) => a + v, 0),
      all_applied_after_s: (deliveries.by_status.received ?? 0) === 0 ? appliedAfterS : null,
    }
    const row = (load: string, r: typeof get) => ({ load, requests: r.n, "per s": r.perS, "p50 ms": r.p50, "p99 ms": r.p99, "non-2xx": r.non2xx, "within 10 s": "all" })
    return {
      rows: [
        row(`GET /hooks/mailchimp (secret check), ${senders} concurrent`, get),
        row(`POST no-op (same body, stores nothing), ${senders} concurrent`, noop),
        row(`POST /hooks/mailchimp (ingest), ${senders} concurrent`, ingest),
        { load: `burst of ${burstSize} at once`, requests: burstSize, "per s": figures.burst_per_s, "p50 ms": b.p50, "p99 ms": figures.burst_p99_ms, "non-2xx": figures.burst_non_2xx, "within 10 s": figures.burst_within_10s },
      ],
      figures,
      goal: "ingest ≥ 0.8 × bare GET, p99 < 250 ms at 50 concurrent; the whole burst answered 2xx within 10 s; the last applied within 30 s",
      met:
        figures.ingest_vs_get >= 0.8 &&
        figures.steady_p99_ms < 250 &&
        figures.steady_non_2xx === 0 &&
        figures.burst_non_2xx === 0 &&
        figures.burst_within_10s === burstSize &&
        figures.lost === 0 &&
        figures.all_applied_after_s !== null &&
        figures.all_applied_after_s <= 30,
      notes: [
        `ingest ÷ bare GET ${figures.ingest_vs_get}, ingest ÷ no-op POST ${figures.ingest_vs_noop}`,
        `answers: get ${JSON.stringify(get.answers)}, no-op ${JSON.stringify(noop.answers)}, ingest ${JSON.stringify(ingest.answers)}, burst ${JSON.stringify(burstAnswers)}`,
        `${total} bodies built (no-op ones included); ${answered2xx} ingest deliveries answered 2xx, stored by status ${figures.stored_by_status}, lost ${figures.lost}; all applied ${appliedAfterS} s after the burst's last answer`,
        `store CPU per request (steady): get ${get.cpuPerMs} ms, no-op ${noop.cpuPerMs} ms, ingest ${ingest.cpuPerMs} ms; burst ${burstCpuPerMs} ms`,
        `the steady load's deliveries all applied ${steadyApplied.afterS} s after its last answer, before the burst`,
        `load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(", ")}`,
      ],
    }
  },
})
