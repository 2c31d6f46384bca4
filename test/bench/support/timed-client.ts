import { StoreClient } from "../../support/store-client"

/** A StoreClient that records how long each store-API call of a checkout took, by step. */
export class TimedStoreClient extends StoreClient {
  readonly steps: { step: string; ms: number }[] = []

  async call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const started = performance.now()
    try {
      return await super.call<T>(method, path, body, headers)
    } finally {
      this.steps.push({ step: stepName(method, path), ms: performance.now() - started })
    }
  }

  reset(): void {
    this.steps.length = 0
  }
}

/** "POST /store/carts/cart_01…/complete" → "POST /store/carts/:id/complete". */
export function stepName(method: string, path: string): string {
  const p = path
    .split("?")[0]
    .split("/")
    .map((s) => (/^[a-z]+(_[a-z]+)*_[0-9A-Z]{20,}$/.test(s) ? ":id" : s))
    .join("/")
  return `${method} ${p}`
}
