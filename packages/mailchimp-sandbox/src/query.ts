/** Query helpers: Mailchimp's `fields` / `exclude_fields` and `count` / `offset`. */

type Tree = { [key: string]: Tree | true }

function toList(v: unknown): string[] {
  if (v === undefined || v === null || v === "") return []
  const items = Array.isArray(v) ? v : [v]
  return items.flatMap((s) => String(s).split(",")).map((s) => s.trim()).filter(Boolean)
}

function tree(paths: string[]): Tree {
  const root: Tree = {}
  for (const p of paths) {
    let node = root
    const parts = p.split(".")
    parts.forEach((part, i) => {
      if (i === parts.length - 1) node[part] = true
      else {
        const next = node[part]
        if (next === true) return
        node = (node[part] = next ?? {}) as Tree
      }
    })
  }
  return root
}

function pick(value: unknown, t: Tree): unknown {
  if (Array.isArray(value)) return value.map((v) => pick(v, t))
  if (!value || typeof value !== "object") return value
  const src = value as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const [k, sub] of Object.entries(t)) {
    if (!(k in src)) continue
    out[k] = sub === true ? src[k] : pick(src[k], sub)
  }
  return out
}

function omit(value: unknown, t: Tree): unknown {
  if (Array.isArray(value)) return value.map((v) => omit(v, t))
  if (!value || typeof value !== "object") return value
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) }
  for (const [k, sub] of Object.entries(t)) {
    if (!(k in out)) continue
    if (sub === true) delete out[k]
    else out[k] = omit(out[k], sub)
  }
  return out
}

/** Applies `fields` (dot notation, comma-separated) and `exclude_fields` to an answer. */
export function selectFields<T>(body: T, query: Record<string, unknown>): T {
  let out: unknown = body
  const fields = toList(query.fields)
  const exclude = toList(query.exclude_fields)
  if (fields.length) out = pick(out, tree(fields))
  if (exclude.length) out = omit(out, tree(exclude))
  return out as T
}

export function paging(query: Record<string, unknown>): { count: number; offset: number } {
  const count = Number(query.count ?? 10)
  const offset = Number(query.offset ?? 0)
  return {
    count: Number.isFinite(count) ? Math.min(Math.max(Math.trunc(count), 0), 1000) : 10,
    offset: Number.isFinite(offset) ? Math.max(Math.trunc(offset), 0) : 0,
  }
}

export function page<T>(items: T[], query: Record<string, unknown>): T[] {
  const { count, offset } = paging(query)
  return items.slice(offset, offset + count)
}

export function flag(v: unknown): boolean {
  return v === true || v === "true" || v === "1"
}
