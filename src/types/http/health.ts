export type HealthStatus = "ok" | "warning" | "error"

/** One line of the account health check: what was checked, how it stands, what is wrong and how to fix it. */
export type HealthLine = {
  /** Stable id of the check (`connection`, `audience`, …), for screens and tests. */
  check: string
  title: string
  status: HealthStatus
  /** What was found; never the API key, the webhook secret or a person's address. */
  detail: string
  /** How to fix it (null when nothing needs doing). */
  fix: string | null
}

export type HealthReport = { status: HealthStatus; checked_at: string; lines: HealthLine[] }

/** GET /admin/mailchimp/health */
export type AdminHealthResponse = { health: HealthReport }
