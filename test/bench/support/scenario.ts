import type { BenchContext } from "./context"

export type Row = Record<string, string | number | null>

export interface ScenarioResult {
  /** One table per scenario; the first column names the row. */
  rows: Row[]
  /** The headline figures, e.g. { ratio_route_p50: 1.02 }. */
  figures: Record<string, number | string | null>
  goal?: string
  /** Whether the goal was met (undefined when there is no goal). */
  met?: boolean
  notes?: string[]
  /** Anything else worth keeping in results.json (raw samples, settings). */
  details?: unknown
}

/** One benchmark scenario: a file in test/bench/scenarios/ whose default export is this. */
export interface Scenario {
  /** Selectable on the command line: `npm run bench -- NAME`. */
  name: string
  title: string
  run(ctx: BenchContext): Promise<ScenarioResult>
}

export function defineScenario(s: Scenario): Scenario {
  return s
}
