import { defineConfig, loadEnv, Modules } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

// The store used by the demo, the tests and the benchmarks: this repository's src/ is loaded
// as the store's own code, with the plugin's module and the options a merchant would give it.

// The plugin's options: a plugin install hands the same object to each of its modules.
const mailchimpOptions = {
  redisUrl: process.env.MAILCHIMP_REDIS_URL || process.env.REDIS_URL || "redis://127.0.0.1:6379",
  tags: process.env.MAILCHIMP_TAGS,
  queuePrefix: process.env.MAILCHIMP_QUEUE_PREFIX,
  retryBaseDelayMs: process.env.MAILCHIMP_RETRY_BASE_MS ? Number(process.env.MAILCHIMP_RETRY_BASE_MS) : undefined,
  reconcileAfterSeconds: process.env.MAILCHIMP_RECONCILE_AFTER_S
    ? Number(process.env.MAILCHIMP_RECONCILE_AFTER_S)
    : undefined,
  customerSyncDelayMs: process.env.MAILCHIMP_CUSTOMER_SYNC_DELAY_MS
    ? Number(process.env.MAILCHIMP_CUSTOMER_SYNC_DELAY_MS)
    : undefined,
}

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    workerMode: (process.env.MEDUSA_WORKER_MODE as "shared" | "worker" | "server") || "shared",
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000,http://localhost:9000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000",
      authCors: process.env.AUTH_CORS || "http://localhost:8000,http://localhost:9000",
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
  admin: { disable: process.env.MEDUSA_ADMIN_DISABLE === "true" },
  modules: [
        { resolve: "./src/modules/mailchimp", options: mailchimpOptions },
        { resolve: "./src/modules/mailchimp-commerce", options: mailchimpOptions },
        { resolve: "./src/modules/mailchimp-campaigns", options: mailchimpOptions },
        { resolve: "./src/modules/mailchimp-segments", options: mailchimpOptions },
        { resolve: "./src/modules/mailchimp-journeys", options: mailchimpOptions },
        // Events through Redis, as a store with separate server and worker processes runs them (the benchmarks).
        ...(process.env.EVENT_BUS_REDIS_URL
          ? [
              {
                key: Modules.EVENT_BUS,
                resolve: "@medusajs/medusa/event-bus-redis",
                options: {
                  redisUrl: process.env.EVENT_BUS_REDIS_URL,
                  workerOptions: { concurrency: Number(process.env.EVENT_BUS_CONCURRENCY || 10) },
                },
              },
            ]
          : []),
      ],
})
