// Jest's global setup: before any test runs, make sure the services the integration and browser tests need are
// there, and stop at once with one line saying which is missing, where it was looked for and which variable
// changes that, instead of a stack trace from every spec file.
const { spawnSync } = require("child_process")
const { testDbSettings } = require("./test-env")

/** null when PostgreSQL answers as the tests' user, else the one line to print. */
async function postgresProblem(env = process.env, timeoutMs = 5000) {
  const { Client } = require("pg")
  const db = testDbSettings(env)
  const client = new Client({
    host: db.DB_HOST,
    port: Number(db.DB_PORT),
    user: db.DB_USERNAME,
    password: db.DB_PASSWORD,
    database: "postgres",
    connectionTimeoutMillis: timeoutMs,
  })
  try {
    await client.connect()
    await client.query("select 1")
    return null
  } catch (e) {
    const reason = e && (e.code || e.message) ? String(e.code || e.message).split("\n")[0] : "no answer"
    return (
      `PostgreSQL is not reachable at ${db.DB_HOST}:${db.DB_PORT} as user "${db.DB_USERNAME}" (${reason}): ` +
      `start it, or point the tests at yours with DB_HOST, DB_PORT, DB_USERNAME and DB_PASSWORD.`
    )
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** null when the Redis server binary the tests start (a private one per spec) runs, else the one line to print. */
function redisProblem(env = process.env) {
  const bin = env.REDIS_SERVER_BIN || "redis-server"
  const run = spawnSync(bin, ["--version"], { encoding: "utf8", timeout: 10_000 })
  if (!run.error && run.status === 0) return null
  const reason = run.error ? run.error.code || run.error.message : `exit ${run.status}`
  return (
    `Redis is not available: the tests start their own Redis servers with "${bin}" (${reason}, looked up on PATH): ` +
    `install Redis (Debian: apt-get install redis-server), or set REDIS_SERVER_BIN to its redis-server.`
  )
}

/** null when the Chromium the browser tests drive is there, else the one line to print (never downloaded). */
function chromiumProblem(env = process.env) {
  const fs = require("fs")
  const bin = env.CHROMIUM_PATH || "/usr/bin/chromium"
  if (fs.existsSync(bin)) return null
  return (
    `Chromium is not at ${bin}: the browser tests drive Debian's Chromium (apt-get install chromium), ` +
    `or set CHROMIUM_PATH to yours; --selectProjects unit integration runs the rest without it.`
  )
}

/** The browser tests run: every project (no selection), or the browser project named, and no path outside it. */
function needsBrowser(globalConfig) {
  const projects = globalConfig.selectProjects
  if (projects && projects.length && !projects.includes("browser")) return false
  const pattern = globalConfig.testPathPattern
  if (pattern && pattern.split("|").every((p) => !/(^|\/)test\/browser(\/|$)/.test(p))) return false
  return true
}

/** Unit tests need neither service: a run of the unit project alone (or of paths under test/unit) is not checked. */
function needsServices(globalConfig) {
  const projects = globalConfig.selectProjects
  if (projects && projects.length && projects.every((p) => p === "unit")) return false
  const pattern = globalConfig.testPathPattern
  if (pattern && pattern.split("|").every((p) => /(^|\/)test\/unit(\/|$)/.test(p))) return false
  return true
}

module.exports = async function checkServices(globalConfig) {
  if (!needsServices(globalConfig)) return
  const problems = [await postgresProblem(), redisProblem(), needsBrowser(globalConfig) ? chromiumProblem() : null].filter(Boolean)
  if (!problems.length) return
  for (const p of problems) process.stderr.write(`\nnpm test: ${p}\n`)
  process.exit(1)
}

module.exports.postgresProblem = postgresProblem
module.exports.redisProblem = redisProblem
module.exports.needsServices = needsServices
module.exports.chromiumProblem = chromiumProblem
module.exports.needsBrowser = needsBrowser
