import fs from "node:fs"
import { builtinModules } from "node:module"
import path from "node:path"
import ts from "typescript"

/**
 * What a store installs with the plugin is what `src/` needs, nothing more: the Mailchimp stand-in lives in its
 * own private package (packages/mailchimp-sandbox) used by the tests, the demo and the bench, never by `src/`.
 */

const ROOT = path.resolve(__dirname, "../../..")
const SRC = path.join(ROOT, "src")
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  dependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
}
const dependencies = Object.keys(pkg.dependencies ?? {})
const peers = Object.keys(pkg.peerDependencies ?? {})

/**
 * Packages Medusa's dashboard gives a plugin's admin extensions: `medusa plugin:build` leaves them out of the
 * bundle (the `external` list of @medusajs/admin-bundler's plugin command) and the store's admin supplies them.
 */
const ADMIN_PROVIDED = ["react", "react-router-dom", "react-router", "react-i18next", "@medusajs/js-sdk", "@medusajs/admin-sdk", "@tanstack/react-query"]
/** `./storefront/react` is a hook for the merchant's React storefront, which brings its own React. */
const STOREFRONT_PROVIDED = ["react"]
/** The stand-in and what only it needs: none of them may reach a store. */
const STAND_IN_ONLY = ["@medusa-mailchimp/sandbox", "express", "express-openapi-validator", "js-yaml"]

const BUILTINS = new Set(builtinModules)

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.(ts|tsx|js|jsx|mjs|cjs)$/.test(entry.name) ? [full] : []
  })
}

/** Every module specifier a file names: static and dynamic imports, `export … from`, require(). */
function specifiers(file: string): string[] {
  return ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true).importedFiles.map((f) => f.fileName)
}

/** "@scope/name/sub" → "@scope/name", "name/sub" → "name"; undefined for relative paths and Node's own modules. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("node:")) return undefined
  const parts = specifier.split("/")
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]
  return BUILTINS.has(name) ? undefined : name
}

type Use = { file: string; specifier: string; pkg: string | undefined }

const uses: Use[] = sourceFiles(SRC).flatMap((file) =>
  specifiers(file).map((specifier) => ({ file: path.relative(ROOT, file), specifier, pkg: packageOf(specifier) }))
)

function allowedFor(file: string): Set<string> {
  const extra = file.startsWith("src/admin/") ? ADMIN_PROVIDED : file.startsWith("src/storefront/") ? STOREFRONT_PROVIDED : []
  return new Set([...dependencies, ...peers, ...extra])
}

describe("the plugin's runtime dependencies", () => {
  it("finds the imports it checks (the scan itself works)", () => {
    expect(uses.filter((u) => u.pkg === "@medusajs/framework").length).toBeGreaterThan(10)
    expect(uses.some((u) => u.pkg === "bullmq")).toBe(true)
  })

  it("no file under src/ imports the stand-in or what only the stand-in needs", () => {
    const offending = uses
      .filter((u) => {
        if (u.pkg && STAND_IN_ONLY.includes(u.pkg)) return true
        if (!u.specifier.startsWith(".")) return false
        const target = path.resolve(ROOT, path.dirname(u.file), u.specifier)
        return target.startsWith(path.join(ROOT, "packages") + path.sep) || /(^|\/)sandbox(\/|$)/.test(u.specifier)
      })
      .map((u) => `${u.file}: ${u.specifier}`)
    expect(offending).toEqual([])
  })

  it("package.json's dependencies hold none of the stand-in's packages", () => {
    expect(dependencies.filter((d) => STAND_IN_ONLY.includes(d))).toEqual([])
  })

  it("every package a file under src/ imports is a dependency or a peer (or supplied by Medusa's admin)", () => {
    const undeclared = uses.filter((u) => u.pkg && !allowedFor(u.file).has(u.pkg)).map((u) => `${u.file}: ${u.pkg}`)
    expect(undeclared).toEqual([])
  })

  it("every dependency is imported by some file under src/", () => {
    const imported = new Set(uses.map((u) => u.pkg))
    expect(dependencies.filter((d) => !imported.has(d))).toEqual([])
  })
})
