import type { BrowserStore } from "./browser-store"

/** An admin API call from a browser test (setup and ids; what is asserted is on screen), logged in as the seeded admin. */
export async function adminRequest<T = any>(store: BrowserStore, method: string, path: string, body?: unknown): Promise<T> {
  const auth = await fetch(`${store.storeUrl}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: store.adminEmail, password: store.adminPassword }),
  })
  const { token } = (await auth.json()) as { token: string }
  const res = await fetch(`${store.storeUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}
