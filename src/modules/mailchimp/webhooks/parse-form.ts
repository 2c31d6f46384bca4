export type FormValue = string | { [key: string]: FormValue }
export type FormObject = { [key: string]: FormValue }

const MAX_DEPTH = 5

/**
 * Parses Mailchimp's `application/x-www-form-urlencoded` body, with `data[merges][FNAME]`
 * style keys, into a nested object. Tolerant by design: a repeated key keeps its last value,
 * malformed escapes are kept as written, and a key that would clash with a nested one is dropped.
 * Never throws.
 */
export function parseForm(body: string): FormObject {
  const root: FormObject = Object.create(null)
  for (const pair of body.split("&")) {
    if (!pair) continue
    const eq = pair.indexOf("=")
    const rawKey = eq === -1 ? pair : pair.slice(0, eq)
    const rawValue = eq === -1 ? "" : pair.slice(eq + 1)
    const path = splitKey(decode(rawKey))
    if (!path.length) continue
    assign(root, path, decode(rawValue))
  }
  return root
}

function decode(s: string): string {
  const plus = s.replace(/\+/g, " ")
  try {
    return decodeURIComponent(plus)
  } catch {
    return plus
  }
}

function splitKey(key: string): string[] {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key.trim())
  if (!match) return key.trim() ? [key.trim()] : []
  const rest = [...match[2].matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1])
  return [match[1], ...rest].slice(0, MAX_DEPTH + 1)
}

function assign(target: FormObject, path: string[], value: string) {
  let node = target
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] || String(Object.keys(node).length)
    const next = node[key]
    if (next === undefined) {
      node[key] = Object.create(null)
    } else if (typeof next === "string") {
      return
    }
    node = node[key] as FormObject
  }
  const last = path[path.length - 1] || String(Object.keys(node).length)
  if (typeof node[last] === "object") return
  node[last] = value
}
