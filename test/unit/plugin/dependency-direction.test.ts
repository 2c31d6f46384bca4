import { readdirSync, readFileSync, statSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"

// Dependencies run one way (docs/architecture.md): these tests read every import of a folder's files,
// `import type` and dynamic imports included, and fail on one that points the wrong way.
const SRC = resolve(__dirname, "../../../src")

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return filesUnder(path)
    return /\.(ts|tsx|js)$/.test(name) ? [path] : []
  })
}

/** Every module specifier a file names: static imports and re-exports, `import("…")` and `require("…")`. */
function specifiersOf(file: string): string[] {
  const text = readFileSync(file, "utf8")
  const found: string[] = []
  for (const pattern of [/\bfrom\s+["']([^"']+)["']/g, /\bimport\s+["']([^"']+)["']/g, /\b(?:import|require)\s*\(\s*["']([^"']+)["']\s*\)/g]) {
    for (const match of text.matchAll(pattern)) found.push(match[1])
  }
  return found
}

/** The imports of the files under `folder` (relative to src) that break `allowed`, as "file → specifier". */
function violations(folder: string, allowed: (specifier: string, target: string | null) => boolean): string[] {
  return filesUnder(join(SRC, folder)).flatMap((file) =>
    specifiersOf(file)
      .filter((specifier) => {
        const target = specifier.startsWith(".") ? relative(SRC, resolve(dirname(file), specifier)) : null
        return !allowed(specifier, target)
      })
      .map((specifier) => `${relative(SRC, file)} → ${specifier}`)
  )
}

const inside = (target: string | null, folder: string) => target !== null && (target === folder || target.startsWith(`${folder}/`))

describe("dependency direction", () => {
  it("finds the imports it looks for (the scan itself)", () => {
    const specifiers = specifiersOf(join(SRC, "queue/processors/context.ts"))
    expect(specifiers).toEqual(expect.arrayContaining(["@medusajs/framework/types", "../../mailchimp"]))
  })

  it("no file under src/modules imports src/queue (the processors register themselves with the module)", () => {
    expect(violations("modules", (_specifier, target) => !inside(target, "queue"))).toEqual([])
  })

  // api, subscribers, jobs, scripts ──► workflows ──► modules ──► mailchimp; register-job-handlers ──► queue ──► modules.
  const ABOVE_MODULES = ["queue", "workflows", "api", "subscribers", "jobs", "scripts", "health", "admin", "storefront"]
  const ABOVE_WORKFLOWS = ["api", "subscribers", "jobs", "scripts", "admin", "storefront"]

  it("modules import nothing from the layers above them (queue, workflows, routes, subscribers, jobs, …)", () => {
    expect(violations("modules", (_specifier, target) => !ABOVE_MODULES.some((folder) => inside(target, folder)))).toEqual([])
  })

  it("the processors (src/queue) and the workflows import no route, subscriber, job or script", () => {
    const allowed = (_specifier: string, target: string | null) =>
      !ABOVE_WORKFLOWS.some((folder) => inside(target, folder)) && !inside(target, "workflows")
    expect(violations("queue", allowed)).toEqual([])
    expect(violations("workflows", (_specifier, target) => !ABOVE_WORKFLOWS.some((folder) => inside(target, folder)))).toEqual([])
  })

  it("src/types holds types only: every import in it is `import type`", () => {
    const valueImports = filesUnder(join(SRC, "types")).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/^import\s+(?!type\b)[^\n]*/gm)].map((m) => `${relative(SRC, file)}: ${m[0]}`)
    )
    expect(valueImports).toEqual([])
  })

  it("src/mailchimp imports nothing from Medusa or from the rest of src", () => {
    expect(violations("mailchimp", (specifier, target) => !specifier.startsWith("@medusajs/") && (target === null || inside(target, "mailchimp")))).toEqual([])
  })
})
