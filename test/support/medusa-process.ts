/**
 * Medusa as child processes, for the demo and the benchmarks: create a database, run a `medusa` CLI
 * command to completion, boot a store and wait for GET /health, and stop everything again.
 *
 * Each child runs in its own process group (detached) so that stopping it also stops whatever it
 * forked (`medusa develop` forks `medusa start`). Every child still running when this process exits
 * — normally, on an uncaught error, or on SIGINT/SIGTERM through `stopAllOnSignals` — is killed.
 */
import { ChildProcess, spawn } from "child_process"
import fs from "fs"
import net from "net"
import path from "path"
import { testDbSettings } from "./test-env"

export const REPO_ROOT = path.resolve(__dirname, "../..")
const MEDUSA_CLI = require.resolve("@medusajs/cli/cli.js", { paths: [REPO_ROOT] })

export type Env = Record<string, string | undefined>

const running = new Set<ChildProcess>()

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    try {
      child.kill(signal)
    } catch {
      /* already gone */
    }
  }
}

/** Last resort: whatever is still running when this process exits gets SIGKILL (synchronously). */
process.once("exit", () => {
  for (const child of running) killGroup(child, "SIGKILL")
})

/**
 * Stops every child (gracefully, then by force) and runs `cleanup` once on SIGINT, SIGTERM, SIGHUP,
 * an uncaught exception or an unhandled rejection; then exits. Returns the function that does it.
 */
export function stopAllOnSignals(cleanup: () => Promise<void> = async () => undefined): (code?: number) => Promise<void> {
  let stopping: Promise<void> | undefined
  const stop = (code = 0) => {
    stopping ??= (async () => {
      try {
        await cleanup()
      } catch (e) {
        console.error(e)
      }
      await stopAllChildren()
      process.exit(code)
    })()
    return stopping
  }
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (stopping) {
        // Second Ctrl-C: no more waiting.
        for (const child of running) killGroup(child, "SIGKILL")
        process.exit(130)
      }
      void stop(signal === "SIGINT" ? 130 : 143)
    })
  }
  process.on("uncaughtException", (e) => {
    console.error(e)
    void stop(1)
  })
  process.on("unhandledRejection", (e) => {
    console.error(e)
    void stop(1)
  })
  return stop
}

export async function stopAllChildren(timeoutMs = 15_000): Promise<void> {
  await Promise.all([...running].map((child) => stopChild(child, timeoutMs)))
}

async function stopChild(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()))
  killGroup(child, "SIGTERM")
  const timer = setTimeout(() => killGroup(child, "SIGKILL"), timeoutMs)
  await exited
  clearTimeout(timer)
  // The group may still hold grandchildren that ignored SIGTERM.
  killGroup(child, "SIGKILL")
}

/** postgres://USER:PASSWORD@HOST:PORT/NAME from DB_HOST, DB_PORT, DB_USERNAME, DB_PASSWORD (defaults: test-env.js). */
export function databaseUrlFor(name: string, env: Env = process.env): string {
  const db = testDbSettings(env)
  const user = encodeURIComponent(db.DB_USERNAME)
  const password = db.DB_PASSWORD ? `:${encodeURIComponent(db.DB_PASSWORD)}` : ""
  return `postgres://${user}${password}@${db.DB_HOST}:${db.DB_PORT}/${name}`
}

async function withServerClient<T>(databaseUrl: string, fn: (client: any, name: string) => Promise<T>): Promise<T> {
  const { createClient, parseConnectionString } = await import("@medusajs/framework/utils")
  const conn = parseConnectionString(databaseUrl)
  if (!conn.database) throw new Error(`No database name in ${redactUrl(databaseUrl)}`)
  const client = createClient({
    host: conn.host ?? undefined,
    port: conn.port ? Number(conn.port) : undefined,
    user: conn.user,
    password: conn.password,
    database: "postgres",
    ...(conn.ssl ? { ssl: conn.ssl as any } : {}),
  })
  await client.connect()
  try {
    return await fn(client, conn.database)
  } finally {
    await client.end()
  }
}

