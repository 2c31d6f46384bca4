/**
 * A store run as production runs it: one `medusa start` in server mode (HTTP only) and one in worker mode
 * (subscribers, scheduled jobs, the plugin's queue worker), sharing PostgreSQL, a Redis event bus and the
 * plugin's Redis. An order placed with the box ticked on the server is written to Mailchimp by the worker
 * process, and the server process starts no Mailchimp worker (docs/architecture.md, "Where the worker runs").
 */
import { Queue } from "bullmq"
import path from "path"
import fs from "fs"
import os from "os"
import { startSandbox, type RunningSandbox } from "@medusa-mailchimp/sandbox"
import { QUEUE_NAME } from "../../src/modules/mailchimp/queue-runtime/queue"
import { databaseUrlFor, dropDatabase, ensureDatabase, REPO_ROOT, runMedusa, startMedusa, type RunningMedusa } from "../support/medusa-process"
import { freePort, TestRedis, waitFor } from "../support/redis-server"
import { SandboxControl } from "../support/sandbox-control"
import type { SeedOnceResult } from "../support/seed-once"
import { checkout, StoreClient } from "../support/store-client"
import { testDbName } from "../support/test-db"

jest.setTimeout(240_000)

const QUEUE_PREFIX = "{mailchimp-split}"
const LOG_DIR = path.join(REPO_ROOT, "test-artifacts", "split-mode")

let sandbox: RunningSandbox
let control: SandboxControl
let redis: TestRedis
let databaseUrl: string
let seed: SeedOnceResult
let server: RunningMedusa
let worker: RunningMedusa

beforeAll(async () => {
  sandbox = await startSandbox({ openapiPath: process.env.MAILCHIMP_OPENAPI })
  control = new SandboxControl(sandbox.url)
  redis = new TestRedis(await freePort())
  await redis.start()
  databaseUrl = databaseUrlFor(testDbName("split"))
  await dropDatabase(databaseUrl)
  await ensureDatabase(databaseUrl)
  const env = {
    DATABASE_URL: databaseUrl,
    NODE_ENV: "production",
    // The children are plain Node processes: none of jest's flags or its 8 GB heap.
    NODE_OPTIONS: "",
    MEDUSA_ADMIN_DISABLE: "true",
    // Medusa's events through Redis: the server emits order.placed, the worker's subscribers receive it.
    EVENT_BUS_REDIS_URL: redis.url,
    MAILCHIMP_API_KEY: sandbox.apiKey,
    MAILCHIMP_AUDIENCE_ID: sandbox.audienceId,
    MAILCHIMP_API_URL: sandbox.apiBase,
    // The stand-in is plain http on localhost: a production store accepts it only when told so.
    MAILCHIMP_ALLOW_CUSTOM_API_URL: "true",
    MAILCHIMP_REDIS_URL: redis.url,
    MAILCHIMP_QUEUE_PREFIX: QUEUE_PREFIX,
    MAILCHIMP_TAGS: "",
  }
  await runMedusa(["db:migrate"], { env, label: "split store" })
  const seedOut = path.join(os.tmpdir(), `medusa-mailchimp-split-seed-${process.pid}.json`)
  await runMedusa(["exec", path.join(REPO_ROOT, "test/support/seed-once.ts")], { env: { ...env, SEED_OUTPUT: seedOut }, label: "split seed" })
  seed = JSON.parse(fs.readFileSync(seedOut, "utf8"))
  fs.rmSync(seedOut, { force: true })
  // Each process's output, for when this fails.
  fs.mkdirSync(LOG_DIR, { recursive: true })
  const logFile = (name: string) => {
    const file = path.join(LOG_DIR, `${name}.log`)
    fs.writeFileSync(file, "")
    return file
  }
  ;[server, worker] = await Promise.all([
    startMedusa({ port: await freePort(), env: { ...env, MEDUSA_WORKER_MODE: "server" }, label: "server process", logFile: logFile("server") }),
    startMedusa({ port: await freePort(), env: { ...env, MEDUSA_WORKER_MODE: "worker" }, label: "worker process", logFile: logFile("worker") }),
  ])
})

afterAll(async () => {
  await Promise.all([server?.stop(), worker?.stop()])
  await redis?.stop()
  await sandbox?.close()
  if (databaseUrl) await dropDatabase(databaseUrl).catch(() => undefined)
})

/**
 * The stand-in runs in this process, which is busy checking the two stores' calls in strict mode: a poll may find
 * its kept-alive socket closed under it ("other side closed"). Asked again, as a person refreshing would.
 */
async function memberOf(email: string): Promise<any> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await control.member(sandbox.audienceId, email)
    } catch (e) {
      if (attempt >= 3 || !/fetch failed/.test((e as Error).message)) throw e
    }
  }
}

describe("split mode: a server process and a worker process", () => {
  it("each process says whether it runs the Mailchimp worker: the server does not, the worker does", async () => {
    // Logged in onApplicationStart, before /health answers (startMedusa waits for it).
    expect(server.output()).toContain("medusa-mailchimp: worker: false")
    expect(server.output()).not.toContain("medusa-mailchimp: worker: true")
    expect(worker.output()).toContain("medusa-mailchimp: worker: true")
  })

  it("exactly one BullMQ worker serves the plugin's queue: the worker process's", async () => {
    const queue = new Queue(QUEUE_NAME, { connection: { url: redis.url } as any, prefix: QUEUE_PREFIX })
    try {
      expect(await queue.getWorkersCount()).toBe(1)
    } finally {
      await queue.close()
    }
  })

  it("an order placed with the box ticked on the server is written to Mailchimp by the worker process", async () => {
    const email = `split-${Date.now()}@example.com`
    const shop = new StoreClient(server.url, seed.publishableKey)
    await checkout(shop, { regionId: seed.regionId, variantId: seed.variantIds[0], email, firstName: "Ada", optIn: "route" })
    await waitFor(async () => (await memberOf(email))?.status === "subscribed", 90_000, 250)
    const member = await memberOf(email)
    expect(member).toEqual(expect.objectContaining({ status: "subscribed", merge_fields: expect.objectContaining({ FNAME: "Ada" }) }))
  })
})
