/** Test-side access to the stand-in's /_sandbox controls (what a test asserts against). */
export class SandboxControl {
  constructor(readonly url: string) {}

  async call<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(this.url + "/_sandbox" + path, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    if (res.status >= 300) throw new Error(`${method} /_sandbox${path} → ${res.status} ${text}`)
    return text ? JSON.parse(text) : undefined
  }

  reset() {
    return this.call("POST", "/reset")
  }

  faults(faults: Record<string, number>) {
    return this.call("POST", "/faults", faults)
  }

  clearFaults() {
    return this.call("DELETE", "/faults")
  }

  state() {
    return this.call("GET", "/state")
  }

  async members(listId: string): Promise<any[]> {
    const state = await this.state()
    const list = (state.lists as any[]).find((l) => l.id === listId)
    return list ? list.members : []
  }

  async member(listId: string, email: string): Promise<any | undefined> {
    return (await this.members(listId)).find((m) => m.email_address === email.toLowerCase())
  }

  requests(): Promise<any[]> {
    return this.call("GET", "/requests").then((r) => r.requests ?? r)
  }

  clearRequests() {
    return this.call("DELETE", "/requests")
  }

  /** Keeps submitted batches pending until resumeBatches (a Mailchimp that is slow to run them). */
  pauseBatches() {
    return this.call("POST", "/batches/pause")
  }

  resumeBatches() {
    return this.call("POST", "/batches/resume")
  }

  setList(listId: string, patch: Record<string, unknown>) {
    return this.call("PATCH", `/lists/${listId}`, patch)
  }
}