/** Creates the database named in the URL when it does not exist. Resolves to true when it created it. */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const { createDb, dbExists } = await import("@medusajs/framework/utils")
  return withServerClient(databaseUrl, async (client, name) => {
    if (await dbExists(client, name)) return false
    await createDb(client, name)
    return true
  })
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  await withServerClient(databaseUrl, async (client, name) => {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`)
  })
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@")
}

export type CliOptions = {
  /** The Medusa project: where medusa-config.ts lives. Default: the repository root. */
  cwd?: string
  env?: Env
  /** Appends the command's output there (default: kept in memory only). */
  logFile?: string
  /** Shown in errors. */
  label?: string
  timeoutMs?: number
}

/** Runs `medusa ARGS` to completion; rejects with the end of its output when it fails. */
export async function runMedusa(args: string[], opts: CliOptions = {}): Promise<string> {
  const child = spawnMedusa(args, opts)
  const output = captureOutput(child, opts.logFile)
  const timeoutMs = opts.timeoutMs ?? 300_000
  const timer = setTimeout(() => killGroup(child, "SIGKILL"), timeoutMs)
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)))
  clearTimeout(timer)
  running.delete(child)
  if (code !== 0) {
    throw new Error(`medusa ${args.join(" ")} (${opts.label ?? opts.cwd ?? "."}) exited with ${code}:\n${tail(output())}`)
  }
  return output()
}

function spawnMedusa(args: string[], opts: CliOptions): ChildProcess {
  const child = spawn(process.execPath, [MEDUSA_CLI, ...args], {
    cwd: opts.cwd ?? REPO_ROOT,
    env: cleanEnv({ MEDUSA_DISABLE_TELEMETRY: "true", ...process.env, ...opts.env }),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  })
  running.add(child)
  child.once("exit", () => running.delete(child))
  return child
}

function cleanEnv(env: Env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v
  return out
}

function captureOutput(child: ChildProcess, logFile?: string, echo?: (line: string) => void): () => string {
  const chunks: string[] = []
  let size = 0
  const file = logFile ? fs.createWriteStream(logFile, { flags: "a" }) : undefined
  const onData = (buf: Buffer) => {
    const text = buf.toString()
    chunks.push(text)
    size += text.length
    while (size > 200_000 && chunks.length > 1) size -= chunks.shift()!.length
    file?.write(buf)
    if (echo) for (const line of text.split("\n")) if (line.trim()) echo(line)
  }
  child.stdout?.on("data", onData)
  child.stderr?.on("data", onData)
  child.once("exit", () => file?.end())
  return () => chunks.join("")
}

function tail(text: string, lines = 40): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n")
}

export type StartOptions = CliOptions & {
  port: number
  /** `start` (default) or `develop` (watches the project and restarts on change). */
  command?: "start" | "develop"
  /** Called with each line the store prints. */
  echo?: (line: string) => void
  /** How long to wait for GET /health. Default 240 s. */
  readyTimeoutMs?: number
}

export interface RunningMedusa {
  url: string
  port: number
  pid: number
  /** Everything the process printed so far (its newest 200 kB). */
  output(): string
  exited: Promise<number | null>
  stop(timeoutMs?: number): Promise<void>
}

/** Boots `medusa start|develop` on a port and resolves once GET /health answers 200. */
export async function startMedusa(opts: StartOptions): Promise<RunningMedusa> {
  if (await portInUse(opts.port)) {
    throw new Error(`Port ${opts.port} is already in use: stop what listens there or choose another port.`)
  }
  const command = opts.command ?? "start"
  const child = spawnMedusa([command, "--port", String(opts.port)], {
    ...opts,
    env: { ...opts.env, PORT: String(opts.port) },
  })
  const output = captureOutput(child, opts.logFile, opts.echo)
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)))
  const url = `http://localhost:${opts.port}`
  const probe = `http://127.0.0.1:${opts.port}/health`
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 240_000)
  let gone = false
  void exited.then(() => (gone = true))
  for (;;) {
    if (gone) {
      throw new Error(`medusa ${command} (${opts.label ?? opts.cwd ?? "."}) exited before it was ready:\n${tail(output())}`)
    }
    if (Date.now() > deadline) {
      await stopChild(child, 5_000)
      throw new Error(`medusa ${command} (${opts.label ?? opts.cwd ?? "."}) not ready within the time limit:\n${tail(output())}`)
    }
    try {
      const res = await fetch(probe, { signal: AbortSignal.timeout(2_000) })
      if (res.status === 200) break
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  return {
    url,
    port: opts.port,
    pid: child.pid!,
    output,
    exited,
    stop: (timeoutMs = 15_000) => stopChild(child, timeoutMs),
  }
}

export function portInUse(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host)
    socket.once("connect", () => (socket.destroy(), resolve(true)))
    socket.once("error", () => resolve(false))
  })
}

/**
 * Migrations recorded as run in the database whose files exist neither in Medusa's packages nor in
 * the project's src/modules/<name>/migrations: a sign that the project's migrations were regenerated
 * (renamed) since the database was migrated, so its tables may lack newer columns.
 */
export async function unknownAppliedMigrations(databaseUrl: string, projectDir = REPO_ROOT): Promise<string[]> {
  const { createClient } = await import("@medusajs/framework/utils")
  const client = createClient(databaseUrl)
  await client.connect()
  let applied: string[]
  try {
    const exists = await client.query(`SELECT to_regclass('public.mikro_orm_migrations') AS t`)
    if (!exists.rows[0]?.t) return []
    applied = (await client.query(`SELECT name FROM mikro_orm_migrations`)).rows.map((r: { name: string }) => r.name)
  } finally {
    await client.end()
  }
  const dirs: string[] = []
  const scoped = path.join(REPO_ROOT, "node_modules", "@medusajs")
  for (const pkg of fs.existsSync(scoped) ? fs.readdirSync(scoped) : []) dirs.push(path.join(scoped, pkg, "dist", "migrations"))
  const modules = path.join(projectDir, "src", "modules")
  for (const mod of fs.existsSync(modules) ? fs.readdirSync(modules) : []) dirs.push(path.join(modules, mod, "migrations"))
  const known = new Set<string>()
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) continue
    for (const f of fs.readdirSync(dir)) {
      if (/\.(d\.ts|map)$/.test(f)) continue
      known.add(f.replace(/\.(js|ts)$/, ""))
    }
  }
  return applied.filter((name) => !known.has(name))
}
