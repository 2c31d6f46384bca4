import { freePort } from "../../support/redis-server"

// CommonJS helpers that jest.config.js loads before any project starts.
const { testDbSettings, applyTestDbDefaults } = require("../../support/test-env")
const { postgresProblem, redisProblem, needsServices, chromiumProblem, needsBrowser } = require("../../support/check-services")

describe("test database defaults", () => {
  it("gives the README's defaults when nothing is set", () => {
    expect(testDbSettings({})).toEqual({ DB_HOST: "localhost", DB_PORT: "5432", DB_USERNAME: "postgres", DB_PASSWORD: "" })
  })

  it("lets environment values win, an empty password included", () => {
    const env = { DB_HOST: "db.internal", DB_PORT: "6543", DB_USERNAME: "shop", DB_PASSWORD: "" }
    expect(testDbSettings(env)).toEqual(env)
    expect(testDbSettings({ DB_PASSWORD: "s3cret" }).DB_PASSWORD).toBe("s3cret")
  })

  it("takes an empty host, port or user name for unset", () => {
    expect(testDbSettings({ DB_HOST: "", DB_PORT: "", DB_USERNAME: "" })).toMatchObject({
      DB_HOST: "localhost",
      DB_PORT: "5432",
      DB_USERNAME: "postgres",
    })
  })

  it("writes the defaults into the environment it is given", () => {
    const env: Record<string, string | undefined> = { DB_HOST: "elsewhere" }
    applyTestDbDefaults(env)
    expect(env).toEqual({ DB_HOST: "elsewhere", DB_PORT: "5432", DB_USERNAME: "postgres", DB_PASSWORD: "" })
  })

  it("is what this run's environment holds", () => {
    // jest.config.js applied them: Medusa's test runner reads process.env.DB_USERNAME and fails without it.
    expect(process.env.DB_USERNAME).toBeTruthy()
    expect(process.env.DB_HOST).toBeTruthy()
  })
})

describe("service check before the tests", () => {
  it("names PostgreSQL, where it looked and the variables when nothing answers", async () => {
    const port = await freePort()
    const line: string = await postgresProblem({ DB_HOST: "localhost", DB_PORT: String(port), DB_USERNAME: "postgres" }, 2000)
    expect(line).toContain(`PostgreSQL is not reachable at localhost:${port} as user "postgres"`)
    expect(line).toContain("DB_HOST, DB_PORT, DB_USERNAME and DB_PASSWORD")
    expect(line.split("\n")).toHaveLength(1)
  })

  it("names Redis and REDIS_SERVER_BIN when the server binary is missing", () => {
    expect(redisProblem({ ...process.env })).toBeNull()
    const line: string = redisProblem({ REDIS_SERVER_BIN: "/nonexistent/redis-server" })
    expect(line).toContain('"/nonexistent/redis-server"')
    expect(line).toContain("REDIS_SERVER_BIN")
    expect(line.split("\n")).toHaveLength(1)
  })

  it("skips the check for unit tests alone", () => {
    expect(needsServices({ selectProjects: ["unit"] })).toBe(false)
    expect(needsServices({ testPathPattern: "test/unit/plugin" })).toBe(false)
    expect(needsServices({ selectProjects: ["unit", "integration"] })).toBe(true)
    expect(needsServices({ testPathPattern: "test/integration/webhooks.spec.ts" })).toBe(true)
    expect(needsServices({})).toBe(true)
  })

  it("names Chromium and CHROMIUM_PATH when the browser tests would run without it", () => {
    expect(chromiumProblem({ CHROMIUM_PATH: process.execPath })).toBeNull()
    const line: string = chromiumProblem({ CHROMIUM_PATH: "/nonexistent/chromium" })
    expect(line).toContain("Chromium is not at /nonexistent/chromium")
    expect(line).toContain("CHROMIUM_PATH")
    expect(line.split("\n")).toHaveLength(1)
    expect(needsBrowser({})).toBe(true)
    expect(needsBrowser({ selectProjects: ["unit", "integration"] })).toBe(false)
    expect(needsBrowser({ selectProjects: ["browser"] })).toBe(true)
    expect(needsBrowser({ testPathPattern: "test/integration/webhooks.spec.ts" })).toBe(false)
    expect(needsBrowser({ testPathPattern: "test/browser/site-script.spec.ts" })).toBe(true)
  })
})
