import { Table } from "@medusajs/ui"

/** Medusa's table pagination, shown only when there is more than one page. */
export function Pager({ total, pageSize, page, setPage }: { total: number; pageSize: number; page: number; setPage: (p: number) => void }) {
  if (total <= pageSize) return null
  const pages = Math.ceil(total / pageSize)
  return (
    <Table.Pagination
      count={total}
      pageSize={pageSize}
      pageIndex={page}
      pageCount={pages}
      canPreviousPage={page > 0}
      canNextPage={page + 1 < pages}
      previousPage={() => setPage(page - 1)}
      nextPage={() => setPage(page + 1)}
    />
  )
}
