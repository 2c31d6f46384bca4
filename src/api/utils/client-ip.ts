import { isIP } from "node:net"

/**
 * The client's IP as the store's own proxies saw it. Each proxy appends the address it received the
 * request from to X-Forwarded-For, so only the rightmost `hops` entries were written by them; whatever
 * is left of those, the client wrote. With `hops` trusted proxies the client is the entry `hops` from
 * the right, counting the socket's peer as hop 0 — as Express's `trust proxy: <n>` counts (Medusa fixes
 * it at 1). With fewer entries than hops, the leftmost is the best there is. Answers null for anything
 * that is not an IP address.
 */
export function clientIp(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, hops: number): string | null {
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
  // Nearest first: the socket's peer, then the entries from the right.
  const chain = [socketAddress ?? "", ...forwarded.reverse()]
  return normalizeIp(chain[Math.min(hops, chain.length - 1)])
}

/** IPv4 addresses reached over an IPv6 socket come as ::ffff:a.b.c.d: Mailchimp gets a.b.c.d. */
function normalizeIp(value: string): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value)
  const ip = mapped ? mapped[1] : value
  return isIP(ip) ? ip : null
}
