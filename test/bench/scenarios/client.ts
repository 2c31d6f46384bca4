/**
 * (c) The plugin's Mailchimp client against Mailchimp's official Node client
 * (@mailchimp/mailchimp_marketing), both making the same member upserts (PUT
 * /lists/{id}/members/{hash}) against the stand-in in its own process (not strict, no faults).
 * Blocks of calls alternate between the two clients; every block upserts the same addresses, so
 * after the warm-up both update existing members.
 *
 * Env: BENCH_CLIENT_CALLS (calls per client and concurrency, default 400), BENCH_CLIENT_BLOCK (50).
 */
import { MailchimpClient, subscriberHash } from "../../../src/mailchimp"
import { defineScenario, type Row } from "../support/scenario"
import { ratio, round, summarize } from "../support/stats"

type Upsert = (email: string) => Promise<unknown>

// The official client is a singleton configured through setConfig; its base URL is the `basePath`
// property of that ApiClient instance ("https://server.api.mailchimp.com/3.0", "server" replaced by
// config.server in buildUrl), so pointing it at the stand-in means overwriting basePath.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const officialModule = () => require("@mailchimp/mailchimp_marketing")

export default defineScenario({
  name: "client",
  title: "(c) member upsert: the plugin's MailchimpClient vs @mailchimp/mailchimp_marketing (stand-in)",
  async run(ctx) {
    const callsPer = Number(process.env.BENCH_CLIENT_CALLS || 400)
    const block = Number(process.env.BENCH_CLIENT_BLOCK || 50)
    const sandbox = await ctx.sandbox()
    await sandbox.control.clearFaults()

    const plugin = new MailchimpClient({ apiKey: sandbox.apiKey, apiUrl: sandbox.apiBase })
    const official = officialModule()
    official.setConfig({ apiKey: sandbox.apiKey, server: sandbox.apiKey.split("-")[1] })
    official.basePath = sandbox.apiBase
    const listId = sandbox.audienceId
    const body = (email: string) => ({
      email_address: email,
      status_if_new: "subscribed" as const,
      status: "subscribed" as const,
      merge_fields: { FNAME: "Bench", LNAME: "Client" },
    })
    const clients: Record<"plugin" | "official", Upsert> = {
      plugin: (email) => plugin.members.upsert(listId, subscriberHash(email), body(email)),
      official: (email) => official.lists.setListMember(listId, subscriberHash(email), body(email)),
    }
    const runId = Date.now().toString(36)
    const emails = Array.from({ length: block }, (_, i) => `bench-c-${runId}-${i}@example.com`)

    /** `total` calls, `concurrency` at a time; returns per-call latencies and the wall time. */
    const runBlock = async (upsert: Upsert, concurrency: number, total: number) => {
      const latencies: number[] = []
      let next = 0
      let errors = 0
      const started = performance.now()
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < total) {
            const email = emails[next++ % emails.length]
            const t = performance.now()
            try {
              await upsert(email)
              latencies.push(performance.now() - t)
            } catch {
              errors++
            }
          }
        })
      )
      return { latencies, wallMs: performance.now() - started, errors }
    }

    const rows: Row[] = []
    const figures: Record<string, number> = {}
    const details: Record<string, unknown> = {}
    for (const concurrency of [1, 10]) {
      // Warm-up: connections, JIT, and the members exist from here on.
      for (const name of ["plugin", "official"] as const) await runBlock(clients[name], concurrency, block)
      const acc = {
        plugin: { latencies: [] as number[], wallMs: 0, calls: 0, errors: 0 },
        official: { latencies: [] as number[], wallMs: 0, calls: 0, errors: 0 },
      }
      for (let done = 0, i = 0; done < callsPer; done += block, i++) {
        const order = i % 2 === 0 ? (["plugin", "official"] as const) : (["official", "plugin"] as const)
        for (const name of order) {
          const r = await runBlock(clients[name], concurrency, block)
          acc[name].latencies.push(...r.latencies)
          acc[name].wallMs += r.wallMs
          acc[name].calls += block
          acc[name].errors += r.errors
        }
      }
      const s = { plugin: summarize(acc.plugin.latencies), official: summarize(acc.official.latencies) }
      const perCall = {
        plugin: acc.plugin.wallMs / acc.plugin.calls,
        official: acc.official.wallMs / acc.official.calls,
      }
      for (const name of ["plugin", "official"] as const) {
        rows.push({
          client: `${name === "plugin" ? "plugin MailchimpClient" : "@mailchimp/mailchimp_marketing"}, concurrency ${concurrency}`,
          calls: acc[name].calls,
          "p50 ms": round(s[name].p50, 2),
          "p95 ms": round(s[name].p95, 2),
          "wall ms/call": round(perCall[name], 3),
          "calls/s": round(1000 / perCall[name], 0),
          errors: acc[name].errors,
          "ratio p50": name === "plugin" ? ratio(s.plugin.p50, s.official.p50) : 1,
          "ratio ms/call": name === "plugin" ? ratio(perCall.plugin, perCall.official) : 1,
        })
      }
      figures[`c${concurrency}_plugin_p50_ms`] = round(s.plugin.p50, 2)
      figures[`c${concurrency}_official_p50_ms`] = round(s.official.p50, 2)
      figures[`c${concurrency}_plugin_ms_per_call`] = round(perCall.plugin, 3)
      figures[`c${concurrency}_official_ms_per_call`] = round(perCall.official, 3)
      figures[`c${concurrency}_ratio_p50`] = ratio(s.plugin.p50, s.official.p50)
      figures[`c${concurrency}_ratio_ms_per_call`] = ratio(perCall.plugin, perCall.official)
      figures[`c${concurrency}_errors`] = acc.plugin.errors + acc.official.errors
      details[`concurrency_${concurrency}`] = { plugin: s.plugin, official: s.official, perCall }
    }
    await plugin.close()
    return {
      rows,
      figures,
      notes: [
        "ratio = plugin ÷ official (below 1: the plugin's client is faster); wall ms/call = block wall time ÷ calls",
      ],
      details,
    }
  },
})
