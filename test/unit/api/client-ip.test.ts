import { clientIp } from "../../../src/api/utils/client-ip"

describe("client IP from X-Forwarded-For", () => {
  it("one trusted proxy (Medusa's own setting): the entry that proxy appended, never the client-written left", () => {
    expect(clientIp("10.0.0.2", "203.0.113.66, 192.0.2.9", 1)).toBe("192.0.2.9")
    expect(clientIp("10.0.0.2", ["203.0.113.66", "192.0.2.9"], 1)).toBe("192.0.2.9")
    expect(clientIp("10.0.0.2", "192.0.2.9", 1)).toBe("192.0.2.9")
  })

  it("more hops: counted from the right", () => {
    const xff = "203.0.113.66, 192.0.2.9, 10.0.0.7"
    expect(clientIp("10.0.0.2", xff, 2)).toBe("192.0.2.9")
    expect(clientIp("10.0.0.2", xff, 3)).toBe("203.0.113.66")
    // Fewer entries than hops: the leftmost is the best there is.
    expect(clientIp("10.0.0.2", "192.0.2.9", 4)).toBe("192.0.2.9")
  })

  it("no proxy (0 hops) or no header: the socket's peer", () => {
    expect(clientIp("198.51.100.4", "203.0.113.66", 0)).toBe("198.51.100.4")
    expect(clientIp("198.51.100.4", undefined, 1)).toBe("198.51.100.4")
    expect(clientIp("::ffff:127.0.0.1", undefined, 1)).toBe("127.0.0.1")
    expect(clientIp("2001:db8::1", undefined, 1)).toBe("2001:db8::1")
  })

  it("anything that is not an address → null", () => {
    expect(clientIp("10.0.0.2", "203.0.113.66, <script>", 1)).toBeNull()
    expect(clientIp(undefined, undefined, 1)).toBeNull()
  })
})
