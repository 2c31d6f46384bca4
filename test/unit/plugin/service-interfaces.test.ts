import { readdirSync, readFileSync } from "fs"
import { join, relative } from "path"

const SRC = join(__dirname, "../../../src")

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(entry.name) ? [path] : []
  })
}

// Routes, workflows, subscribers, jobs and processors reach a module through its interface in src/types
// (IMailchimpModuleService, …), never through the class in the module's service.ts.
describe("module services", () => {
  it("no file outside src/modules and src/types imports a module's service.ts", () => {
    const outside = sourceFiles(SRC).filter((file) => !/^(modules|types)\//.test(relative(SRC, file)))
    expect(outside.length).toBeGreaterThan(100)
    const offenders = outside.filter((file) => /from "(?:\.\.\/)+modules\/[\w-]+\/service"/.test(readFileSync(file, "utf8")))
    expect(offenders.map((file) => relative(SRC, file))).toEqual([])
  })
})
