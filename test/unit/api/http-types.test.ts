import { readdirSync, readFileSync } from "fs"
import { join, relative } from "path"
import ts from "typescript"

const TYPES = join(__dirname, "../../../src/types")

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return tsFiles(path)
    return entry.name.endsWith(".ts") ? [path] : []
  })
}

// The admin bundle and the storefront import these files: they must compile to nothing.
describe("src/types", () => {
  it("holds types only: every file compiles to no JavaScript", () => {
    const files = tsFiles(TYPES)
    expect(files.length).toBeGreaterThan(5)
    const withCode = files.filter((file) => {
      const { outputText } = ts.transpileModule(readFileSync(file, "utf8"), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2021, removeComments: true },
      })
      return outputText.replace(/\s+/g, "") !== "export{};"
    })
    expect(withCode.map((file) => relative(TYPES, file))).toEqual([])
  })
})
