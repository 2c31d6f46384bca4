import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ArrowPath } from "@medusajs/icons"
import { Alert, Button, Container, Heading, StatusBadge, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useState } from "react"
import { BackfillSection } from "../../components/backfill-section"
import { CartsSection } from "../../components/carts-section"
import { PromotionsSection } from "../../components/promotions-section"
import { SalesChannelsSection } from "../../components/sales-channels-section"
import { Figure } from "../../components/figure"
import { SectionRow } from "../../components/section-row"
import type { ReconcilerKind } from "../../../types/http"
import { errorMessage, FailedJob, SyncView, useFailedJobAction, useMailchimpSync } from "../../lib/api"
import { ago, count, dateTime, duration } from "../../lib/format"
import { Pager } from "../../components/pager"
import { PageQueryState } from "../../components/query-state"

const PAGE_SIZE = 20

function QueueSection({ sync }: { sync: SyncView }) {
  const q = sync.queue
  return (
    <Container className="divide-y p-0" data-testid="mailchimp-queue">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Queue</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Every Mailchimp write goes through it, at most ten at a time. Refreshed every two seconds.
          </Text>
        </div>
        <StatusBadge color={q.available ? "green" : "red"}>{q.available ? "Redis reachable" : "Redis unreachable"}</StatusBadge>
      </div>
      {!q.available && (
        <div className="px-6 py-4">
          <Alert variant="error">
            The queue cannot be read ({q.error}). Work is kept in Postgres and the reconciler queues it once Redis is back.
          </Alert>
        </div>
      )}
      <div className="grid grid-cols-4 divide-x">
        <Figure label="Waiting" value={count(q.waiting)} />
        <Figure label="Active" value={count(q.active)} />
        <Figure label="Delayed" value={count(q.delayed)} tone={q.delayed ? "warning" : undefined} />
        <Figure label="Failed" value={count(q.failed)} tone={q.failed ? "error" : undefined} />
      </div>
    </Container>
  )
}

function WorkSection({ sync }: { sync: SyncView }) {
  const run = sync.reconciler.last_run
  // Each kind found: what became of its rows (they add up to the number found).
  const kinds = run?.result?.kinds ?? {}
  const foundText = Object.keys(kinds).length
    ? Object.entries(kinds)
        .map(([name, k]) => `${name} ${count(k.found)} (${reconciledText(k)})`)
        .join(", ")
    : "nothing"
  return (
    <Container className="divide-y p-0" data-testid="mailchimp-reconciler">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Work in Postgres</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            The store's records are the source of truth; the reconciler queues again whatever is not done{" "}
            {sync.reconciler.after_seconds} s after its last change, {sync.reconciler.schedule}.
          </Text>
        </div>
        {run && (
          <StatusBadge color={run.outcome === "ok" ? "green" : "red"}>
            {run.outcome === "ok" ? "Reconciler ran" : "Reconciler failed"}
          </StatusBadge>
        )}
      </div>
      <div className="grid grid-cols-4 divide-x">
        <Figure label="Consents pending" value={count(sync.consents.pending)} />
        <Figure label="Consents failed" value={count(sync.consents.failed)} tone={sync.consents.failed ? "error" : undefined} />
        <Figure label="Webhook events waiting" value={count(sync.webhook_events.waiting)} />
        <Figure
          label="Webhook events failed"
          value={count(sync.webhook_events.failed)}
          tone={sync.webhook_events.failed ? "error" : undefined}
        />
      </div>
      <SectionRow
        title="Reconciler's last run"
        value={run ? `${dateTime(run.finished_at)} (${ago(run.finished_at)}), took ${duration(run.duration_ms)}` : "Not run yet"}
        testId="mailchimp-reconciler-last-run"
      />
      {run && (
        <SectionRow
          title="Found unfinished"
          value={
            run.outcome === "ok"
              ? `${foundText}; in all ${reconciledText({
                  queued: run.result?.queued ?? 0,
                  already_queued: run.result?.already_queued ?? 0,
                  unavailable: run.result?.unavailable ?? 0,
                  skipped: run.result?.skipped ?? 0,
                })}`
              : run.error ?? "–"
          }
        />
      )}
    </Container>
  )
}

/**
 * What became of the rows found: queued now, their job already waiting (or delayed, or running), not queued (Redis
 * unreachable), or skipped (with the reasons, per kind).
 */
