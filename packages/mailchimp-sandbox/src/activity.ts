/**
 * The activity a sent campaign gets: drawn per recipient from a generator seeded with the sandbox's
 * `activitySeed`, the campaign's ordinal and the address, so that the same seed and the same steps give the same
 * opens, clicks, bounces and unsubscribes on every run. Reports are computed from it.
 */
import { apiTime } from "./time"
import { between, seededRandom } from "./random"
import type { ActivityEvent, ActivityRates, CampaignOutcome, CampaignRecipient } from "./types"

export const DEFAULT_ACTIVITY_RATES: ActivityRates = {
  hard_bounce: 0.04,
  soft_bounce: 0.04,
  open: 0.5,
  reopen: 0.3,
  click: 0.4,
  unsubscribe: 0.05,
  abuse: 0.01,
}

const MINUTE = 60_000

/** The http(s) links of the content, in order, each once (merge tags such as *|UNSUB|* are not links). */
export function contentLinks(html: string, plainText: string): string[] {
  const found: string[] = []
  const add = (url: string) => {
    if (/^https?:\/\//i.test(url) && !found.includes(url)) found.push(url)
  }
  if (html.trim()) {
    for (const m of html.matchAll(/href\s*=\s*["']([^"']+)["']/gi)) add(m[1].trim())
  } else {
    for (const m of plainText.matchAll(/https?:\/\/[^\s<>"')\]]+/gi)) add(m[0])
  }
  return found
}

export function generateOutcome(input: {
  seed: string
  ordinal: number
  recipients: CampaignRecipient[]
  links: string[]
  sendTime: Date
  rates: ActivityRates
}): CampaignOutcome {
  const { rates, links, sendTime } = input
  const at = (minutes: number) => apiTime(new Date(sendTime.getTime() + minutes * MINUTE))
  const outcome: CampaignOutcome = {
    recipients: input.recipients,
    activity: new Map(),
    unsubscribes: [],
    abuse_reports: [],
    links,
  }
  for (const r of input.recipients) {
    const random = seededRandom(`${input.seed}|campaign ${input.ordinal}|${r.email_address.toLowerCase()}`)
    const ip = `198.51.100.${between(random, 1, 254)}`
    const events: ActivityEvent[] = []
    outcome.activity.set(r.id, events)
    const fate = random()
    if (fate < rates.hard_bounce) {
      events.push({ action: "bounce", type: "hard", timestamp: at(between(random, 1, 10)) })
      continue
    }
    if (fate < rates.hard_bounce + rates.soft_bounce) {
      events.push({ action: "bounce", type: "soft", timestamp: at(between(random, 1, 10)) })
      continue
    }
    let last = 0
    if (random() < rates.open) {
      const firstOpen = between(random, 2, 6 * 60)
      let minute = firstOpen
      const opens = random() < rates.reopen ? between(random, 2, 4) : 1
      for (let i = 0; i < opens; i++) {
        events.push({ action: "open", timestamp: at(minute), ip })
        last = minute
        minute += between(random, 5, 24 * 60)
      }
      if (links.length && random() < rates.click) {
        let minuteOfClick = firstOpen + between(random, 1, 30)
        const clicks = random() < 0.3 ? 2 : 1
        for (let i = 0; i < clicks; i++) {
          events.push({ action: "click", timestamp: at(minuteOfClick), url: links[between(random, 0, links.length - 1)], ip })
          last = Math.max(last, minuteOfClick)
          minuteOfClick += between(random, 1, 60)
        }
      }
    }
    if (random() < rates.unsubscribe) {
      outcome.unsubscribes.push({ id: r.id, timestamp: at(last + between(random, 1, 120)) })
    } else if (random() < rates.abuse) {
      outcome.abuse_reports.push({ id: r.id, timestamp: at(last + between(random, 1, 120)) })
    }
    events.sort((a, b) => a.timestamp.localeCompare(b.timestamp))
  }
  return outcome
}
