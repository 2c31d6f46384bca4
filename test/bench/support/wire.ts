/**
 * The wire between the store and the stand-in, for the benchmarks: an HTTP pass-through in front of
 * the stand-in's /3.0 that can hold every client call for `latencyMs` (the round trip to Mailchimp and
 * its answer time) and allow at most `maxConnections` calls in flight (more answer 429, as Mailchimp
 * does). It sits outside the stand-in so that only what a client sends pays the latency: operations
 * inside a /batches job are Mailchimp's own work (the stand-in runs them through its app in-process,
 * which does not pass here), whereas /_sandbox/faults latency would also hold each of them, one after
 * another. The rest of /_sandbox passes through untouched.
 */
import http from "http"
import type { AddressInfo } from "net"

export interface Wire {
  url: string
  set(opts: { latencyMs: number; maxConnections: number }): void
  /** Calls answered 429 by the wire's own connection limit. */
  refused(): number
  close(): void
}

export async function startWire(target: string): Promise<Wire> {
  const to = new URL(target)
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 })
  let latencyMs = 0
  let maxConnections = 0
  let inFlight = 0
  let refused = 0
  const server = http.createServer((req, res) => {
    const path = req.url ?? ""
    // A client call: the API, and a finished batch's results (what `response_body_url` names).
    const api = path.startsWith("/3.0") || /^\/_sandbox\/batches\/[^/]+\/response\.tar\.gz/.test(path)
    const held = api && (latencyMs > 0 || maxConnections > 0)
    if (held && maxConnections > 0 && inFlight >= maxConnections) {
      refused += 1
      req.resume()
      res.writeHead(429, { "content-type": "application/problem+json" })
      res.end(JSON.stringify({ type: "https://mailchimp.com/developer/marketing/docs/errors/", title: "Too Many Requests", status: 429, detail: `You have exceeded the limit of ${maxConnections} simultaneous connections.`, instance: "" }))
      return
    }
    if (held) {
      inFlight += 1
      let released = false
      const release = () => {
        if (!released) inFlight -= 1
        released = true
      }
      res.once("finish", release)
      res.once("close", release)
    }
    const forward = () => {
      const upstream = http.request(
        { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers, agent },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers)
          up.pipe(res)
        }
      )
      upstream.on("error", (e) => {
        if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" })
        res.end(String(e.message))
      })
      req.pipe(upstream)
    }
    // Half the latency on the way in and half on the way out would need buffering; the whole of it
    // before forwarding gives the same time per call.
    if (held && latencyMs > 0) setTimeout(forward, latencyMs)
    else forward()
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    set(opts) {
      latencyMs = opts.latencyMs
      maxConnections = opts.maxConnections
    },
    refused: () => refused,
    close() {
      server.closeAllConnections?.()
      server.close()
      agent.destroy()
    },
  }
}
