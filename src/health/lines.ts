import type { HealthLine, HealthReport, HealthStatus } from "../types/http"

// The lines are sent as they are (GET /admin/mailchimp/health).
export type { HealthLine, HealthReport, HealthStatus }

const RANK: Record<HealthStatus, number> = { ok: 0, warning: 1, error: 2 }

export const ok = (check: string, title: string, detail: string): HealthLine => ({ check, title, status: "ok", detail, fix: null })
export const warning = (check: string, title: string, detail: string, fix: string): HealthLine => ({ check, title, status: "warning", detail, fix })
export const error = (check: string, title: string, detail: string, fix: string): HealthLine => ({ check, title, status: "error", detail, fix })

export function report(lines: HealthLine[], at = new Date()): HealthReport {
  const status = lines.reduce<HealthStatus>((worst, l) => (RANK[l.status] > RANK[worst] ? l.status : worst), "ok")
  return { status, checked_at: at.toISOString(), lines }
}
