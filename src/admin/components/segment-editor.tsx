import { Trash, XMark } from "@medusajs/icons"
import { Alert, Badge, Button, FocusModal, Heading, IconButton, Input, Label, Select, Text, toast } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { errorMessage } from "../lib/api"
import {
  ACTIONS,
  checkSegmentForm,
  COMPARE_OPS,
  CONDITION_KINDS,
  ConditionType,
  DATE_OPS,
  definitionOf,
  draftCondition,
  DraftCondition,
  ITEMS,
  newSegmentForm,
  segmentFormValues,
  SegmentFormErrors,
  SegmentFormValues,
  segmentServerErrors,
} from "../lib/segment-form"
import {
  PickKind,
  Segment,
  useCreateSegment,
  usePickOptions,
  useSegmentPreview,
  useUpdateSegment,
} from "../lib/segments-api"
import { count } from "../lib/format"
import { AudienceSelect } from "./audience-select"
import { FieldError } from "./field-error"

type Props = {
  open: boolean
  onOpenChange: (open: boolean) => void
  /** The segment to edit; none: a new one. */
  segment?: Segment
  onSaved?: (segment: Segment) => void
  /** The audiences in use (the plugin's first): with more than one, a new segment's audience is chosen. */
  audienceIds?: string[]
}

/**
 * The segment builder: a name, match all/any, the conditions, and the count of members they select,
 * asked again (debounced) each time a condition changes. Checked here first, then by the server,
 * whose refusal is shown too.
 */
