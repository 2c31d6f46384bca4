import type { EcommerceAddress, OrderAddress } from "../../../mailchimp"
import type { MedusaAddress } from "./medusa-types"
import { filled } from "./money"

const text = (v?: string | null) => (filled(v) ? v.trim() : undefined)

function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T
}

/** A Medusa address as Mailchimp's e-commerce address; undefined when it has no street. */
export function toEcommerceAddress(a: MedusaAddress | null | undefined): EcommerceAddress | undefined {
  if (!a || !filled(a.address_1)) return undefined
  return compact({
    address1: text(a.address_1),
    address2: text(a.address_2),
    city: text(a.city),
    province: text(a.province),
    postal_code: text(a.postal_code),
    country_code: text(a.country_code)?.toUpperCase(),
  })
}

export function toOrderAddress(a: MedusaAddress | null | undefined): OrderAddress | undefined {
  const base = toEcommerceAddress(a)
  if (!base || !a) return undefined
  const name = [text(a.first_name), text(a.last_name)].filter(Boolean).join(" ")
  return compact({ ...base, name: name || undefined, phone: text(a.phone), company: text(a.company) })
}
