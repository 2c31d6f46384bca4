"use client"

import { useEffect, useId, useState } from "react"
import type { NewsletterChoice, NewsletterClient, NewsletterSettings } from "./newsletter-client"
import { loadSiteScript } from "./site-script"

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
  onSaved?: (choice: NewsletterChoice) => void
  /** Called when the ticked interests or permissions change (ids), e.g. to send them with a signup. */
  onExtrasChange?: (extras: { interests: string[]; marketing_permissions: string[] }) => void
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
 * shopper ticks it. Nothing is sent for a shopper who never touches it. Once ticked, the interests the store
 * offers and the audience's marketing permissions (Mailchimp's texts) show beneath it, each unticked.
 */
export function NewsletterCheckbox({
  client,
  settings: given,
  cartId,
  checked,
  onChange,
  onSaved,
  onExtrasChange,
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
  const [interests, setInterests] = useState<string[]>([])
  const [permissions, setPermissions] = useState<string[]>([])
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | undefined>()
  const value = checked ?? own

  if (!settings) {
    // Without the store's label there is nothing honest to show.
    return loadError ? null : <span className={className} aria-busy="true" />
  }
  if (hideWhenSubscribed && settings.subscribed) return null

  const save = async (optIn: boolean, chosen: { interests: string[]; marketing_permissions: string[] }) => {
    if (!cartId || !client) return true
    setSaving(true)
    try {
      onSaved?.(await client.setCartChoice(cartId, optIn, chosen))
      return true
    } catch (e) {
      setError((e as Error).message || "Your choice could not be saved")
      return false
    } finally {
      setSaving(false)
    }
  }

  const change = async (next: boolean) => {
    setError(undefined)
    if (checked === undefined) setOwn(next)
    onChange?.(next)
    if (!(await save(next, { interests, marketing_permissions: permissions })) && checked === undefined) setOwn(!next)
  }

  const toggle = async (kind: "interests" | "marketing_permissions", itemId: string, on: boolean) => {
    setError(undefined)
    const list = kind === "interests" ? interests : permissions
    const nextList = on ? [...list, itemId] : list.filter((x) => x !== itemId)
    const chosen = kind === "interests" ? { interests: nextList, marketing_permissions: permissions } : { interests, marketing_permissions: nextList }
    if (kind === "interests") setInterests(nextList)
    else setPermissions(nextList)
    onExtrasChange?.(chosen)
    await save(true, chosen)
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
      {value ? (
        <NewsletterExtrasFields
          settings={settings}
          idPrefix={inputId}
          interests={interests}
          permissions={permissions}
          disabled={disabled || saving}
          onToggle={(kind, itemId, on) => void toggle(kind, itemId, on)}
        />
      ) : null}
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

/** The offered interests, by category, and the marketing permissions with Mailchimp's texts: each unticked. */
function NewsletterExtrasFields(props: {
  settings: NewsletterSettings
  idPrefix: string
  interests: string[]
  permissions: string[]
  disabled?: boolean
  onToggle: (kind: "interests" | "marketing_permissions", id: string, on: boolean) => void
}) {
  const { settings, idPrefix, interests, permissions, disabled, onToggle } = props
  const box = (kind: "interests" | "marketing_permissions", itemId: string, text: string, on: boolean) => {
    const boxId = `${idPrefix}-${kind}-${itemId}`
    return (
      <div key={itemId}>
        <input type="checkbox" id={boxId} checked={on} disabled={disabled} onChange={(e) => onToggle(kind, itemId, e.target.checked)} />{" "}
        <label htmlFor={boxId}>{text}</label>
      </div>
    )
  }
  return (
    <>
      {(settings.interest_categories ?? []).map((category) => (
        <fieldset key={category.id} data-newsletter-interests={category.id}>
          <legend>{category.title}</legend>
          {category.interests.map((i) => box("interests", i.id, i.name, interests.includes(i.id)))}
        </fieldset>
      ))}
      {(settings.marketing_permissions ?? []).length ? (
        <fieldset data-newsletter-permissions="">
          <legend>Marketing permissions</legend>
          {settings.marketing_permissions.map((p) => box("marketing_permissions", p.id, p.text, permissions.includes(p.id)))}
        </fieldset>
      ) : null}
    </>
  )
}

export { CartRecovery, type CartRecoveryProps } from "./cart-recovery"

export type MailchimpSiteScriptProps = {
  /** `site_script.url` of the store's newsletter settings (null: the merchant has not turned it on). */
  url: string | null | undefined
  /** True once the shopper accepted the cookies the script sets; the script waits until then. */
  consent: boolean
}

/**
 * Mailchimp's site script (mc.js), inserted once the shopper consented, and only once however often this renders
 * or mounts. Renders nothing. Withdrawing consent does not unload a script already run: reload the page.
 */
export function MailchimpSiteScript({ url, consent }: MailchimpSiteScriptProps) {
  useEffect(() => {
    loadSiteScript(url, { consent })
  }, [url, consent])
  return null
}