export function SegmentEditor({ open, onOpenChange, segment, onSaved, audienceIds = [] }: Props) {
  const [values, setValues] = useState<SegmentFormValues>(() => (segment ? segmentFormValues(segment) : newSegmentForm()))
  // A segment's audience is chosen when it is made (its static segment lives there): none to choose with one audience.
  const choosesAudience = !segment && audienceIds.length > 1
  const [audienceId, setAudienceId] = useState<string | undefined>(segment?.audience_id ?? audienceIds[0])
  const [errors, setErrors] = useState<SegmentFormErrors>({})
  const [adding, setAdding] = useState<string>("")
  const create = useCreateSegment()
  const update = useUpdateSegment(segment?.id ?? "")
  const saving = create.isPending || update.isPending

  useEffect(() => {
    if (open) {
      setValues(segment ? segmentFormValues(segment) : newSegmentForm())
      setAudienceId(segment?.audience_id ?? audienceIds[0])
      setErrors({})
    }
  }, [open])

  const definition = definitionOf(values)
  const preview = useSegmentPreview(open ? definition : null, segment?.audience_id ?? (choosesAudience ? audienceId : undefined))

  const setCondition = (key: string, change: Partial<DraftCondition>) =>
    setValues((v) => ({ ...v, conditions: v.conditions.map((c) => (c.key === key ? { ...c, ...change } : c)) }))
  const removeCondition = (key: string) => setValues((v) => ({ ...v, conditions: v.conditions.filter((c) => c.key !== key) }))
  const addCondition = (type: ConditionType) => setValues((v) => ({ ...v, conditions: [...v.conditions, draftCondition(type)] }))

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    const checked = checkSegmentForm(values)
    setErrors(checked.errors)
    if (!checked.body) return
    const options = {
      onSuccess: (data: { segment: Segment }) => {
        toast.success(segment ? "Segment saved" : "Segment created", {
          description: `${count(data.segment.member_count)} members; on its way to Mailchimp.`,
        })
        onOpenChange(false)
        onSaved?.(data.segment)
      },
      onError: (err: unknown) => setErrors(segmentServerErrors(errorMessage(err), values)),
    }
    if (segment) update.mutate(checked.body, options)
    else create.mutate(choosesAudience && audienceId ? { ...checked.body, audience_id: audienceId } : checked.body, options)
  }

  return (
    <FocusModal open={open} onOpenChange={onOpenChange}>
      <FocusModal.Content aria-describedby={undefined}>
        <form onSubmit={submit} noValidate className="flex h-full flex-col overflow-hidden" data-testid="mailchimp-segment-form">
          <FocusModal.Header>
            <div className="flex w-full items-center justify-end gap-x-2">
              <FocusModal.Close asChild>
                <Button size="small" variant="secondary" type="button">
                  Cancel
                </Button>
              </FocusModal.Close>
              <Button size="small" type="submit" isLoading={saving}>
                {segment ? "Save" : "Create"}
              </Button>
            </div>
          </FocusModal.Header>
          <FocusModal.Body className="flex flex-1 flex-col items-center overflow-y-auto py-10">
            <div className="flex w-full max-w-[880px] flex-col gap-y-6 px-6">
              <div>
                <FocusModal.Title asChild>
                  <Heading>{segment ? "Edit segment" : "New segment"}</Heading>
                </FocusModal.Title>
                <Text size="small" className="text-ui-fg-subtle">
                  Subscribed members of the audience who meet the conditions. The store evaluates them and keeps Mailchimp's copy up to date.
                </Text>
              </div>
              {errors.form && (
                <Alert variant="error" data-testid="mailchimp-segment-form-error">
                  {errors.form}
                </Alert>
              )}
              <div className="flex flex-col gap-y-2">
                <Label htmlFor="segment-name" weight="plus">
                  Name
                </Label>
                <Input
                  id="segment-name"
                  value={values.name}
                  placeholder="Repeat customers"
                  onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))}
                  {...(errors.name ? { "aria-invalid": true, "aria-describedby": "segment-name-error" } : {})}
                />
                <FieldError id="segment-name-error" message={errors.name} />
              </div>
              {choosesAudience && (
                <div className="flex flex-col gap-y-2">
                  <Label htmlFor="segment-audience" weight="plus">
                    Audience
                  </Label>
                  <AudienceSelect
                    id="segment-audience"
                    testId="mailchimp-segment-audience"
                    className="w-[240px]"
                    value={audienceId}
                    audienceIds={audienceIds}
                    onChange={setAudienceId}
                  />
                </div>
              )}

              <PreviewPanel
                complete={definition !== null}
                loading={preview.isFetching || preview.stale}
                count={preview.data?.count}
                sample={preview.data?.sample ?? []}
                error={preview.isError ? errorMessage(preview.error) : undefined}
              />

              <div className="flex flex-col gap-y-3" data-testid="mailchimp-segment-conditions">
                <div className="flex items-center gap-x-2">
                  <Text size="small" weight="plus">
                    Members who match
                  </Text>
                  <Select value={values.match} onValueChange={(m) => setValues((v) => ({ ...v, match: m as "all" | "any" }))}>
                    <Select.Trigger aria-label="Match" className="w-[200px]">
                      <Select.Value />
                    </Select.Trigger>
                    <Select.Content>
                      <Select.Item value="all">all of the conditions</Select.Item>
                      <Select.Item value="any">any of the conditions</Select.Item>
                    </Select.Content>
                  </Select>
                </div>
                {values.conditions.length === 0 && (
                  <Text size="small" className="text-ui-fg-subtle">
                    No conditions yet: add one.
                  </Text>
                )}
                {values.conditions.map((c, i) => (
                  <ConditionRow
                    key={c.key}
                    index={i}
                    condition={c}
                    errors={errors}
                    onChange={(change) => setCondition(c.key, change)}
                    onRemove={() => removeCondition(c.key)}
                  />
                ))}
                <div className="flex items-center gap-x-2">
                  <Select
                    value={adding}
                    onValueChange={(t) => {
                      addCondition(t as ConditionType)
                      setAdding("")
                    }}
                    disabled={values.conditions.length >= 20}
                  >
                    <Select.Trigger aria-label="Add condition" className="w-[240px]">
                      <Select.Value placeholder="Add a condition…" />
                    </Select.Trigger>
                    <Select.Content>
                      {CONDITION_KINDS.map((k) => (
                        <Select.Item key={k.type} value={k.type}>
                          {k.label}
                        </Select.Item>
                      ))}
                    </Select.Content>
                  </Select>
                  {values.conditions.length >= 20 && (
                    <Text size="small" className="text-ui-fg-subtle">
                      At most 20 conditions.
                    </Text>
                  )}
                </div>
              </div>
            </div>
          </FocusModal.Body>
        </form>
      </FocusModal.Content>
    </FocusModal>
  )
}

function PreviewPanel(props: {
  complete: boolean
  loading: boolean
  count?: number
  sample: { email: string }[]
  error?: string
}) {
  return (
    <div className="bg-ui-bg-subtle shadow-borders-base flex flex-col gap-y-2 rounded-lg px-4 py-3" data-testid="mailchimp-segment-preview" aria-live="polite">
      <div className="flex items-baseline justify-between">
        <Text size="small" weight="plus">
          Members now
        </Text>
        <Text size="xsmall" className="text-ui-fg-muted" data-testid="mailchimp-segment-preview-state">
          {!props.complete ? "Complete the conditions to count" : props.loading ? "Counting…" : "Up to date"}
        </Text>
      </div>
      <Text size="xlarge" weight="plus" data-testid="mailchimp-segment-preview-count">
        {props.count === undefined ? "–" : `${count(props.count)} ${props.count === 1 ? "member" : "members"}`}
      </Text>
      {props.error && (
        <Text size="small" className="text-ui-fg-error" role="alert">
          {props.error}
        </Text>
      )}
      {props.sample.length > 0 && (
        <Text size="xsmall" className="text-ui-fg-subtle break-words" data-testid="mailchimp-segment-preview-sample">
          {props.sample.map((s) => s.email).join(", ")}
          {props.count !== undefined && props.count > props.sample.length ? ", …" : ""}
        </Text>
      )}
    </div>
  )
}

