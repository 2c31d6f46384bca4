import fs from "fs"
import path from "path"

/*
 * Medusa records the migrations it ran by name only, in one `mikro_orm_migrations` table that every
 * module shares. A module's migration named like another module's is therefore taken as already run
 * and never runs: that is how the segments module's hash index (Migration20261205140000, the same name
 * as a commerce migration) was missing from every database.
 */
const MODULES = path.resolve(__dirname, "../../../src/modules")

function migrations(): { module: string; file: string; name: string; source: string }[] {
  return fs.readdirSync(MODULES).flatMap((module) => {
    const dir = path.join(MODULES, module, "migrations")
    if (!fs.existsSync(dir)) return []
    return fs
      .readdirSync(dir)
      .filter((f) => /^Migration\d+.*\.ts$/.test(f))
      .map((file) => ({ module, file, name: file.replace(/\.ts$/, ""), source: fs.readFileSync(path.join(dir, file), "utf8") }))
  })
}

describe("migrations", () => {
  const all = migrations()

  it("are found in every module that has them", () => {
    expect(new Set(all.map((m) => m.module))).toEqual(
      new Set(["mailchimp", "mailchimp-commerce", "mailchimp-segments", "mailchimp-campaigns", "mailchimp-journeys"])
    )
  })

  it("have names no other module uses", () => {
    const byName = new Map<string, string[]>()
    for (const m of all) byName.set(m.name, [...(byName.get(m.name) ?? []), m.module])
    const shared = [...byName].filter(([, modules]) => modules.length > 1).map(([name, modules]) => `${name}: ${modules.join(", ")}`)
    expect(shared).toEqual([])
  })

  it("export a class named as the file (the name Medusa records)", () => {
    for (const m of all) expect(`${m.module}/${m.file}: ${/export class (\w+)/.exec(m.source)?.[1]}`).toBe(`${m.module}/${m.file}: ${m.name}`)
  })
})
