/**
 * Progressive enhancement: where the browser has `BarcodeDetector` and a camera, each scan
 * field gets a 「カメラで読み取る」 button; a read barcode is typed into the field and its form
 * submitted, exactly as a keyboard-wedge scanner would. Without the API nothing changes.
 * Plain ES2017 served as a file (no inline script), so the counter's CSP can forbid inline JS.
 */
export const SCAN_SCRIPT = `(() => {
  'use strict'
  if (!('BarcodeDetector' in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return
  const WANTED = ['codabar', 'code_39', 'code_128', 'ean_13', 'ean_8', 'itf', 'qr_code']
  let formats = null
  async function detector() {
    if (!formats) {
      const supported = await BarcodeDetector.getSupportedFormats()
      formats = WANTED.filter((f) => supported.includes(f))
    }
    return new BarcodeDetector(formats.length ? { formats } : undefined)
  }
  function el(tag, attrs, text) {
    const e = document.createElement(tag)
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v)
    if (text) e.textContent = text
    return e
  }
  function open(input, button) {
    const box = el('div', { class: 'camera', role: 'group', 'aria-label': 'カメラで読み取り' })
    const status = el('p', { role: 'status' }, 'バーコードをカメラに向けてください。')
    const video = el('video', { muted: '', playsinline: '', autoplay: '' })
    video.muted = true
    const close = el('button', { type: 'button', class: 'secondary' }, 'カメラを閉じる')
    box.append(status, video, close)
    const row = input.closest('[data-scan-row]') || input
    row.after(box)
    button.disabled = true
    let stream = null
    let done = false
    function stop() {
      done = true
      if (stream) for (const t of stream.getTracks()) t.stop()
      box.remove()
      button.disabled = false
      input.focus()
    }
    close.addEventListener('click', stop)
    ;(async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
        video.srcObject = stream
        await video.play()
        const d = await detector()
        while (!done) {
          const found = await d.detect(video).catch(() => [])
          const code = found.find((b) => b.rawValue)
          if (code) {
            input.value = code.rawValue
            stop()
            const form = input.form
            if (form && form.requestSubmit) form.requestSubmit()
            else if (form) form.submit()
            return
          }
          await new Promise((r) => setTimeout(r, 150))
        }
      } catch (e) {
        status.setAttribute('role', 'alert')
        status.textContent = 'カメラを使えません（' + ((e && e.name) || 'エラー') + '）。バーコードリーダーか手入力をお使いください。'
      }
    })()
  }
  for (const input of document.querySelectorAll('input[data-scan]')) {
    const button = el('button', { type: 'button', class: 'secondary', 'data-camera': '' }, 'カメラで読み取る')
    button.setAttribute('aria-label', 'カメラで読み取る：' + ((input.labels && input.labels[0] && input.labels[0].firstChild && input.labels[0].firstChild.textContent) || '').trim())
    button.addEventListener('click', () => open(input, button))
    const row = input.closest('[data-scan-row]')
    if (row) row.append(button)
    else input.after(button)
  }
})()
`
