import { Container, Heading, Table, Text } from "@medusajs/ui"
import { useMemo } from "react"
import { Link, useParams } from "react-router-dom"
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts"
import { CampaignStatusBadge } from "../../../../../components/campaign-status"
import { Figure } from "../../../../../components/figure"
import { SectionRow } from "../../../../../components/section-row"
import { CampaignReportView, RevenueLine, useCampaignReport } from "../../../../../lib/campaigns-api"
import { ago, count, dateTime, money } from "../../../../../lib/format"
import { PageQueryState } from "../../../../../components/query-state"

const HOUR = 3_600_000
// A chart of more hours than this shows the hours that have activity only.
const MAX_FILLED_HOURS = 24 * 14

function percent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !isFinite(rate)) return "–"
  return `${(rate * 100).toLocaleString(undefined, { maximumFractionDigits: 1 })}%`
}

type Point = { hour: number; opens: number; clicks: number }

/** Opens and clicks per hour, with the quiet hours in between at zero. */
export function chartPoints(activity: CampaignReportView["activity"]): Point[] {
  const byHour = new Map<number, Point>()
  for (const a of activity) {
    if (a.action !== "open" && a.action !== "click") continue
    const hour = new Date(a.hour).getTime()
    const p = byHour.get(hour) ?? { hour, opens: 0, clicks: 0 }
    if (a.action === "open") p.opens += a.events
    else p.clicks += a.events
    byHour.set(hour, p)
  }
  const hours = [...byHour.keys()].sort((a, b) => a - b)
  if (!hours.length) return []
  const first = hours[0]
  const last = hours[hours.length - 1]
  if ((last - first) / HOUR > MAX_FILLED_HOURS) return hours.map((h) => byHour.get(h)!)
  const points: Point[] = []
  for (let h = first; h <= last; h += HOUR) points.push(byHour.get(h) ?? { hour: h, opens: 0, clicks: 0 })
  return points
}

const hourLabel = (t: number) => new Date(t).toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" })

function ActivityChart({ activity }: { activity: CampaignReportView["activity"] }) {
  const points = useMemo(() => chartPoints(activity), [activity])
  const totals = points.reduce((t, p) => ({ opens: t.opens + p.opens, clicks: t.clicks + p.clicks }), { opens: 0, clicks: 0 })
  if (!points.length) {
    return (
      <Text size="small" className="text-ui-fg-subtle">
        No opens or clicks recorded yet.
      </Text>
    )
  }
  return (
    <div
      role="img"
      aria-label={`Opens and clicks per hour: ${totals.opens} opens and ${totals.clicks} clicks over ${points.length} hours`}
      data-testid="mailchimp-campaign-chart"
      className="h-[320px] w-full"
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border-base, #e4e4e7)" />
          <XAxis dataKey="hour" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={hourLabel} fontSize={12} />
          <YAxis allowDecimals={false} fontSize={12} width={40} />
          <Tooltip labelFormatter={(t) => hourLabel(Number(t))} />
          <Legend />
          <Line type="monotone" dataKey="opens" name="Opens" stroke="#3b82f6" strokeWidth={2} dot={points.length < 30} isAnimationActive={false} />
          <Line type="monotone" dataKey="clicks" name="Clicks" stroke="#10b981" strokeWidth={2} dot={points.length < 30} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  )
}

