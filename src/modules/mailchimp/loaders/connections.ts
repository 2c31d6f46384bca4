import { asValue } from "@medusajs/framework/awilix"
import type { LoaderOptions, Logger } from "@medusajs/framework/types"
import { MailchimpClient } from "../../../mailchimp"
import { parsePluginOptions, type PluginOptions } from "../../../options"
import { RedisCallPermits } from "../queue-runtime/call-permits"
import { MailchimpQueue, QUEUE_NAME } from "../queue-runtime/queue"
import { RedisRateLimit } from "../queue-runtime/rate-limit"
import { createRedisConnection } from "../queue-runtime/redis-connection"

/** What this loader registers in the module's container; the service takes them in its constructor. */
export type MailchimpConnections = {
  /** The producer connection: fails fast while Redis is away (the row stays pending for the reconciler). */
  mailchimpRedisConnection: ReturnType<typeof createRedisConnection>
  mailchimpCallPermits: RedisCallPermits
  mailchimpRateLimit: RedisRateLimit
  mailchimpClient: MailchimpClient
  /** Producer-only until the service starts its worker (worker or shared mode, onApplicationStart). */
  mailchimpQueue: MailchimpQueue
}

/**
 * Builds the module's connections once, when Medusa loads the module, and registers them with `asValue`, as
 * Medusa's event-bus-redis does with its Redis connection. Nothing here waits for Redis: a store boots while
 * Redis is away, and what it writes meanwhile is queued by the reconciler later. Every key stays under the
 * queue prefix (its braces keep them in one Redis Cluster slot). The worker is not built here: only a process
 * that runs workers starts one (the service's onApplicationStart). Migrations do not run loaders.
 */
export default async function connectionsLoader({ container, options, logger }: LoaderOptions<Record<string, unknown>>) {
  const configModule = container.resolve<{ projectConfig?: { redisUrl?: string } } | undefined>("configModule", {
    allowUnregistered: true,
  })
  const configured = parsePluginOptions(options ?? {}, configModule?.projectConfig?.redisUrl || undefined)
  const connections = createConnections(configured, logger ?? container.resolve("logger"))
  container.register(Object.fromEntries(Object.entries(connections).map(([key, value]) => [key, asValue(value)])))
}

/** One process's connections (a test builds a second set to act as another worker process on the same Redis). */
export function createConnections(configured: PluginOptions, logger: Logger): MailchimpConnections {
  const producer = createRedisConnection(configured.redisUrl, "producer")
  const permits = new RedisCallPermits(producer, `${configured.queuePrefix}:${QUEUE_NAME}:call-permits`, configured.maxConcurrentCalls)
  const rateLimit = new RedisRateLimit(producer, `${configured.queuePrefix}:rate-limit`)
  return {
    mailchimpRedisConnection: producer,
    mailchimpCallPermits: permits,
    mailchimpRateLimit: rateLimit,
    mailchimpClient: new MailchimpClient({ apiKey: configured.apiKey, apiUrl: configured.apiUrl, permits }),
    mailchimpQueue: new MailchimpQueue(configured, logger, { producer, permits, rateLimit }),
  }
}
