export type Redact = (text: string) => string

/** Replaces every occurrence of the given secrets; short strings are ignored so that redaction stays meaningful. */
export function redactor(secrets: string[]): Redact {
  const targets = [...new Set(secrets.filter((s) => s.length >= 8))].sort((a, b) => b.length - a.length)
  return (text) => targets.reduce((out, secret) => out.split(secret).join("[redacted]"), text)
}
