/**
 * `npm run demo`: a Medusa store on :9000 with the plugin, seeded, with its admin, wired to the built-in
 * Mailchimp stand-in (or to Mailchimp itself when MAILCHIMP_API_KEY is set). Ctrl-C stops everything.
 *
 * Environment (all optional):
 *   MAILCHIMP_API_KEY, MAILCHIMP_AUDIENCE_ID   use the real Mailchimp instead of the stand-in
 *   MAILCHIMP_API_URL                          where the store sends its Mailchimp calls (e.g. a proxy
 *                                              in front of the stand-in, which still runs)
 *   SANDBOX_PORT (4010), SANDBOX_HOST          the stand-in's address; MAILCHIMP_OPENAPI turns on strict mode
 *   DEMO_PORT (9000)                           the store's port
 *   STOREFRONT_PORT (8000)                     the demo checkout page (the plugin's storefront export)
 *   MAILCHIMP_WEBHOOK_SECRET                   the webhook URL's secret (default: a new random one each run)
 *   MAILCHIMP_WEBHOOK_BASE_URL                 the store's public URL for the webhook (default: the store's URL)
 *   DEMO_DATABASE_URL                          default postgres://postgres@localhost:5432/medusa_mailchimp_demo
 *                                              (DB_HOST, DB_PORT, DB_USERNAME, DB_PASSWORD are honoured)
 *   DEMO_RESET=1                               drop the demo database first (done by itself when the
 *                                              default database ran plugin migrations that were since
 *                                              regenerated under another name)
 *   DEMO_ADMIN_PASSWORD                        the admin's password (default: a new random one each run)
 *   DEMO_WATCH=1                               `medusa develop` (restarts on file changes) instead of `medusa start`
 *   DEMO_VERBOSE=1                             print the store's log here too (it always goes to .demo-store.log)
 *   Anything else (MAILCHIMP_TAGS, MAILCHIMP_REDIS_URL, …) passes through to the store.
 */
import crypto from "crypto"
import fs from "fs"
import net from "net"
import os from "os"
import path from "path"
import { startSandbox, type RunningSandbox } from "@medusa-mailchimp/sandbox"
import { webhookUrl as hookUrl } from "../src/modules/mailchimp/webhooks/webhook-url"
import { startStorefront, type RunningStorefront } from "./storefront/serve"
import {
  databaseUrlFor,
  dropDatabase,
  ensureDatabase,
  redactUrl,
  REPO_ROOT,
  runMedusa,
  startMedusa,
  stopAllOnSignals,
  unknownAppliedMigrations,
  type RunningMedusa,
} from "../test/support/medusa-process"
import type { SeedOnceResult } from "../test/support/seed-once"

export const DEMO_FILE = path.join(REPO_ROOT, ".demo.json")
const LOG_FILE = path.join(REPO_ROOT, ".demo-store.log")
const ADMIN_EMAIL = "admin@medusa-mailchimp.test"

export type DemoInfo = {
  storeUrl: string
  adminUrl: string
  publishableKey: string
  adminEmail: string
  adminPassword: string
  /** The stand-in's API base (…/3.0); null when the demo talks to the real Mailchimp. */
  sandboxUrl: string | null
  apiKey: string
  audienceId: string
  /** Where Mailchimp delivers its webhooks (secret included); registered with the audience at start. */
  webhookUrl: string | null
  storefrontUrl: string | null
  // Extras
  sandboxControlUrl: string | null
  storeMailchimpApiUrl: string
  regionId: string
  variantId: string
  databaseUrl: string
  logFile: string
  pid: number
  startedAt: string
}

function log(message: string) {
  console.log(`[demo] ${message}`)
}

function redisUrl(): string {
  return process.env.MAILCHIMP_REDIS_URL || process.env.REDIS_URL || "redis://127.0.0.1:6379"
}

async function checkRedis(url: string): Promise<void> {
  const u = new URL(url)
  const port = Number(u.port || 6379)
  const host = u.hostname || "127.0.0.1"
  const ok = await new Promise<boolean>((resolve) => {
    const socket = net.connect(port, host)
    socket.setTimeout(2_000, () => (socket.destroy(), resolve(false)))
    socket.once("connect", () => (socket.destroy(), resolve(true)))
    socket.once("error", () => resolve(false))
  })
  if (!ok) throw new Error(`Redis is not reachable at ${host}:${port} (MAILCHIMP_REDIS_URL / REDIS_URL). Start it first.`)
}

function mask(key: string): string {
  const [secret, dc] = key.split("-")
  return `${"*".repeat(Math.max(0, secret.length - 4))}${secret.slice(-4)}${dc ? `-${dc}` : ""}`
}