function RevenueTable({ lines, testId, empty }: { lines: RevenueLine[]; testId: string; empty: string }) {
  if (!lines.length) {
    return (
      <Text size="small" className="text-ui-fg-subtle" data-testid={testId}>
        {empty}
      </Text>
    )
  }
  return (
    <Table data-testid={testId}>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Currency</Table.HeaderCell>
          <Table.HeaderCell>Orders</Table.HeaderCell>
          <Table.HeaderCell>Revenue</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {lines.map((l) => (
          <Table.Row key={l.currency_code}>
            <Table.Cell>{l.currency_code.toUpperCase()}</Table.Cell>
            <Table.Cell>{count(l.orders)}</Table.Cell>
            <Table.Cell>{money(l.revenue, l.currency_code)}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}

const CampaignReportPage = () => {
  const { id = "" } = useParams()
  const { data, isLoading, isError, error } = useCampaignReport(id)
  const r = data?.report
  const attribution = data?.attribution

  return (
    <div className="flex flex-col gap-y-3">
      <PageQueryState isLoading={isLoading} isError={isError} error={error} />
      {data && (
        <>
          <Container className="divide-y p-0" data-testid="mailchimp-campaign-report">
            <div className="flex items-center justify-between px-6 py-4">
              <div className="flex flex-col">
                <Text size="small" className="text-ui-fg-subtle">
                  <Link to="/mailchimp/campaigns">Campaigns</Link> › <Link to={`/mailchimp/campaigns/${data.campaign.id}`}>{data.campaign.subject}</Link> ›
                </Text>
                <Heading>Report: {data.campaign.subject}</Heading>
                <Text size="small" className="text-ui-fg-subtle">
                  {data.campaign.sent_at ? `Sent ${dateTime(data.campaign.sent_at)}. ` : ""}
                  {r?.pulled_at
                    ? `Figures pulled from Mailchimp ${ago(r.pulled_at)} (${dateTime(r.pulled_at)}); pulled again every hour.`
                    : "Mailchimp's figures are pulled every hour after the send."}
                </Text>
              </div>
              <CampaignStatusBadge status={data.campaign.status} />
            </div>
            {!r ? (
              <div className="px-6 py-4" data-testid="mailchimp-report-none">
                <Text size="small" className="text-ui-fg-subtle">
                  No figures yet: the report is pulled within the hour after the send.
                </Text>
              </div>
            ) : (
              <>
                <div className="grid grid-cols-4 divide-x" data-testid="mailchimp-report-figures">
                  <Figure label="Sends" value={count(r.emails_sent)} />
                  <Figure label="Opens" value={count(r.opens)} />
                  <Figure label="Unique opens" value={count(r.unique_opens)} />
                  <Figure label="Open rate" value={percent(r.open_rate)} />
                </div>
                <div className="grid grid-cols-4 divide-x">
                  <Figure label="Clicks" value={count(r.clicks)} />
                  <Figure label="Unique clicks" value={count(r.unique_clicks)} />
                  <Figure label="Click rate" value={percent(r.click_rate)} />
                  <Figure
                    label="Bounces"
                    value={count(r.hard_bounces + r.soft_bounces)}
                    tone={r.hard_bounces + r.soft_bounces ? "warning" : undefined}
                  />
                </div>
                <div className="grid grid-cols-4 divide-x">
                  <Figure label="Hard bounces" value={count(r.hard_bounces)} />
                  <Figure label="Soft bounces" value={count(r.soft_bounces)} />
                  <Figure label="Unsubscribes" value={count(r.unsubscribed)} />
                  <Figure label="Abuse reports" value={count(r.abuse_reports)} tone={r.abuse_reports ? "error" : undefined} />
                </div>
              </>
            )}
          </Container>

          <Container className="divide-y p-0">
            <div className="px-6 py-4">
              <Heading level="h2">Opens and clicks over time</Heading>
              <Text size="small" className="text-ui-fg-subtle">
                Per hour, from the email activity pulled from Mailchimp.
              </Text>
            </div>
            <div className="px-6 py-4">
              <ActivityChart activity={data.activity} />
            </div>
          </Container>

          <Container className="divide-y p-0" data-testid="mailchimp-campaign-attribution">
            <div className="px-6 py-4">
              <Heading level="h2">Attributed revenue</Heading>
              <Text size="small" className="text-ui-fg-subtle">
                Orders placed through the campaign's links, and apart, other orders by its recipients
                {attribution?.window ? ` within ${attribution.window.days} days of the send` : " after the send"}. Canceled orders are left out.
              </Text>
            </div>
            {!attribution ? (
              <SectionRow title="Revenue" value="The campaign is not in Mailchimp yet" />
            ) : (
              <>
                <div className="flex flex-col gap-y-2 px-6 py-4">
                  <Text size="small" weight="plus">
                    Through the campaign's links
                  </Text>
                  <RevenueTable lines={attribution.campaign_id} testId="mailchimp-attribution-links" empty="No orders through its links yet." />
                </div>
                <div className="flex flex-col gap-y-2 px-6 py-4">
                  <Text size="small" weight="plus">
                    By recipients, without the link
                  </Text>
                  <RevenueTable
                    lines={attribution.recipients}
                    testId="mailchimp-attribution-recipients"
                    empty={attribution.window ? "No other orders by its recipients." : "Counted once the campaign is sent."}
                  />
                </div>
              </>
            )}
          </Container>
        </>
      )}
    </div>
  )
}

export default CampaignReportPage
