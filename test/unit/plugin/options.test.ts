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

  it("signup and evidence options: safe defaults, environment fallbacks, bad values named", () => {
    const base = { apiKey: "k-us1", audienceId: "l", redisUrl: "redis://x" }
    const defaults = parsePluginOptions(base)
    expect(defaults).toEqual(
      expect.objectContaining({
        confirmSignups: true,
        trustedProxyHops: 1,
        allowCustomApiUrl: false,
        signupLimits: { perIp: 5, ipWindowSeconds: 600, perAddress: 3, addressWindowSeconds: 86_400 },
      })
    )
    expect(defaults.evidenceSecret).toBeUndefined()
    expect(defaults.signupGuard).toBeUndefined()

    Object.assign(process.env, {
      MAILCHIMP_CONFIRM_SIGNUPS: "false",
      MAILCHIMP_TRUSTED_PROXY_HOPS: "2",
      MAILCHIMP_SIGNUP_LIMIT_PER_IP: "0",
      MAILCHIMP_EVIDENCE_SECRET: "x".repeat(32),
    })
    const fromEnv = parsePluginOptions(base)
    expect(fromEnv.confirmSignups).toBe(false)
    expect(fromEnv.trustedProxyHops).toBe(2)
    expect(fromEnv.signupLimits).toEqual({ perIp: 0, ipWindowSeconds: 600, perAddress: 3, addressWindowSeconds: 86_400 })
    expect(fromEnv.evidenceSecret).toBe("x".repeat(32))

    const guard = async () => true
    expect(parsePluginOptions({ ...base, signupGuard: guard }).signupGuard).toBe(guard)
    expect(() => parsePluginOptions({ ...base, signupGuard: "yes" })).toThrow(/signupGuard/)
    expect(() => parsePluginOptions({ ...base, trustedProxyHops: -1 })).toThrow(/trustedProxyHops/)
    expect(() => parsePluginOptions({ ...base, evidenceSecret: "short" })).toThrow(/evidenceSecret/)
    expect(() => parsePluginOptions({ ...base, signupLimits: { perAddress: 1.5 } })).toThrow(/signupLimits.perAddress/)
  })

  it("in production, apiUrl must be https on a Mailchimp API host unless allowCustomApiUrl says otherwise", () => {
    const base = { apiKey: "k-us1", audienceId: "l", redisUrl: "redis://x" }
    process.env.NODE_ENV = "production"
    expect(parsePluginOptions(base).apiUrl).toBeUndefined()
    expect(parsePluginOptions({ ...base, apiUrl: "https://us6.api.mailchimp.com/3.0" }).apiUrl).toBe("https://us6.api.mailchimp.com/3.0")
    for (const apiUrl of [
      "http://us6.api.mailchimp.com/3.0",
      "https://proxy.example.com/3.0",
      "https://us6.api.mailchimp.com.evil.example/3.0",
      "https://user:pw@us6.api.mailchimp.com/3.0",
      "http://127.0.0.1:4010/3.0",
    ]) {
      expect(() => parsePluginOptions({ ...base, apiUrl })).toThrow(/apiUrl.*allowCustomApiUrl/)
    }
    expect(parsePluginOptions({ ...base, apiUrl: "http://127.0.0.1:4010/3.0", allowCustomApiUrl: true }).apiUrl).toBe("http://127.0.0.1:4010/3.0")
    process.env.MAILCHIMP_ALLOW_CUSTOM_API_URL = "true"
    expect(parsePluginOptions({ ...base, apiUrl: "https://proxy.example.com/3.0" }).allowCustomApiUrl).toBe(true)
    process.env.NODE_ENV = "development"
    delete process.env.MAILCHIMP_ALLOW_CUSTOM_API_URL
    expect(parsePluginOptions({ ...base, apiUrl: "http://127.0.0.1:4010/3.0" }).apiUrl).toBe("http://127.0.0.1:4010/3.0")
  })

  it("salesChannels: each channel a store; a shared domain must be a shared store; one store, one audience, currency and name", () => {
    const base = { apiKey: "k-us1", audienceId: "aud1", redisUrl: "redis://x" }
    const eu = { storeId: "eu", name: "EU", currency: "eur", storefrontUrl: "https://eu.example.com" }
    const us = { storeId: "us", name: "US", currency: "USD", storefrontUrl: "https://us.example.com", audienceId: "aud2" }
    const ok = parsePluginOptions({ ...base, salesChannels: { sc_eu: eu, sc_us: us, sc_eu_b2b: { ...eu, storefrontUrl: "https://EU.example.com/b2b" } } })
    expect(ok.salesChannels!.sc_eu.currency).toBe("EUR")
    expect(parsePluginOptions(base).salesChannels).toBeUndefined()
    const fail = (salesChannels: unknown) => {
      try {
        parsePluginOptions({ ...base, salesChannels })
      } catch (e) {
        return (e as Error).message
      }
      throw new Error("accepted")
    }
    expect(fail({ sc_a: eu, sc_b: { ...us, storefrontUrl: "https://eu.example.com/other" } })).toMatch(/salesChannels\.sc_b\.storefrontUrl: the domain eu\.example\.com is also channel sc_a's .*must share one storeId/)
    expect(fail({ sc_a: eu, sc_b: { ...eu, audienceId: "aud2" } })).toMatch(/salesChannels\.sc_b\.audienceId: store eu is also channel sc_a's with another audience/)
    // The default audience is the plugin's: naming it is the same audience.
    expect(() => parsePluginOptions({ ...base, salesChannels: { sc_a: eu, sc_b: { ...eu, audienceId: "aud1" } } })).not.toThrow()
    expect(fail({ sc_a: eu, sc_b: { ...eu, currency: "USD" } })).toMatch(/sc_b\.currency: store eu is also channel sc_a's in EUR/)
    expect(fail({ sc_a: { ...eu, currency: "euro" } })).toMatch(/salesChannels\.sc_a\.currency: an ISO 4217 currency code/)
    expect(fail({ sc_a: { name: "x", currency: "EUR" } })).toMatch(/salesChannels\.sc_a\.storeId/)
  })
})
