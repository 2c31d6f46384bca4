/** The admin's webhook route: register (or update) the webhooks, and read their state. */
export async function registerWebhooks(baseUrl: string, admin: Record<string, string>) {
  const res = await fetch(`${baseUrl}/admin/mailchimp/webhook`, { method: "POST", headers: admin })
  expect(res.status).toBe(200)
  return (await res.json()).webhook
}

export async function webhookStateOf(baseUrl: string, admin: Record<string, string>) {
  return (await (await fetch(`${baseUrl}/admin/mailchimp/webhook`, { headers: admin })).json()).webhook
}
