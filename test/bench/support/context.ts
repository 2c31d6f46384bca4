/**
 * What the scenarios share, made on first use and torn down once at the end: the stand-in (own
 * process), a private Redis, the store with the plugin (this repository's medusa-config.ts) and the
 * same store without it (plain-store/medusa-config.ts), each with its own database, seeded the same way.
 */
import fs from "fs"
import os from "os"
import path from "path"
import { freePort, TestRedis } from "../../support/redis-server"
import {
  databaseUrlFor,
  dropDatabase,
  ensureDatabase,
  REPO_ROOT,
  runMedusa,
  startMedusa,
  type RunningMedusa,
} from "../../support/medusa-process"
import type { SeedOnceResult } from "../../support/seed-once"
import { startSandboxProcess, type SandboxProcess } from "./sandbox-process"

export const BENCH_DIR = path.resolve(__dirname, "..")
export const LOG_DIR = path.join(REPO_ROOT, "test-artifacts", "bench")

export const ADMIN_EMAIL = "admin@medusa-mailchimp.test"
export const ADMIN_PASSWORD = "bench-admin-password"
export const WEBHOOK_SECRET = "bench-webhook-secret-0123456789"

/** "plugin-carts-off": the plugin store again, with cart sync off (its own database, queue prefix and Mailchimp store). */
export type StoreKind = "plugin" | "plain" | "plugin-carts-off"

export interface BenchStore {
  kind: StoreKind
  url: string
  process: RunningMedusa
  /** The worker-mode process when BENCH_WORKER_MODE=split (the plugin store only). */
  worker?: RunningMedusa
  seed: SeedOnceResult
  databaseUrl: string
}

/** TestRedis that is also killed when this process exits abruptly. */
class BenchRedis extends TestRedis {
  readonly killSync = () => this.process_?.kill("SIGKILL")
}

export class BenchContext {
  protected sandbox_?: Promise<SandboxProcess>
  protected redis_?: Promise<TestRedis>
  protected stores_: Partial<Record<StoreKind, Promise<BenchStore>>> = {}
  readonly queuePrefix = `{mailchimp-bench-${process.pid}}`
  /**
   * BENCH_WORKER_MODE=split: the plugin store runs as a server process and a worker process sharing a
   * Redis event bus, as a production deployment does; order scenarios then place orders as events.
   */
  readonly split = process.env.BENCH_WORKER_MODE === "split"

  constructor(readonly log: (line: string) => void) {
    fs.mkdirSync(LOG_DIR, { recursive: true })
  }

  sandbox(): Promise<SandboxProcess> {
    this.sandbox_ ??= startSandboxProcess()
    return this.sandbox_
  }

  redis(): Promise<TestRedis> {
    this.redis_ ??= (async () => {
      const redis = new BenchRedis(await freePort())
      process.once("exit", redis.killSync)
      await redis.start()
      return redis
    })()
    return this.redis_
  }

  /** Boots one store (once): database, migrations, seed, `medusa start`. */
  store(kind: StoreKind): Promise<BenchStore> {
    this.stores_[kind] ??= this.bootStore(kind)
    return this.stores_[kind]!
  }