function reconciledText(k: Omit<ReconcilerKind, "found">): string {
  const reasons = Object.entries(k.skipped_reasons ?? {}).map(([reason, n]) => `${count(n)} ${reason}`)
  return (
    `queued ${count(k.queued)}, already queued ${count(k.already_queued)}` +
    (k.unavailable ? `, ${count(k.unavailable)} not queued (Redis unreachable)` : "") +
    (k.skipped ? `, ${count(k.skipped)} skipped${reasons.length ? ` (${reasons.join("; ")})` : ""}` : "")
  )
}

function describeJob(job: FailedJob): string {
  return Object.entries(job.data)
    .map(([k, v]) => `${k} ${String(v)}`)
    .join(", ")
}

function FailedJobsSection({ sync, page, setPage }: { sync: SyncView; page: number; setPage: (p: number) => void }) {
  const retry = useFailedJobAction("retry")
  const discard = useFailedJobAction("discard")
  const prompt = usePrompt()
  const total = sync.queue.failed ?? sync.failed_jobs.length

  const onRetry = (job: FailedJob) =>
    retry.mutate(job.id, {
      onSuccess: () => toast.success(`${job.name} queued again`),
      onError: (e) => toast.error(errorMessage(e)),
    })
  const onDiscard = async (job: FailedJob) => {
    const ok = await prompt({
      title: "Discard this job?",
      description: "It leaves the queue and its record stays failed: nothing sends it to Mailchimp again unless you retry it.",
      confirmText: "Discard",
      cancelText: "Cancel",
    })
    if (!ok) return
    discard.mutate(job.id, {
      onSuccess: () => toast.success(`${job.name} discarded`),
      onError: (e) => toast.error(errorMessage(e)),
    })
  }

  return (
    <Container className="divide-y p-0" data-testid="mailchimp-failed-jobs">
      <div className="px-6 py-4">
        <Heading level="h2">Failed jobs</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Mailchimp refused them, or they ran out of attempts. Retry after fixing the cause, or discard.
        </Text>
      </div>
      {sync.failed_jobs.length === 0 ? (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            No failed jobs.
          </Text>
        </div>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Job</Table.HeaderCell>
              <Table.HeaderCell>Reason</Table.HeaderCell>
              <Table.HeaderCell>Attempts</Table.HeaderCell>
              <Table.HeaderCell>Failed</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Actions</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {sync.failed_jobs.map((job) => (
              <Table.Row key={job.id} data-testid="mailchimp-failed-job">
                <Table.Cell className="max-w-[220px]">
                  <div className="flex flex-col">
                    <Text size="small" weight="plus">
                      {job.name}
                    </Text>
                    <Text size="xsmall" className="text-ui-fg-subtle truncate" title={job.id}>
                      {describeJob(job)}
                    </Text>
                  </div>
                </Table.Cell>
                <Table.Cell className="max-w-[360px] whitespace-normal break-words py-2">
                  <Text size="small" className="text-ui-fg-error">
                    {job.failed_reason || "No reason given"}
                  </Text>
                </Table.Cell>
                <Table.Cell>{job.attempts_made}</Table.Cell>
                <Table.Cell>{ago(job.failed_at)}</Table.Cell>
                <Table.Cell className="text-right">
                  <div className="flex justify-end gap-x-2">
                    <Button size="small" variant="secondary" onClick={() => onRetry(job)} disabled={retry.isPending}>
                      Retry
                    </Button>
                    <Button size="small" variant="danger" onClick={() => onDiscard(job)} disabled={discard.isPending}>
                      Discard
                    </Button>
                  </div>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <Pager total={total} pageSize={PAGE_SIZE} page={page} setPage={setPage} />
    </Container>
  )
}

const MailchimpSyncPage = () => {
  const [page, setPage] = useState(0)
  const { data, isError, error, isLoading, refetch, isFetching } = useMailchimpSync({ limit: PAGE_SIZE, offset: page * PAGE_SIZE })
  return (
    <div className="flex flex-col gap-y-3">
      <Container className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading>Mailchimp sync</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            What is on its way to Mailchimp, what failed, and the backfill of the store's history.
          </Text>
        </div>
        <Button size="small" variant="transparent" onClick={() => refetch()} isLoading={isFetching && !isLoading}>
          Refresh
        </Button>
      </Container>
      <PageQueryState isLoading={isLoading} isError={isError} error={error} />
      {data && (
        <>
          <QueueSection sync={data} />
          <FailedJobsSection sync={data} page={page} setPage={setPage} />
          <WorkSection sync={data} />
          <CartsSection carts={data.carts} />
        </>
      )}
      <PromotionsSection />
      <SalesChannelsSection />
      <BackfillSection />
    </div>
  )
}

export const config = defineRouteConfig({ label: "Mailchimp", icon: ArrowPath })

export default MailchimpSyncPage
