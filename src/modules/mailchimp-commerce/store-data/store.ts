import type { GraphQuery } from "./query"

export type StoreFacts = { name: string; currencyCode: string }

let cached: { value: StoreFacts; at: number } | undefined

/** The store's name and default currency, read at most once a minute. */
export async function readStoreFacts(query: GraphQuery): Promise<StoreFacts> {
  if (cached && Date.now() - cached.at < 60_000) return cached.value
  const { data } = await query.graph({
    entity: "store",
    fields: ["id", "name", "supported_currencies.currency_code", "supported_currencies.is_default"],
  })
  const store = data[0]
  const currencies: { currency_code: string; is_default?: boolean }[] = store?.supported_currencies ?? []
  const currency = currencies.find((c) => c.is_default) ?? currencies[0]
  const value = { name: store?.name || "Medusa store", currencyCode: (currency?.currency_code ?? "usd").toLowerCase() }
  cached = { value, at: Date.now() }
  return value
}

export function forgetStoreFacts(): void {
  cached = undefined
}