function ConditionRow({
  index,
  condition: c,
  errors,
  onChange,
  onRemove,
}: {
  index: number
  condition: DraftCondition
  errors: SegmentFormErrors
  onChange: (change: Partial<DraftCondition>) => void
  onRemove: () => void
}) {
  const id = (field: string) => `segment-${c.key}-${field}`
  const invalid = (field: string) =>
    errors[`${c.key}.${field}`] ? { "aria-invalid": true as const, "aria-describedby": `${id(field)}-error` } : {}
  const error = (field: string) => <FieldError id={`${id(field)}-error`} message={errors[`${c.key}.${field}`]} />
  const withinDays = (suffix: string) => (
    <>
      <Text size="small" className="text-ui-fg-subtle">
        in the last
      </Text>
      <Input
        id={id("within_days")}
        aria-label={`Condition ${n} within days`}
        className="w-[100px]"
        inputMode="numeric"
        placeholder="any"
        value={c.within_days}
        onChange={(e) => onChange({ within_days: e.target.value })}
        {...invalid("within_days")}
      />
      <Text size="small" className="text-ui-fg-subtle">
        {suffix}
      </Text>
    </>
  )
  const n = index + 1

  const changeType = (type: string) => {
    const fresh = draftCondition(type as ConditionType)
    onChange({ ...fresh, key: c.key })
  }

  return (
    <div
      className="shadow-borders-base flex flex-col gap-y-2 rounded-lg px-4 py-3"
      data-testid="mailchimp-segment-condition"
      role="group"
      aria-label={`Condition ${n}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <Select value={c.type} onValueChange={changeType}>
          <Select.Trigger aria-label={`Condition ${n} kind`} className="w-[200px]">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            {CONDITION_KINDS.map((k) => (
              <Select.Item key={k.type} value={k.type}>
                {k.label}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>

        {(c.type === "orders_count" || c.type === "total_spent" || c.type === "average_order") && (
          <>
            <Choice label={`Condition ${n} comparison`} value={c.op} options={COMPARE_OPS} onChange={(op) => onChange({ op })} />
            <Input
              id={id("value")}
              aria-label={`Condition ${n} value`}
              className="w-[120px]"
              inputMode="decimal"
              value={c.value}
              onChange={(e) => onChange({ value: e.target.value })}
              {...invalid("value")}
            />
            {c.type !== "orders_count" && (
              <Text size="small" className="text-ui-fg-subtle">
                in the store's currency
              </Text>
            )}
          </>
        )}

        {(c.type === "first_order_date" || c.type === "last_order_date" || c.type === "customer_created") && (
          <>
            <Choice label={`Condition ${n} when`} value={c.op} options={DATE_OPS} onChange={(op) => onChange({ op })} />
            <Input
              id={id("days")}
              aria-label={`Condition ${n} days`}
              className="w-[100px]"
              inputMode="numeric"
              value={c.days}
              onChange={(e) => onChange({ days: e.target.value })}
              {...invalid("days")}
            />
            <Text size="small" className="text-ui-fg-subtle">
              {c.op === "within_days" ? "days" : "days ago"}
            </Text>
          </>
        )}

        {(c.type === "bought" || c.type === "not_bought") && (
          <>
            <Choice
              label={`Condition ${n} item`}
              value={c.item}
              options={ITEMS}
              onChange={(item) => onChange({ item: item as DraftCondition["item"], picked: [] })}
            />
            {withinDays("days (empty: ever)")}
          </>
        )}

        {c.type === "country" && (
          <>
            <Choice
              label={`Condition ${n} country match`}
              value={c.op}
              options={[
                { value: "in", label: "is one of" },
                { value: "not_in", label: "is none of" },
              ]}
              onChange={(op) => onChange({ op })}
            />
            <Input
              id={id("countries")}
              aria-label={`Condition ${n} countries`}
              className="w-[240px]"
              placeholder="DK, SE, NO"
              value={c.countries}
              onChange={(e) => onChange({ countries: e.target.value })}
              {...invalid("countries")}
            />
          </>
        )}

        {c.type === "customer_group" && (
          <Choice
            label={`Condition ${n} group match`}
            value={c.op}
            options={[
              { value: "in", label: "is in one of" },
              { value: "not_in", label: "is in none of" },
            ]}
            onChange={(op) => onChange({ op })}
          />
        )}

        {c.type === "has_account" && (
          <Choice
            label={`Condition ${n} account`}
            value={c.has}
            options={[
              { value: "yes", label: "yes: registered" },
              { value: "no", label: "no: guest only" },
            ]}
            onChange={(has) => onChange({ has: has as "yes" | "no" })}
          />
        )}

        {c.type === "engagement" && (
          <>
            <Choice
              label={`Condition ${n} action`}
              value={c.action}
              options={ACTIONS}
              onChange={(action) => onChange({ action: action as DraftCondition["action"] })}
            />
            <Input
              id={id("campaign_id")}
              aria-label={`Condition ${n} campaign`}
              className="w-[200px]"
              placeholder="any campaign (or its Mailchimp id)"
              value={c.campaign_id}
              onChange={(e) => onChange({ campaign_id: e.target.value })}
              {...invalid("campaign_id")}
            />
            {withinDays("days")}
          </>
        )}

        <div className="ml-auto">
          <IconButton size="small" variant="transparent" type="button" aria-label={`Remove condition ${n}`} onClick={onRemove}>
            <Trash />
          </IconButton>
        </div>
      </div>

      {(c.type === "bought" || c.type === "not_bought" || c.type === "customer_group") && (
        <Picker
          n={n}
          kind={c.type === "customer_group" ? "customer_group" : c.item}
          picked={c.picked}
          onChange={(picked) => onChange({ picked })}
          invalid={invalid("ids")}
        />
      )}
      {error("value")}
      {error("days")}
      {error("within_days")}
      {error("countries")}
      {error("ids")}
      {error("campaign_id")}
      {error("type")}
      {error("op")}
    </div>
  )
}

function Choice({
  label,
  value,
  options,
  onChange,
}: {
  label: string
  value: string
  options: readonly { value: string; label: string }[]
  onChange: (value: string) => void
}) {
  return (
    <Select value={value} onValueChange={onChange}>
      <Select.Trigger aria-label={label} className="w-[170px]">
        <Select.Value />
      </Select.Trigger>
      <Select.Content>
        {options.map((o) => (
          <Select.Item key={o.value} value={o.value}>
            {o.label}
          </Select.Item>
        ))}
      </Select.Content>
    </Select>
  )
}

const PICK_NOUN: Record<PickKind, string> = {
  product: "products",
  variant: "variants",
  category: "categories",
  collection: "collections",
  customer_group: "customer groups",
}

/** Chooses ids among the store's products, variants, categories, collections or customer groups. */
function Picker({
  n,
  kind,
  picked,
  onChange,
  invalid,
}: {
  n: number
  kind: PickKind
  picked: { id: string; label: string }[]
  onChange: (picked: { id: string; label: string }[]) => void
  invalid: Record<string, unknown>
}) {
  const [q, setQ] = useState("")
  const options = usePickOptions(kind, q.trim())
  const list = (options.data ?? []).filter((o) => !picked.some((p) => p.id === o.id))
  // Ids loaded with a stored segment get their names once the options know them.
  const named = picked.map((p) => (p.label === p.id ? options.data?.find((o) => o.id === p.id) ?? p : p))
  return (
    <div className="flex flex-col gap-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <Input
          size="small"
          type="search"
          aria-label={`Condition ${n} search ${PICK_NOUN[kind]}`}
          placeholder={`Search ${PICK_NOUN[kind]}`}
          className="w-[220px]"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <Select
          value=""
          onValueChange={(id) => {
            const o = list.find((x) => x.id === id)
            if (o) onChange([...picked, o])
          }}
        >
          <Select.Trigger aria-label={`Condition ${n} add ${PICK_NOUN[kind]}`} className="w-[280px]" {...invalid}>
            <Select.Value placeholder={options.isLoading ? "Loading…" : list.length ? `Pick ${PICK_NOUN[kind]}…` : `No ${PICK_NOUN[kind]} found`} />
          </Select.Trigger>
          <Select.Content>
            {list.map((o) => (
              <Select.Item key={o.id} value={o.id}>
                {o.label}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
        {options.isError && (
          <Text size="small" className="text-ui-fg-error">
            {errorMessage(options.error)}
          </Text>
        )}
      </div>
      {named.length > 0 && (
        <div className="flex flex-wrap gap-1" aria-label={`Condition ${n} chosen ${PICK_NOUN[kind]}`}>
          {named.map((p) => (
            <Badge key={p.id} size="2xsmall" className="flex items-center gap-x-1">
              {p.label}
              <button
                type="button"
                aria-label={`Remove ${p.label}`}
                className="text-ui-fg-muted hover:text-ui-fg-subtle"
                onClick={() => onChange(picked.filter((x) => x.id !== p.id))}
              >
                <XMark />
              </button>
            </Badge>
          ))}
        </div>
      )}
    </div>
  )
}
