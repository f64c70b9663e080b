/**
 * Registers the service worker (sw.ts) once the page has loaded and the browser is idle, so
 * its downloads never compete with the card's or the loans' on a slow network (most of what
 * it keeps is by then in the HTTP cache anyway).
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return
  const base = import.meta.env.BASE_URL
  const register = () => {
    navigator.serviceWorker.register(`${base}sw.js`, { scope: base }).catch(() => {})
  }
  const idle = () =>
    'requestIdleCallback' in window
      ? requestIdleCallback(register, { timeout: 5000 })
      : setTimeout(register, 1000)
  if (document.readyState === 'complete') idle()
  else addEventListener('load', idle, { once: true })
}
