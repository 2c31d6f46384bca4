/** A fake key in Mailchimp's shape: 32 hex characters, a dash, the data centre. */
export const SANDBOX_API_KEY = "0123456789abcdef0123456789abcdef-us1"

/** The audience every fresh sandbox holds (10 hex characters, like Mailchimp's list ids). */
export const SANDBOX_AUDIENCE_ID = "a1b2c3d4e5"

export const SANDBOX_AUDIENCE_NAME = "Sandbox Audience"

export const DEFAULT_PORT = 4010
export const DEFAULT_HOST = "127.0.0.1"
export const DEFAULT_MAX_CONCURRENT = 10
/**
 * Waits before each retry of a webhook delivery, in Mailchimp's time: Mailchimp retries a URL that does not
 * answer 2xx at growing intervals over 75 minutes (its "Sync audience data with webhooks" guide); three retries
 * (its release note of 2021-04-05). `webhookClockScale` shrinks them for tests.
 */
export const DEFAULT_WEBHOOK_RETRY_DELAYS_MS = [5 * 60_000, 20 * 60_000, 50 * 60_000]
/** Mailchimp waits 10 s for a webhook URL to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000
/** The largest JSON body /3.0 parses (express.json's limit), batch operations' bodies included. */
export const API_BODY_LIMIT_BYTES = 10 * 1024 * 1024
/** Mailchimp's limit for batch subscribe. */
export const BATCH_MAX_MEMBERS = 500
/** Kept in memory: the newest entries of the request log and of the delivery log. */
export const MAX_LOG_ENTRIES = 5000

export const ERROR_DOC_URL = "https://mailchimp.com/developer/marketing/docs/errors/"
/** Mailchimp's limit of batches waiting to run, per user. */
export const DEFAULT_MAX_PENDING_BATCHES = 500
export const DEFAULT_BATCH_START_DELAY_MS = 50
export const DEFAULT_CAMPAIGN_SEND_DELAY_MS = 100
export const DEFAULT_ACTIVITY_SEED = "sandbox"
/** Static segment add/remove: at most 500 addresses each per call. */
export const SEGMENT_MAX_MEMBERS = 500
