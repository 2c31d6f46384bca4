import { Hint } from "@medusajs/ui"

export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null
  return (
    <Hint id={id} variant="error" role="alert">
      {message}
    </Hint>
  )
}
