/**
 * Runs the Mailchimp sandbox on its own: `npm run sandbox`.
 * Port from SANDBOX_PORT (default 4010); strict mode when MAILCHIMP_OPENAPI points at Mailchimp's API description.
 */
import { SANDBOX_AUDIENCE_ID, startSandbox } from "../src"

async function main(): Promise<void> {
  const port = Number(process.env.SANDBOX_PORT ?? 4010)
  const host = process.env.SANDBOX_HOST ?? "127.0.0.1"
  const sandbox = await startSandbox({ port, host })
  const lines = [
    `Mailchimp sandbox listening${sandbox.strict ? " (strict mode: requests and responses checked against Mailchimp's API description)" : ""}`,
    `  API base:     ${sandbox.apiBase}`,
    `  API key:      ${sandbox.apiKey}`,
    `  Audience id:  ${SANDBOX_AUDIENCE_ID}`,
    `  Controls:     ${sandbox.url}/_sandbox/state, /_sandbox/reset, /_sandbox/faults, /_sandbox/requests, /_sandbox/deliveries`,
  ]
  console.log(lines.join("\n"))
  const stop = (signal: string) => {
    console.log(`\n${signal}: stopping the sandbox`)
    void sandbox.close().then(() => process.exit(0))
  }
  process.once("SIGINT", () => stop("SIGINT"))
  process.once("SIGTERM", () => stop("SIGTERM"))
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
