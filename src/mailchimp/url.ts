import type { Query } from "./request-types"

/** Tagged template that percent-encodes every interpolated path segment. */
export function apiPath(strings: TemplateStringsArray, ...segments: (string | number)[]): string {
  return strings.reduce(
    (out, chunk, i) => out + chunk + (i < segments.length ? encodeURIComponent(String(segments[i])) : ""),
    ""
  )
}

/** Array values are comma-joined: Mailchimp's array parameters use form style without explode. */
export function queryString(query: Query | undefined): string {
  if (!query) return ""
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue
    params.append(key, Array.isArray(value) ? value.join(",") : String(value))
  }
  const encoded = params.toString()
  return encoded ? `?${encoded}` : ""
}
