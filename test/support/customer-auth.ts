import type { StoreClient } from "./store-client"

export type RegisteredCustomer = { customer: any; headers: Record<string, string>; email: string; password: string }

/**
 * A shopper with an account, made as a storefront makes one: register an emailpass identity,
 * create the customer with that token, then log in for a token that carries the customer.
 */
export async function registerCustomer(
  shop: StoreClient,
  input: { email: string; password?: string; first_name?: string; last_name?: string; phone?: string }
): Promise<RegisteredCustomer> {
  const password = input.password ?? "supersecret-shopper"
  const reg = await postJson(`${shop.baseUrl}/auth/customer/emailpass/register`, { email: input.email, password })
  if (!reg.body.token) throw new Error(`register failed: ${reg.status} ${JSON.stringify(reg.body)}`)
  const { customer } = await shop.ok(
    "POST",
    "/store/customers",
    { email: input.email, first_name: input.first_name, last_name: input.last_name, phone: input.phone },
    { authorization: `Bearer ${reg.body.token}` }
  )
  const login = await postJson(`${shop.baseUrl}/auth/customer/emailpass`, { email: input.email, password })
  if (!login.body.token) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`)
  return { customer, headers: { authorization: `Bearer ${login.body.token}` }, email: input.email, password }
}

async function postJson(url: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : {} }
}
