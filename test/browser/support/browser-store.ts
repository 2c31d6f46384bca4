/**
 * The store the browser tests drive: what `npm run demo` runs (a seeded Medusa store with its admin,
 * the Mailchimp stand-in, the storefront checkout page), on free ports, with its own database and
 * its own Redis, so that it never meets a demo or another test run.
 *
 * The admin is served by the store itself in development mode (Vite compiles src/admin on the fly),
 * the way a merchant sees the plugin's screens after installing it.
 */
import crypto from "crypto"
import fs from "fs"
import os from "os"
import path from "path"
import { startStorefront, type RunningStorefront } from "../../../demo/storefront/serve"
import { startSandbox, type RunningSandbox } from "@medusa-mailchimp/sandbox"
import {
  databaseUrlFor,
  dropDatabase,
  ensureDatabase,
  REPO_ROOT,
  runMedusa,
  startMedusa,
  type RunningMedusa,
} from "../../support/medusa-process"
import { freePort, TestRedis } from "../../support/redis-server"
import type { SeedOnceResult } from "../../support/seed-once"

export const ADMIN_EMAIL = "admin@medusa-mailchimp.test"

export type BrowserStore = {
  storeUrl: string
  adminUrl: string
  storefrontUrl: string
  adminEmail: string
  adminPassword: string
  sandbox: RunningSandbox
  seed: SeedOnceResult
  logFile: string
  /** The store's environment (database, Redis, queue prefix, Mailchimp), for a `medusa exec` against it. */
  env: Record<string, string>
  stop(): Promise<void>
}

export async function startBrowserStore(name: string, env: Record<string, string> = {}): Promise<BrowserStore> {
  const stops: (() => Promise<unknown>)[] = []
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined)
  }
  try {
    const sandbox = await startSandbox({ openapiPath: process.env.MAILCHIMP_OPENAPI, webhookRetryDelaysMs: [100, 500] })
    stops.push(async () => sandbox.close())
    const redis = new TestRedis(await freePort())
    await redis.start()
    stops.push(() => redis.stop())

    const port = await freePort()
    const storeUrl = `http://localhost:${port}`
    const databaseUrl = process.env.BROWSER_DATABASE_URL || databaseUrlFor(`mc_browser_${name}_${process.pid}`)
    await dropDatabase(databaseUrl)
    await ensureDatabase(databaseUrl)
    stops.push(() => dropDatabase(databaseUrl))

    const logFile = path.join(REPO_ROOT, "test-artifacts", `${name}-store.log`)
    fs.mkdirSync(path.dirname(logFile), { recursive: true })
    fs.writeFileSync(logFile, "")
    const storeEnv: Record<string, string> = {
      DATABASE_URL: databaseUrl,
      // Development: the store serves its admin through Vite, src/admin included.
      NODE_ENV: "development",
      MAILCHIMP_API_KEY: sandbox.apiKey,
      MAILCHIMP_API_URL: sandbox.apiBase,
      MAILCHIMP_AUDIENCE_ID: sandbox.audienceId,
      MAILCHIMP_REDIS_URL: redis.url,
      MAILCHIMP_QUEUE_PREFIX: `{mc-browser-${process.pid}}`,
      MAILCHIMP_RETRY_BASE_MS: "50",
      MAILCHIMP_WEBHOOK_SECRET: crypto.randomBytes(16).toString("hex"),
      MAILCHIMP_WEBHOOK_BASE_URL: storeUrl,
      ...env,
    }
    await runMedusa(["db:migrate"], { env: storeEnv, logFile, label: `${name} migrate` })
    const adminPassword = crypto.randomBytes(9).toString("base64url")
    const seedOut = path.join(os.tmpdir(), `medusa-mailchimp-browser-seed-${process.pid}.json`)
    await runMedusa(["exec", "./test/support/seed-once.ts"], {
      env: { ...storeEnv, SEED_OUTPUT: seedOut, SEED_ADMIN_EMAIL: ADMIN_EMAIL, SEED_ADMIN_PASSWORD: adminPassword },
      logFile,
      label: `${name} seed`,
    })
    const seed = JSON.parse(fs.readFileSync(seedOut, "utf8")) as SeedOnceResult
    fs.rmSync(seedOut, { force: true })

    // The storefront listens before the store starts (its port goes in the store's CORS origins); a port
    // found free can be taken by another process before it listens, so it tries another one then.
    let storefront: RunningStorefront | undefined
    for (let attempt = 1; !storefront; attempt++) {
      try {
        storefront = await startStorefront(
          { storeUrl, publishableKey: seed.publishableKey, regionId: seed.regionId, variantId: seed.variantIds[0] },
          { port: await freePort() }
        )
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EADDRINUSE" || attempt >= 5) throw e
      }
    }
    const running = storefront
    stops.push(() => running.close())
    const storefrontPort = new URL(storefront.url).port
    const origins = [storeUrl, `http://127.0.0.1:${port}`, `http://localhost:${storefrontPort}`, `http://127.0.0.1:${storefrontPort}`].join(",")
    const store: RunningMedusa = await startMedusa({
      port,
      command: "start",
      env: { STORE_CORS: origins, ADMIN_CORS: origins, AUTH_CORS: origins, ...storeEnv },
      logFile,
      label: `${name} store`,
    })
    stops.push(() => store.stop())

    return {
      storeUrl,
      adminUrl: `${storeUrl}/app`,
      storefrontUrl: storefront.url,
      adminEmail: ADMIN_EMAIL,
      adminPassword,
      sandbox,
      seed,
      logFile,
      env: storeEnv,
      stop,
    }
  } catch (e) {
    await stop()
    throw e
  }
}
