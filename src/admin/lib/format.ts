const numbers = new Intl.NumberFormat()

export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? "–" : numbers.format(n)
}

export function dateTime(value: string | Date | null | undefined): string {
  if (!value) return "–"
  const d = new Date(value)
  return isNaN(d.getTime()) ? "–" : d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" })
}

/** "12 s ago", "3 min ago", … for figures that refresh. */
export function ago(value: string | Date | null | undefined, now = Date.now()): string {
  if (!value) return "never"
  const seconds = Math.max(0, Math.round((now - new Date(value).getTime()) / 1000))
  if (seconds < 60) return `${seconds} s ago`
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`
  return `${Math.round(seconds / 86400)} d ago`
}

export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !isFinite(ms)) return "–"
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m} min ${s % 60} s`
  return `${Math.floor(m / 60)} h ${m % 60} min`
}

export function money(amount: string | number | null | undefined, currency: string): string {
  if (amount === null || amount === undefined) return "–"
  const n = Number(amount)
  if (!isFinite(n)) return String(amount)
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase() }).format(n)
  } catch {
    return `${n.toFixed(2)} ${currency.toUpperCase()}`
  }
}
