import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

/**
 * An admin user with a password, logged in through the real auth route: returns the headers
 * an admin request carries.
 */
export async function adminHeaders(
  container: MedusaContainer,
  baseUrl: string,
  email = "admin@medusa-mailchimp.test",
  password = "supersecret-admin"
): Promise<Record<string, string>> {
  const userModule = container.resolve(Modules.USER)
  const authModule = container.resolve(Modules.AUTH)
  let [user] = await userModule.listUsers({ email })
  if (!user) {
    user = await userModule.createUsers({ email, first_name: "Admin", last_name: "Mailchimp" })
    const { authIdentity, error } = await authModule.register("emailpass", {
      body: { email, password },
    } as never)
    if (error || !authIdentity) throw new Error(`Could not register the admin: ${error}`)
    await authModule.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: user.id } })
  }
  const res = await fetch(`${baseUrl}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  })
  const body = await res.json()
  if (!body.token) throw new Error(`Admin login failed: ${res.status} ${JSON.stringify(body)}`)
  return { authorization: `Bearer ${body.token}` }
}

/** A JSON call to the admin API with those headers: `{ status, text, body }`, whatever the status. */
export async function adminCall(baseUrl: string, headers: Record<string, string>, method: string, path: string, body?: unknown) {
  const send = () =>
    fetch(baseUrl + path, {
      method,
      headers: { ...headers, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  // A GET polled in a loop can meet a kept-alive socket the server is closing at that moment ("fetch failed",
  // ECONNRESET, seen on a loaded machine): a GET changes nothing, so it is sent again. Other methods are not.
  let res: Response
  for (let attempt = 1; ; attempt++) {
    try {
      res = await send()
      break
    } catch (e) {
      if (method !== "GET" || attempt >= 3) throw e
    }
  }
  const text = await res.text()
  return { status: res.status, text, body: text ? JSON.parse(text) : undefined }
}

export type AdminCall = (method: string, path: string, body?: unknown) => ReturnType<typeof adminCall>

/** adminCall bound to a store and an admin whose values a spec learns later (the runner's base URL, the headers). */
export function adminCaller(baseUrl: () => string, headers: () => Record<string, string>): AdminCall {
  return (method, path, body) => adminCall(baseUrl(), headers(), method, path, body)
}
