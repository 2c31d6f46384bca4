import { startMedusa, stopAllOnSignals } from "../test/support/medusa-process"
import { startSandbox } from "../src/sandbox"
async function main() {
  stopAllOnSignals()
  const sandbox = await startSandbox({ port: 4999, openapiPath: process.env.MAILCHIMP_OPENAPI })
  const store = await startMedusa({
    port: 9100,
    env: {
      DATABASE_URL: process.env.DATABASE_URL,
      MAILCHIMP_API_KEY: sandbox.apiKey,
      MAILCHIMP_API_URL: sandbox.apiBase,
      MAILCHIMP_AUDIENCE_ID: sandbox.audienceId,
      MAILCHIMP_REDIS_URL: "redis://127.0.0.1:6379",
      MAILCHIMP_QUEUE_PREFIX: "{issue4dev}",
      MAILCHIMP_RECONCILE_AFTER_S: "0",
      MAILCHIMP_BACKFILL_BATCH_SIZE: "4",
      MEDUSA_ADMIN_DISABLE: "true",
    },
    logFile: "/tmp/dev-store.log",
  } as any)
  console.log("READY", store.url ?? "http://127.0.0.1:9100", sandbox.url, sandbox.apiKey, sandbox.audienceId)
}
main().catch((e) => { console.error(e); process.exit(1) })
