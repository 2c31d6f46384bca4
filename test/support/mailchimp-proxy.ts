import http from "node:http"
import type { AddressInfo } from "node:net"

export type ProxiedRequest = { method: string; path: string; body: any; arrived: number; answered: number; status: number }

/** What a rule does to a request it matches: answer in Mailchimp's place, or hold it before passing it on. */
export type ProxyRule = {
  match: (r: { method: string; path: string; body: any }) => boolean
  /** Answer this status (a Mailchimp problem document) instead of passing the request on. */
  status?: number
  /** Hold the request this long, then pass it on. */
  delayMs?: number
  /** Pass the request on to this path instead (e.g. another audience's id: the stand-in answers for it). */
  path?: (path: string) => string
  /** Pass the request on with this key instead of the store's (the stand-in then refuses it). */
  apiKey?: string
  /** How many matching requests the rule takes (default: every one). */
  times?: number
}

/**
 * A proxy between the store and the stand-in (the store's MAILCHIMP_API_URL), for what the stand-in's own faults
 * cannot aim at: a 503 for one request only, or a slow answer to one path. It keeps a log of what passed, with the
 * times each request arrived and was answered (milliseconds).
 */
export class MailchimpProxy {
  readonly log: ProxiedRequest[] = []
  private rules: ProxyRule[] = []
  private server?: http.Server

  constructor(private readonly target: string) {}

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res))
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r))
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/3.0`
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()))
  }

  rule(rule: ProxyRule): void {
    this.rules.push({ ...rule })
  }

  clear(): void {
    this.rules = []
    this.log.length = 0
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const arrived = Date.now()
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const raw = Buffer.concat(chunks)
    const path = (req.url ?? "/").replace(/^\/3\.0/, "").split("?")[0]
    let body: any = null
    try {
      body = raw.length ? JSON.parse(raw.toString("utf8")) : null
    } catch {
      body = null
    }
    const method = req.method ?? "GET"
    const rule = this.rules.find((r) => (r.times ?? Infinity) > 0 && r.match({ method, path, body }))
    if (rule && rule.times !== undefined) rule.times -= 1
    const entry: ProxiedRequest = { method, path, body, arrived, answered: 0, status: 0 }
    this.log.push(entry)
    if (rule?.delayMs) await new Promise((r) => setTimeout(r, rule.delayMs))
    if (rule?.status) {
      const problem = { type: "https://mailchimp.com/developer/marketing/docs/errors/", title: "Service Unavailable", status: rule.status, detail: "The service is temporarily unavailable.", instance: "" }
      res.writeHead(rule.status, { "content-type": "application/problem+json" }).end(JSON.stringify(problem))
      Object.assign(entry, { answered: Date.now(), status: rule.status })
      return
    }
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string" && k !== "host" && k !== "content-length") headers[k] = v
    if (rule?.apiKey) headers.authorization = `Basic ${Buffer.from(`anystring:${rule.apiKey}`).toString("base64")}`
    const url = rule?.path ? (req.url ?? "").replace(path, rule.path(path)) : req.url
    const answer = await fetch(this.target.replace(/\/3\.0\/?$/, "") + url, { method, headers, body: raw.length ? raw : undefined })
    const text = Buffer.from(await answer.arrayBuffer())
    const out: Record<string, string> = {}
    answer.headers.forEach((v, k) => {
      if (!["content-length", "content-encoding", "transfer-encoding", "connection"].includes(k)) out[k] = v
    })
    res.writeHead(answer.status, out).end(text)
    Object.assign(entry, { answered: Date.now(), status: answer.status })
  }
}
