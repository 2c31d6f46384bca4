import http from "node:http"
import type { AddressInfo } from "node:net"

export type RecordedRequest = {
  method: string
  url: string
  headers: http.IncomingHttpHeaders
  body: string
}

export type Handler = (req: RecordedRequest, res: http.ServerResponse) => void

export type TestServer = {
  /** `http://127.0.0.1:<port>` */
  origin: string
  /** `<origin>/3.0`, what the client's apiUrl gets. */
  apiUrl: string
  requests: RecordedRequest[]
  handle(handler: Handler): void
  close(): Promise<void>
}

export const json = (res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers })
  res.end(JSON.stringify(body))
}

/** A real HTTP server on 127.0.0.1, answering `{}` unless told otherwise. */
export async function startServer(onConnection?: (server: http.Server) => void): Promise<TestServer> {
  let handler: Handler = (_req, res) => json(res, 200, {})
  const requests: RecordedRequest[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      const recorded = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      }
      requests.push(recorded)
      handler(recorded, res)
    })
  })
  onConnection?.(server)
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`
  return {
    origin,
    apiUrl: `${origin}/3.0`,
    requests,
    handle: (h) => {
      handler = h
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A port that nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

export const TEST_KEY = "0123456789abcdef0123456789abcdef-us6"
