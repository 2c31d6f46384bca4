/**
 * `npm run bench [-- NAME …]`: runs the benchmark scenarios (every file in test/bench/scenarios/, or
 * the ones named), prints one table per scenario and writes test/bench/results.json.
 * `npm run bench -- --list` lists the scenarios. Figures are measured side by side in one run.
 *
 * Processes it starts (the stand-in, a private Redis, Medusa stores) are stopped at the end, on
 * failure and on Ctrl-C. Store logs: test-artifacts/bench/*.log.
 * Env: BENCH_REUSE_DB=1 keeps the bench databases of the last run (default: new ones); BENCH_DB_PREFIX
 * names them (default medusa_mailchimp_bench: <prefix>_plugin, <prefix>_plain); each scenario
 * documents its own knobs.
 */
import fs from "fs"
import os from "os"
import path from "path"
import { stopAllOnSignals } from "../support/medusa-process"
import { BenchContext, LOG_DIR } from "./support/context"
import type { Row, Scenario, ScenarioResult } from "./support/scenario"

const SCENARIO_DIR = path.join(__dirname, "scenarios")
const RESULTS_FILE = path.join(__dirname, "results.json")

function loadScenarios(): Scenario[] {
  return fs
    .readdirSync(SCENARIO_DIR)
    .filter((f) => /\.ts$/.test(f) && !f.endsWith(".d.ts"))
    .sort()
    .map((f) => require(path.join(SCENARIO_DIR, f)).default as Scenario)
    .filter((s) => s && typeof s.run === "function")
}

const started = Date.now()
const log = (line: string) => console.log(`[bench +${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`)

function table(rows: Row[]): string {
  if (!rows.length) return "(no rows)"
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))]
  const cell = (v: unknown) => (v === null || v === undefined ? "–" : typeof v === "number" && Number.isNaN(v) ? "–" : String(v))
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)))
  const line = (vals: string[]) =>
    vals.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join("  ")
  return [line(cols), line(widths.map((w) => "-".repeat(w))), ...rows.map((r) => line(cols.map((c) => cell(r[c]))))].join("\n")
}

let ctx: BenchContext | undefined
const stop = stopAllOnSignals(async () => {
  await ctx?.close()
})

async function main(): Promise<number> {
  const all = loadScenarios()
  const args = process.argv.slice(2)
  if (args.includes("--list")) {
    for (const s of all) console.log(`${s.name.padEnd(18)} ${s.title}`)
    return 0
  }
  const names = args.filter((a) => !a.startsWith("--"))
  const unknown = names.filter((n) => !all.some((s) => s.name === n))
  if (unknown.length) {
    console.error(`Unknown scenario(s): ${unknown.join(", ")}. Known: ${all.map((s) => s.name).join(", ")}`)
    return 2
  }
  const selected = names.length ? all.filter((s) => names.includes(s.name)) : all
  delete process.env.MAILCHIMP_OPENAPI // the stand-in is never strict here

  ctx = new BenchContext(log)
  const results: Record<string, (ScenarioResult & { title: string; seconds: number }) | { title: string; error: string }> = {}
  for (const scenario of selected) {
    log(`${scenario.name}: ${scenario.title}`)
    const t = Date.now()
    try {
      const result = await scenario.run(ctx)
      results[scenario.name] = { title: scenario.title, seconds: Math.round((Date.now() - t) / 1000), ...result }
    } catch (e) {
      console.error(e)
      results[scenario.name] = { title: scenario.title, error: e instanceof Error ? e.message : String(e) }
    }
  }
  await ctx.close()
  ctx = undefined

  console.log("")
  for (const [name, r] of Object.entries(results)) {
    console.log(`== ${name}: ${r.title}`)
    if ("error" in r) {
      console.log(`FAILED: ${r.error}\n`)
      continue
    }
    console.log(table(r.rows))
    for (const note of r.notes ?? []) console.log(`  · ${note}`)
    if (r.goal) console.log(`  goal: ${r.goal} → ${r.met ? "met" : "NOT met"}`)
    console.log("")
  }
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100), node: process.version }
  const previous = fs.existsSync(RESULTS_FILE) ? safeJson(fs.readFileSync(RESULTS_FILE, "utf8")) : undefined
  const merged = {
    ...(previous && typeof previous === "object" ? previous : {}),
    updatedAt: new Date().toISOString(),
    machine,
    scenarios: { ...(previous?.scenarios ?? {}), ...stamp(results) },
  }
  fs.writeFileSync(RESULTS_FILE, JSON.stringify(merged, null, 2) + "\n")
  console.log(`Results: ${path.relative(process.cwd(), RESULTS_FILE)} · store logs: ${path.relative(process.cwd(), LOG_DIR)}/`)
  return Object.values(results).some((r) => "error" in r) ? 1 : 0
}

function stamp(results: Record<string, object>) {
  const at = new Date().toISOString()
  return Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { measuredAt: at, ...v }]))
}

function safeJson(text: string): any {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

main().then(
  (code) => stop(code),
  (e) => {
    console.error(e)
    void stop(1)
  }
)
