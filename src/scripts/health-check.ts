import type { ExecArgs } from "@medusajs/framework/types"
import { runHealthCheck } from "../health/run-health-check"

const MARK = { ok: "ok     ", warning: "WARNING", error: "ERROR  " } as const

/**
 * The account health check from the command line, read-only (it writes nothing to Mailchimp or the store):
 *
 *   npx medusa exec ./node_modules/medusa-mailchimp/.medusa/server/src/scripts/health-check.js
 *
 * One line per check (ok / WARNING / ERROR), what is wrong and how to fix it; the exit code is 1 when a check is in
 * error. The API key is never printed (only its data-centre suffix).
 */
export default async function healthCheck({ container }: ExecArgs) {
  const health = await runHealthCheck(container)
  const out: string[] = [`Mailchimp health check, ${health.checked_at}: ${health.status.toUpperCase()}`]
  for (const line of health.lines) {
    out.push(`${MARK[line.status]}  ${line.title}: ${line.detail}`)
    if (line.fix) out.push(`         fix: ${line.fix}`)
  }
  process.stdout.write(out.join("\n") + "\n")
  if (health.status === "error") process.exitCode = 1
}