  protected async bootStore(kind: StoreKind): Promise<BenchStore> {
    const withPlugin = kind !== "plain"
    const cwd = withPlugin ? REPO_ROOT : path.join(BENCH_DIR, "plain-store")
    // BENCH_DB_PREFIX: another name for the bench databases (two runs at once must not share them).
    const prefix = (process.env.BENCH_DB_PREFIX || "medusa_mailchimp_bench").replace(/[^a-zA-Z0-9_]/g, "_")
    const databaseUrl = databaseUrlFor(`${prefix}_${kind.replace(/-/g, "_")}`)
    const logFile = path.join(LOG_DIR, `${kind}-store.log`)
    fs.writeFileSync(logFile, `--- npm run bench, ${new Date().toISOString()}\n`)
    const env: Record<string, string | undefined> = {
      DATABASE_URL: databaseUrl,
      NODE_ENV: "production",
      MEDUSA_ADMIN_DISABLE: "true",
      MEDUSA_WORKER_MODE: "shared",
    }
    // BENCH_STORE_NODE_OPTIONS: node options for the stores only (say --max-old-space-size=256, to tell a leak from
    // a heap V8 lets grow because it may).
    if (process.env.BENCH_STORE_NODE_OPTIONS) env.NODE_OPTIONS = process.env.BENCH_STORE_NODE_OPTIONS
    if (withPlugin) {
      const [sandbox, redis] = await Promise.all([this.sandbox(), this.redis()])
      if (this.split) env.EVENT_BUS_REDIS_URL = redis.url
      Object.assign(env, {
        MAILCHIMP_API_KEY: sandbox.apiKey,
        MAILCHIMP_AUDIENCE_ID: sandbox.audienceId,
        MAILCHIMP_API_URL: sandbox.apiBase,
        // The stand-in is plain http on localhost: a production store accepts it only when told so.
        MAILCHIMP_ALLOW_CUSTOM_API_URL: "true",
        MAILCHIMP_REDIS_URL: redis.url,
        MAILCHIMP_QUEUE_PREFIX: this.queuePrefix,
        MAILCHIMP_TAGS: "",
        MAILCHIMP_WEBHOOK_SECRET: WEBHOOK_SECRET,
        // The webhook scenario's no-op POST twin of /hooks/mailchimp (inert in any store without it).
        MAILCHIMP_BENCH_NOOP_ROUTE: "true",
      })
      if (kind === "plugin-carts-off") {
        Object.assign(env, { MAILCHIMP_CART_SYNC: "false", MAILCHIMP_QUEUE_PREFIX: `${this.queuePrefix}-off`, MAILCHIMP_STORE_ID: "bench-carts-off" })
      }
    }
    // A new database each run (about 20 s more than re-using one): the plugin's migrations are
    // regenerated while it is developed, and a re-used database would keep older tables.
    if (process.env.BENCH_REUSE_DB !== "1") await dropDatabase(databaseUrl)
    const created = await ensureDatabase(databaseUrl)
    this.log(`${kind} store: ${created ? "created" : "re-using"} database, migrating …`)
    await runMedusa(["db:migrate"], { cwd, env, logFile, label: `${kind} store` })
    const seedOut = path.join(os.tmpdir(), `medusa-mailchimp-bench-seed-${kind}-${process.pid}.json`)
    await runMedusa(["exec", path.join(REPO_ROOT, "test/support/seed-once.ts")], {
      cwd,
      env: { ...env, SEED_OUTPUT: seedOut, SEED_ADMIN_EMAIL: ADMIN_EMAIL, SEED_ADMIN_PASSWORD: ADMIN_PASSWORD },
      logFile,
      label: `${kind} store seed`,
    })
    const seed = JSON.parse(fs.readFileSync(seedOut, "utf8")) as SeedOnceResult
    fs.rmSync(seedOut, { force: true })
    const port = await freePort()
    this.log(`${kind} store: ${seed.seeded ? "seeded" : "already seeded"}; starting on :${port} …`)
    const split = kind === "plugin" && this.split
    const proc = await startMedusa({ cwd, port, env: split ? { ...env, MEDUSA_WORKER_MODE: "server" } : env, logFile, label: `${kind} store` })
    const worker = split
      ? await startMedusa({
          cwd,
          port: await freePort(),
          // BENCH_WORKER_NODE_OPTIONS: node options for the worker-mode process alone (its heap cap, say).
          env: { ...env, MEDUSA_WORKER_MODE: "worker", ...(process.env.BENCH_WORKER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_WORKER_NODE_OPTIONS } : {}) },
          logFile: path.join(LOG_DIR, `${kind}-worker.log`),
          label: `${kind} worker`,
        })
      : undefined
    if (worker) this.log(`${kind} store: worker process started (BENCH_WORKER_MODE=split)`)
    return { kind, url: `http://127.0.0.1:${port}`, process: proc, worker, seed, databaseUrl }
  }

  /** The env a `medusa exec` against this store's database needs. */
  async execEnv(kind: StoreKind): Promise<Record<string, string | undefined>> {
    const store = await this.store(kind)
    const sandbox = await this.sandbox()
    const redis = await this.redis()
    return {
      DATABASE_URL: store.databaseUrl,
      NODE_ENV: "production",
      MEDUSA_ADMIN_DISABLE: "true",
      MAILCHIMP_API_KEY: sandbox.apiKey,
      MAILCHIMP_AUDIENCE_ID: sandbox.audienceId,
      MAILCHIMP_API_URL: sandbox.apiBase,
      // The stand-in is plain http on localhost: a production store accepts it only when told so.
      MAILCHIMP_ALLOW_CUSTOM_API_URL: "true",
      MAILCHIMP_REDIS_URL: redis.url,
      MAILCHIMP_QUEUE_PREFIX: this.queuePrefix,
      // An exec emits into the event bus the store's processes share; it runs no subscriber or job itself.
      ...(this.split ? { EVENT_BUS_REDIS_URL: redis.url, MEDUSA_WORKER_MODE: "server" } : {}),
    }
  }

  async adminToken(kind: StoreKind): Promise<string> {
    const store = await this.store(kind)
    const res = await fetch(`${store.url}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    })
    const body: any = await res.json()
    if (!body.token) throw new Error(`Admin login failed: ${res.status} ${JSON.stringify(body)}`)
    return body.token
  }

  async close(): Promise<void> {
    const stores = await Promise.allSettled(Object.values(this.stores_))
    await Promise.all(
      stores.flatMap((s) => (s.status === "fulfilled" ? [s.value.process.stop(), s.value.worker?.stop()] : []))
    )
    const [sandbox, redis] = await Promise.allSettled([this.sandbox_, this.redis_])
    if (sandbox.status === "fulfilled") await sandbox.value?.close()
    if (redis.status === "fulfilled") await redis.value?.stop()
  }
}
