import { parsePluginOptions } from "../../../src/options"

describe("plugin options", () => {
  const env = { ...process.env }
  afterEach(() => {
    process.env = { ...env }
  })

  it("takes the key, audience and URL from the environment when not given", () => {
    process.env.MAILCHIMP_API_KEY = "abc123-us6"
    process.env.MAILCHIMP_AUDIENCE_ID = "list1"
    process.env.MAILCHIMP_API_URL = "http://127.0.0.1:4010/3.0"
    const options = parsePluginOptions({}, "redis://127.0.0.1:6379")
    expect(options).toEqual(
      expect.objectContaining({
        apiKey: "abc123-us6",
        audienceId: "list1",
        apiUrl: "http://127.0.0.1:4010/3.0",
        doubleOptIn: "audience",
        tags: [],
        queuePrefix: "{mailchimp}",
        redisUrl: "redis://127.0.0.1:6379",
        maxConcurrentCalls: 10,
      })
    )
  })

  it("prefers the given options, and reads tags and double opt-in from strings", () => {
    process.env.MAILCHIMP_DOUBLE_OPT_IN = "true"
    const options = parsePluginOptions({ apiKey: "k-us1", audienceId: "l", tags: "vip, checkout ,", redisUrl: "redis://x" })
    expect(options.tags).toEqual(["vip", "checkout"])
    expect(options.doubleOptIn).toBe(true)
  })

  it("names every bad option and never prints the key", () => {
    delete process.env.MAILCHIMP_AUDIENCE_ID
    const secret = "0123456789abcdef0123456789abcdef-us9"
    let message = ""
    try {
      parsePluginOptions({ apiKey: secret, doubleOptIn: "sometimes", maxConcurrentCalls: 50, apiUrl: "not a url" }, "redis://x")
    } catch (e) {
      message = (e as Error).message
    }
    expect(message).toMatch(/audienceId/)
    expect(message).toMatch(/doubleOptIn/)
    expect(message).toMatch(/maxConcurrentCalls/)
    expect(message).toMatch(/apiUrl/)
    expect(message).not.toContain(secret)
  })

  it("refuses to boot without a Redis URL", () => {
    delete process.env.REDIS_URL
    expect(() => parsePluginOptions({ apiKey: "k-us1", audienceId: "l" })).toThrow(/redisUrl/)
  })
})
