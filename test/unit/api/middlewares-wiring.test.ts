import { readdirSync, readFileSync } from "fs"
import { join, relative, sep } from "path"

// Each validator middleware remembers its schema, so the wiring can be read back from the config Medusa loads.
jest.mock("@medusajs/framework/http", () => {
  const actual = jest.requireActual("@medusajs/framework/http")
  const remember =
    (kind: "body" | "query", make: (...args: unknown[]) => unknown) =>
    (schema: unknown, ...rest: unknown[]) =>
      Object.assign(make(schema, ...rest) as object, { validates: { kind, schema } })
  return {
    ...actual,
    validateAndTransformBody: remember("body", actual.validateAndTransformBody),
    validateAndTransformQuery: remember("query", actual.validateAndTransformQuery),
  }
})

type Route = { matcher: string | RegExp; methods?: string[]; middlewares: Function[] }
type Validates = { kind: "body" | "query"; schema: unknown }

const API = join(__dirname, "../../../src/api")

function filesNamed(name: string, dir = API): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return filesNamed(name, path)
    return entry.name === name ? [path] : []
  })
}

// src/api/admin/mailchimp/segments/[id]/route.ts → /admin/mailchimp/segments/[id]
const routePath = (file: string) => "/" + relative(API, file).split(sep).slice(0, -1).join("/")

// Medusa registers a middleware with methods as app[method](matcher): the whole path, ":param" one segment.
function matches(matcher: string | RegExp, path: string): boolean {
  const url = path.replace(/\[(\w+)\]/g, "$1_01")
  if (matcher instanceof RegExp) return matcher.test(url)
  const pattern = matcher.replace(/[.*+?^${}()|\\]/g, "\\$&").replace(/:\w+/g, "[^/]+")
  return new RegExp(`^${pattern}/?$`, "i").test(url)
}

const isSchema = (value: unknown) => typeof (value as { safeParse?: unknown })?.safeParse === "function"

describe("route middlewares", () => {
  const rootRoutes: Route[] = require("../../../src/api/middlewares").default.routes
  const validators = rootRoutes.flatMap((route) =>
    route.middlewares
      .map((fn) => (fn as { validates?: Validates }).validates)
      .filter((v): v is Validates => !!v)
      .map((v) => ({ ...v, matcher: route.matcher, methods: route.methods ?? [] }))
  )
  const validatorsFor = (path: string, method: string, kind: Validates["kind"]) =>
    validators.filter((v) => v.kind === kind && v.methods.includes(method) && matches(v.matcher, path))

  it("every folder's middlewares.ts is spread into the root one", () => {
    const rootHandlers = new Set(rootRoutes.flatMap((route) => route.middlewares))
    const folderFiles = filesNamed("middlewares.ts").filter((file) => file !== join(API, "middlewares.ts"))
    expect(folderFiles.length).toBeGreaterThan(10)
    const missing = folderFiles.flatMap((file) => {
      const lists = Object.values(require(file)).filter(Array.isArray) as Route[][]
      if (!lists.length) return [`${relative(API, file)} exports no list`]
      return lists
        .flat()
        .filter((route) => route.middlewares.some((fn) => !rootHandlers.has(fn)))
        .map((route) => `${relative(API, file)}: ${route.matcher}`)
    })
    expect(missing).toEqual([])
  })

  it("every schema in a validators.ts validates some route", () => {
    const used = new Set(validators.map((v) => v.schema))
    const unused = filesNamed("validators.ts").flatMap((file) =>
      Object.entries(require(file) as Record<string, unknown>)
        .filter(([, value]) => isSchema(value) && !used.has(value))
        .map(([name]) => `${relative(API, file)}: ${name}`)
    )
    expect(unused).toEqual([])
  })

  it("a handler that reads req.validatedBody or req.validatedQuery has exactly one validator for it", () => {
    const problems: string[] = []
    let checked = 0
    for (const file of filesNamed("route.ts")) {
      const path = routePath(file)
      // One piece per exported handler: from its `export` to the next one.
      const pieces = readFileSync(file, "utf8").split(/(?=^export (?:const|async function|function) )/m)
      for (const piece of pieces) {
        const method = piece.match(/^export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/)?.[1]
        if (!method) continue
        for (const [kind, field] of [
          ["body", "validatedBody"],
          ["query", "validatedQuery"],
        ] as const) {
          const found = validatorsFor(path, method, kind).length
          if (piece.includes(`req.${field}`)) {
            checked++
            if (found !== 1) problems.push(`${method} ${path}: ${found} ${kind} validators`)
          } else if (found > 1) {
            problems.push(`${method} ${path}: ${found} ${kind} validators`)
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(15)
    expect(problems).toEqual([])
  })
})
