/**
 * (d) Webhook ingest: what the store's `POST /hooks/mailchimp` takes. First a steady load from 50
 * concurrent senders (each sends its next delivery when the last was answered), then a burst of
 * 5,000 deliveries let go at once, as Mailchimp does when an audience is archived or a campaign
 * unsubscribes many. Each delivery is a distinct, form-encoded `unsubscribe` or `profile` event with the
 * URL secret. Counted: deliveries per second, latency p50/p99, and every answer that is not 2xx. Then
 * how long the queued `webhook.apply` jobs take to apply them all (read from the admin webhook route).
 *
 * Env: BENCH_WEBHOOK_SECONDS (10), BENCH_WEBHOOK_SENDERS (50), BENCH_WEBHOOK_BURST (5000).
 */
import { Agent } from "undici"
import { WEBHOOK_SECRET } from "../support/context"
import { cpuMs } from "../support/cpu"
import { defineScenario } from "../support/scenario"
import { round, summarize, percentile } from "../support/stats"

const form = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join("&")

export default defineScenario({
  name: "webhook-ingest",
  title: "(d) webhook ingest: 50 concurrent senders, then a 5,000-delivery burst",
  async run(ctx) {
    const seconds = Number(process.env.BENCH_WEBHOOK_SECONDS || 10)
    const senders = Number(process.env.BENCH_WEBHOOK_SENDERS || 50)
    const burstSize = Number(process.env.BENCH_WEBHOOK_BURST || 5000)
    const store = await ctx.store("plugin")
    const sandbox = await ctx.sandbox()
    const url = `${store.url}/hooks/mailchimp?secret=${encodeURIComponent(WEBHOOK_SECRET)}`
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
    const statuses: Record<string, number> = {}
    const send = async (): Promise<number> => {
      const t = performance.now()
      let status = "error"
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: delivery(),
          // @ts-expect-error undici's dispatcher option on Node's fetch
          dispatcher,
        })
        await res.arrayBuffer()
        status = String(res.status)
      } catch (e: any) {
        status = `error: ${e.cause?.code ?? e.message}`
      }
      statuses[status] = (statuses[status] ?? 0) + 1
      return performance.now() - t
    }

    for (let i = 0; i < 20; i++) await send() // warm the route and the connections

    // Steady: closed loop, `senders` at a time.
    ctx.log(`webhook-ingest: ${senders} senders for ${seconds} s …`)
    for (const k of Object.keys(statuses)) delete statuses[k]
    const steady: number[] = []
    const cpu0 = cpuMs(store.process.pid)
    const t0 = performance.now()
    const until = t0 + seconds * 1000
    await Promise.all(
      Array.from({ length: senders }, async () => {
        while (performance.now() < until) steady.push(await send())
      })
    )
    const steadyS = (performance.now() - t0) / 1000
    const steadyCpuPer = (cpuMs(store.process.pid) - cpu0) / steady.length
    const steadyAnswers = { ...statuses }
    for (const k of Object.keys(statuses)) delete statuses[k]

    // Burst: every delivery let go at once.
    ctx.log(`webhook-ingest: burst of ${burstSize} …`)
    const t1 = performance.now()
    const burst = await Promise.all(Array.from({ length: burstSize }, () => send()))
    const burstS = (performance.now() - t1) / 1000
    const burstAnswers = { ...statuses }
    await dispatcher.close()

    // Applied: every stored delivery leaves `received` once its job ran.
    const total = n
    const admin = await ctx.adminToken("plugin")
    const stats = async () => {
      const res = await fetch(`${store.url}/admin/mailchimp/webhook`, { headers: { authorization: `Bearer ${admin}` } })
      return ((await res.json()) as any).webhook.deliveries as { by_status: Record<string, number> }
    }
    const t2 = Date.now()
    let deliveries = await stats()
    while ((deliveries.by_status.received ?? 0) > 0 && Date.now() - t2 < 300_000) {
      await new Promise((r) => setTimeout(r, 500))
      deliveries = await stats()
    }
    const appliedAfterS = round((Date.now() - t2) / 1000, 1)

    const non2xx = (answers: Record<string, number>) =>
      Object.entries(answers).filter(([k]) => !/^2\d\d$/.test(k)).reduce((a, [, v]) => a + v, 0)
    const s = summarize(steady)
    const b = summarize(burst)
    const figures = {
      senders,
      steady_deliveries: steady.length,
      steady_per_s: round(steady.length / steadyS, 1),
      steady_p50_ms: s.p50,
      steady_p99_ms: round(percentile(steady, 99)),
      steady_non_2xx: non2xx(steadyAnswers),
      store_cpu_per_delivery_ms: round(steadyCpuPer, 2),
      burst: burstSize,
      burst_seconds: round(burstS, 2),
      burst_per_s: round(burstSize / burstS, 1),
      burst_p50_ms: b.p50,
      burst_p99_ms: round(percentile(burst, 99)),
      burst_non_2xx: non2xx(burstAnswers),
      stored_by_status: JSON.stringify(deliveries.by_status),
      all_applied_after_s: (deliveries.by_status.received ?? 0) === 0 ? appliedAfterS : null,
    }
    return {
      rows: [
        { load: `${senders} concurrent senders, ${seconds} s`, deliveries: steady.length, "per s": figures.steady_per_s, "p50 ms": s.p50, "p99 ms": figures.steady_p99_ms, "non-2xx": figures.steady_non_2xx },
        { load: `burst of ${burstSize} at once`, deliveries: burstSize, "per s": figures.burst_per_s, "p50 ms": b.p50, "p99 ms": figures.burst_p99_ms, "non-2xx": figures.burst_non_2xx },
      ],
      figures,
      goal: "0 non-2xx answers in the burst",
      met: figures.burst_non_2xx === 0 && figures.steady_non_2xx === 0,
      notes: [
        `answers: steady ${JSON.stringify(steadyAnswers)}, burst ${JSON.stringify(burstAnswers)}`,
        `${total} deliveries stored; stored by status ${figures.stored_by_status}; all applied ${appliedAfterS} s after the burst ended`,
        `store CPU per delivery (steady): ${figures.store_cpu_per_delivery_ms} ms`,
      ],
    }
  },
})
