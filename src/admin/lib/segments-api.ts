import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
// The routes' answers (src/types/http), as received (Sent<>: every time an ISO string).
import type * as Http from "../../types/http"
import type { SegmentBody, SegmentCondition, SegmentDefinition, SegmentMatch, SegmentPreview, Sent } from "../../types/http"
import { sdk } from "./sdk"

export type { SegmentBody, SegmentCondition, SegmentDefinition, SegmentMatch, SegmentPreview }
export type Segment = Sent<Http.Segment>

export const segmentKeys = {
  all: ["mailchimp", "segments"] as const,
  list: (page: { limit: number; offset: number }) => ["mailchimp", "segments", "list", page] as const,
  one: (id: string) => ["mailchimp", "segments", "one", id] as const,
  preview: (def: SegmentDefinition | null, audienceId?: string) => ["mailchimp", "segments", "preview", def, audienceId ?? null] as const,
  options: (kind: string, q: string) => ["mailchimp", "segments", "options", kind, q] as const,
}

// While a sync is on its way, the screens refresh themselves.
const busy = (s: Segment) => s.sync_status === "pending" || s.pending_changes > 0

export function useSegments(page: { limit: number; offset: number }) {
  return useQuery({
    queryKey: segmentKeys.list(page),
    queryFn: () =>
      sdk.client.fetch<Sent<Http.AdminSegmentListResponse>>("/admin/mailchimp/segments", {
        query: page,
      }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.segments.some(busy) ? 2_000 : 15_000),
  })
}

export function useSegment(id: string) {
  return useQuery({
    queryKey: segmentKeys.one(id),
    queryFn: () => sdk.client.fetch<{ segment: Segment }>(`/admin/mailchimp/segments/${encodeURIComponent(id)}`),
    select: (r) => r.segment,
    refetchInterval: (query) => (query.state.data && busy(query.state.data.segment) ? 2_000 : 15_000),
  })
}

/** `value`, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms)
    return () => clearTimeout(t)
  }, [value, ms])
  return settled
}

/**
 * How many members a definition selects now (nothing stored). `def` is null while the builder's
 * conditions are incomplete: nothing is asked then, and the last answer stays on screen.
 */
export function useSegmentPreview(def: SegmentDefinition | null, audienceId?: string, debounceMs = 400) {
  const settled = useDebounced(def ? JSON.stringify(def) : null, debounceMs)
  const parsed = settled ? (JSON.parse(settled) as SegmentDefinition) : null
  const query = useQuery({
    queryKey: segmentKeys.preview(parsed, audienceId),
    queryFn: () =>
      sdk.client.fetch<{ preview: SegmentPreview }>("/admin/mailchimp/segments/preview", {
        method: "POST",
        body: audienceId ? { ...parsed!, audience_id: audienceId } : parsed!,
      }),
    select: (r) => r.preview,
    enabled: parsed !== null,
    placeholderData: keepPreviousData,
    retry: false,
  })
  // Typing ahead of the debounce: the count shown is about to change.
  const stale = (def ? JSON.stringify(def) : null) !== settled
  return { ...query, stale }
}

export function useCreateSegment() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: SegmentBody) =>
      sdk.client.fetch<{ segment: Segment }>("/admin/mailchimp/segments", { method: "POST", body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["mailchimp"] }),
  })
}

export function useUpdateSegment(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: Partial<SegmentBody>) =>
      sdk.client.fetch<{ segment: Segment }>(`/admin/mailchimp/segments/${encodeURIComponent(id)}`, { method: "POST", body }),
    onSuccess: (data) => queryClient.setQueryData(segmentKeys.one(id), { segment: data.segment }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["mailchimp"] }),
  })
}

export function useDeleteSegment() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      sdk.client.fetch<{ id: string; deleted: boolean }>(`/admin/mailchimp/segments/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["mailchimp"] }),
  })
}

export function useSyncSegment() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      sdk.client.fetch<{ segment: Segment; queued: unknown }>(`/admin/mailchimp/segments/${encodeURIComponent(id)}/sync`, {
        method: "POST",
        body: {},
      }),
    onSuccess: (data) => queryClient.setQueryData(segmentKeys.one(data.segment.id), { segment: data.segment }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["mailchimp"] }),
  })
}

export type PickKind = "product" | "variant" | "category" | "collection" | "customer_group"

export type PickOption = { id: string; label: string }

const PICK_SOURCES: Record<PickKind, { path: string; key: string; label: (row: any) => string; fields?: string }> = {
  product: { path: "/admin/products", key: "products", label: (r) => r.title, fields: "id,title" },
  variant: {
    path: "/admin/product-variants",
    key: "variants",
    label: (r) => [r.product?.title, r.title, r.sku ? `(${r.sku})` : ""].filter(Boolean).join(" · "),
    fields: "id,title,sku,product.title",
  },
  category: { path: "/admin/product-categories", key: "product_categories", label: (r) => r.name, fields: "id,name" },
  collection: { path: "/admin/collections", key: "collections", label: (r) => r.title, fields: "id,title" },
  customer_group: { path: "/admin/customer-groups", key: "customer_groups", label: (r) => r.name, fields: "id,name" },
}

/** The store's products, variants, categories, collections or customer groups to pick from, by search. */
export function usePickOptions(kind: PickKind, q: string) {
  const source = PICK_SOURCES[kind]
  return useQuery({
    queryKey: segmentKeys.options(kind, q),
    queryFn: async () => {
      const r = await sdk.client.fetch<Record<string, any[]>>(source.path, {
        query: { limit: 20, ...(q ? { q } : {}), ...(source.fields ? { fields: source.fields } : {}) },
      })
      return (r[source.key] ?? []).map((row) => ({ id: row.id as string, label: source.label(row) || row.id })) as PickOption[]
    },
    placeholderData: keepPreviousData,
  })
}
