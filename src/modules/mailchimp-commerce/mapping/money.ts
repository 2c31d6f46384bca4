import { mailchimpTime } from "../../../mailchimp/time"

/**
 * Medusa amounts are decimals in the currency's main unit, as numbers, strings or BigNumber
 * objects (what Query returns for totals); this reads any of them and removes binary-float noise.
 */
export function money(value: unknown): number {
  const n = typeof value === "number" ? value : value === null || value === undefined ? 0 : Number(value)
  return Number.isFinite(n) ? Math.round(n * 10_000) / 10_000 : 0
}

/** A store time as Mailchimp writes its own (`YYYY-MM-DDTHH:MM:SS+00:00`); undefined when there is none. */
export function isoDate(value: string | Date | null | undefined): string | undefined {
  if (!value) return undefined
  const d = value instanceof Date ? value : new Date(value)
  return Number.isNaN(d.getTime()) ? undefined : mailchimpTime(d)
}

export const filled = (v?: string | null): v is string => typeof v === "string" && v.trim() !== ""
