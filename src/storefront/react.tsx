"use client"

import { useEffect, useId, useState } from "react"
import type { NewsletterClient, NewsletterSettings } from "./newsletter-client"

/** The store's newsletter settings (label, double opt-in), read once. */
export function useNewsletterSettings(client: NewsletterClient | undefined, initial?: NewsletterSettings) {
  const [settings, setSettings] = useState<NewsletterSettings | undefined>(initial)
  const [error, setError] = useState<Error | undefined>()
  useEffect(() => {
    if (initial || !client) return
    let live = true
    client.getSettings().then(
      (s) => live && setSettings(s),
      (e) => live && setError(e as Error)
    )
    return () => {
      live = false
    }
  }, [client, initial])
  return { settings, error }
}

export type NewsletterCheckboxProps = {
  /** Reads the settings (unless `settings` is given) and, with `cartId`, sends the choice. */
  client?: NewsletterClient
  /** Settings read elsewhere, e.g. in a server component. */
  settings?: NewsletterSettings
  /** When set, each change is recorded on this cart at once (POST /store/carts/:id/newsletter). */
  cartId?: string
  /** Controlled use: the current choice. Left out, the box keeps its own state, starting unchecked. */
  checked?: boolean
  onChange?: (checked: boolean) => void
  /** Called once the store recorded the choice on the cart. */
  onSaved?: (choice: { opt_in: boolean; at: string; label: string }) => void
  /** The field name in a form post ("on" when ticked). */
  name?: string
  id?: string
  className?: string
  disabled?: boolean
  /** Hide the box for a logged-in customer who is already subscribed (default true). */
  hideWhenSubscribed?: boolean
  /** Shown under the label when new members confirm by email; null hides it. */
  confirmNote?: string | null
}

/**
 * The checkout opt-in: a real checkbox with its label (the store's text), unchecked until the
 * shopper ticks it. Nothing is sent for a shopper who never touches it.
 */
export function NewsletterCheckbox({
  client,
  settings: given,
  cartId,
  checked,
  onChange,
  onSaved,
  name = "newsletter",
  id,
  className,
  disabled,
  hideWhenSubscribed = true,
  confirmNote = "We will email you to confirm.",
}: NewsletterCheckboxProps) {
  const autoId = useId()
  const inputId = id ?? `newsletter-${autoId.replace(/:/g, "")}`
  const { settings, error: loadError } = useNewsletterSettings(given ? undefined : client, given)
  const [own, setOwn] = useState(false)
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | undefined>()
  const value = checked ?? own

  if (!settings) {
    // Without the store's label there is nothing honest to show.
    return loadError ? null : <span className={className} aria-busy="true" />
  }
  if (hideWhenSubscribed && settings.subscribed) return null

  const change = async (next: boolean) => {
    setError(undefined)
    if (checked === undefined) setOwn(next)
    onChange?.(next)
    if (cartId && client) {
      setSaving(true)
      try {
        onSaved?.(await client.setCartChoice(cartId, next))
      } catch (e) {
        setError((e as Error).message || "Your choice could not be saved")
        if (checked === undefined) setOwn(!next)
      } finally {
        setSaving(false)
      }
    }
  }

  const noteId = `${inputId}-note`
  const errorId = `${inputId}-error`
  const describedBy = [settings.double_opt_in && confirmNote ? noteId : null, error ? errorId : null].filter(Boolean).join(" ")
  return (
    <div className={className} data-newsletter-optin="">
      <input
        type="checkbox"
        id={inputId}
        name={name}
        checked={value}
        disabled={disabled || saving}
        aria-describedby={describedBy || undefined}
        aria-invalid={error ? true : undefined}
        onChange={(e) => void change(e.target.checked)}
      />{" "}
      <label htmlFor={inputId}>{settings.checkout_label}</label>
      {settings.double_opt_in && confirmNote ? (
        <small id={noteId} style={{ display: "block" }}>
          {confirmNote}
        </small>
      ) : null}
      {error ? (
        <small id={errorId} role="alert" style={{ display: "block" }}>
          {error}
        </small>
      ) : null}
    </div>
  )
}