let sandbox: RunningSandbox | undefined
let store: RunningMedusa | undefined
let storefront: RunningStorefront | undefined
let stopping = false
const stop = stopAllOnSignals(async () => {
  stopping = true
  log("stopping …")
  await storefront?.close()
  await store?.stop()
  await sandbox?.close()
  fs.rmSync(DEMO_FILE, { force: true })
  log("stopped")
})

async function main(): Promise<void> {
  fs.rmSync(DEMO_FILE, { force: true })

  const port = Number(process.env.DEMO_PORT || 9000)
  const storeUrl = `http://localhost:${port}`
  const storefrontPort = Number(process.env.STOREFRONT_PORT || 8000)

  // Mailchimp: the real one, or the stand-in in this process.
  const realKey = process.env.MAILCHIMP_API_KEY
  let apiKey: string
  let audienceId: string
  if (realKey) {
    if (!process.env.MAILCHIMP_AUDIENCE_ID) throw new Error("MAILCHIMP_API_KEY is set: set MAILCHIMP_AUDIENCE_ID too")
    apiKey = realKey
    audienceId = process.env.MAILCHIMP_AUDIENCE_ID
    log(`Mailchimp: the real API (key ${mask(realKey)}, audience ${audienceId})`)
  } else {
    sandbox = await startSandbox({
      port: Number(process.env.SANDBOX_PORT || 4010),
      host: process.env.SANDBOX_HOST || "127.0.0.1",
    })
    apiKey = sandbox.apiKey
    audienceId = process.env.MAILCHIMP_AUDIENCE_ID || sandbox.audienceId
    log(`Mailchimp stand-in on ${sandbox.apiBase}${sandbox.strict ? " (strict mode)" : ""}`)
  }
  const storeMailchimpApiUrl = process.env.MAILCHIMP_API_URL || sandbox?.apiBase || "(Mailchimp, from the key's data centre)"
  if (process.env.MAILCHIMP_API_URL) log(`The store sends its Mailchimp calls to ${process.env.MAILCHIMP_API_URL}`)

  await checkRedis(redisUrl())

  const databaseUrl = process.env.DEMO_DATABASE_URL || databaseUrlFor("medusa_mailchimp_demo")
  let reset = process.env.DEMO_RESET === "1"
  if (!reset && !(await ensureDatabase(databaseUrl))) {
    // The plugin's migrations are regenerated while it is developed: a database migrated with an
    // older file keeps the older tables, and the checkout would fail on a missing column.
    const stale = await unknownAppliedMigrations(databaseUrl)
    if (stale.length && !process.env.DEMO_DATABASE_URL) {
      log(`the demo database ran migrations that no longer exist (${stale.join(", ")}): starting it over`)
      reset = true
    } else if (stale.length) {
      log(`WARNING: the database ran migrations that no longer exist (${stale.join(", ")}); its schema may be out of date`)
    }
  }
  if (reset) {
    log(`dropping ${redactUrl(databaseUrl)}`)
    await dropDatabase(databaseUrl)
  }
  const created = await ensureDatabase(databaseUrl)
  log(`${created ? "created" : "using"} database ${redactUrl(databaseUrl)}`)

  const adminPassword = process.env.DEMO_ADMIN_PASSWORD || crypto.randomBytes(9).toString("base64url")
  const corsOrigins = [storefrontPort, port].flatMap((p) => [`http://localhost:${p}`, `http://127.0.0.1:${p}`]).join(",")
  const webhookSecret = process.env.MAILCHIMP_WEBHOOK_SECRET || crypto.randomBytes(16).toString("hex")
  const env = {
    DATABASE_URL: databaseUrl,
    NODE_ENV: process.env.NODE_ENV || "development",
    MAILCHIMP_API_KEY: apiKey,
    MAILCHIMP_AUDIENCE_ID: audienceId,
    MAILCHIMP_API_URL: process.env.MAILCHIMP_API_URL || sandbox?.apiBase,
    MAILCHIMP_QUEUE_PREFIX: process.env.MAILCHIMP_QUEUE_PREFIX || "{mailchimp-demo}",
    MAILCHIMP_WEBHOOK_SECRET: webhookSecret,
    MAILCHIMP_WEBHOOK_BASE_URL: process.env.MAILCHIMP_WEBHOOK_BASE_URL || storeUrl,
    STORE_CORS: process.env.STORE_CORS || corsOrigins,
    ADMIN_CORS: process.env.ADMIN_CORS || corsOrigins,
    AUTH_CORS: process.env.AUTH_CORS || corsOrigins,
  }
  fs.writeFileSync(LOG_FILE, `--- npm run demo, ${new Date().toISOString()}\n`)

  log("migrating (about 20 s) …")
  await runMedusa(["db:migrate"], { env, logFile: LOG_FILE, label: "demo" })

  log("seeding (once) and setting up the admin user …")
  const seedOut = path.join(os.tmpdir(), `medusa-mailchimp-demo-seed-${process.pid}.json`)
  await runMedusa(["exec", "./test/support/seed-once.ts"], {
    env: { ...env, SEED_OUTPUT: seedOut, SEED_ADMIN_EMAIL: ADMIN_EMAIL, SEED_ADMIN_PASSWORD: adminPassword },
    logFile: LOG_FILE,
    label: "demo seed",
  })
  const seed = JSON.parse(fs.readFileSync(seedOut, "utf8")) as SeedOnceResult
  fs.rmSync(seedOut, { force: true })
  log(seed.seeded ? "seeded the store" : "the store was seeded already")

  const command = process.env.DEMO_WATCH === "1" ? "develop" : "start"
  log(`starting the store (medusa ${command}, log in ${path.relative(process.cwd(), LOG_FILE) || LOG_FILE}) …`)
  store = await startMedusa({
    port,
    command,
    env,
    logFile: LOG_FILE,
    label: "demo store",
    echo: process.env.DEMO_VERBOSE === "1" ? (line) => console.log(`[store] ${line}`) : undefined,
  })
  void store.exited.then((code) => {
    if (stopping) return
    console.error(`[demo] the store exited (code ${code}); see ${LOG_FILE}`)
    void stop(1)
  })

  const webhookUrl = await registerWebhook(
    storeUrl,
    adminPassword,
    hookUrl({ webhookBaseUrl: env.MAILCHIMP_WEBHOOK_BASE_URL, webhookSecret: env.MAILCHIMP_WEBHOOK_SECRET })
  )
  if (!process.env.DEMO_NO_STOREFRONT) {
    storefront = await startStorefront(
      { storeUrl, publishableKey: seed.publishableKey, regionId: seed.regionId, variantId: seed.variantIds[0] },
      { port: storefrontPort }
    )
  }

  const info: DemoInfo = {
    storeUrl,
    adminUrl: `${storeUrl}/app`,
    publishableKey: seed.publishableKey,
    adminEmail: ADMIN_EMAIL,
    adminPassword,
    sandboxUrl: sandbox?.apiBase ?? null,
    apiKey: realKey ? mask(realKey) : apiKey,
    audienceId,
    webhookUrl,
    storefrontUrl: storefront?.url ?? null,
    sandboxControlUrl: sandbox ? `${sandbox.url}/_sandbox` : null,
    storeMailchimpApiUrl,
    regionId: seed.regionId,
    variantId: seed.variantIds[0],
    databaseUrl: redactUrl(databaseUrl),
    logFile: LOG_FILE,
    pid: process.pid,
    startedAt: new Date().toISOString(),
  }
  fs.writeFileSync(DEMO_FILE, JSON.stringify(info, null, 2) + "\n")

  const rel = path.relative(process.cwd(), path.join(REPO_ROOT, "demo/place-order.ts")) || "demo/place-order.ts"
  const lines = [
    "",
    "medusa-mailchimp demo is running",
    `  Store API        ${info.storeUrl}   (x-publishable-api-key: ${info.publishableKey})`,
    `  Admin            ${info.adminUrl}`,
    `  Admin login      ${info.adminEmail} / ${info.adminPassword}`,
    sandbox
      ? `  Mailchimp        stand-in ${info.sandboxUrl}  (key ${info.apiKey}, audience ${info.audienceId})`
      : `  Mailchimp        real API (key ${info.apiKey}, audience ${info.audienceId})`,
    ...(sandbox ? [`  Stand-in state   ${info.sandboxControlUrl}/state`] : []),
    `  Webhook          ${info.webhookUrl ? "registered with the audience" : "not registered (see the store log)"}`,
    ...(info.storefrontUrl ? [`  Checkout page    ${info.storefrontUrl}`] : []),
    `  Written to       ${DEMO_FILE}`,
    "",
    "Place a test order with the newsletter box ticked:",
    `  node -r @swc-node/register ${rel} shopper@example.com`,
    "",
    "Ctrl-C stops the store and the stand-in.",
    "",
  ]
  console.log(lines.join("\n"))
}

/** Registers the audience's webhook through the plugin's admin route, as the settings screen's button does. */
async function registerWebhook(storeUrl: string, password: string, url: string | null): Promise<string | null> {
  try {
    const login = await fetch(`${storeUrl}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: ADMIN_EMAIL, password }),
    })
    const { token } = (await login.json()) as { token?: string }
    const res = await fetch(`${storeUrl}/admin/mailchimp/webhook`, { method: "POST", headers: { authorization: `Bearer ${token}` } })
    if (!res.ok) throw new Error(`${res.status} ${(await res.text()).slice(0, 200)}`)
    return url
  } catch (e) {
    log(`could not register the webhook: ${e instanceof Error ? e.message : e}`)
    return null
  }
}

main().catch((err) => {
  console.error(`[demo] ${err instanceof Error ? err.message : err}`)
  void stop(1)
})
