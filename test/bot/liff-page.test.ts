/**
 * The LIFF page as bunko serves it (issue 21): config inline, liff-mock preloaded in demo mode
 * only, the page's own inline script and stylesheet allowed by their hashes and nothing else.
 */
import { describe, expect, it } from 'vitest'
import { readConfig } from '../../bot/config.ts'
import { buildLiffPage } from '../../bot/liff-page.ts'

const BUILT = [
  '<!doctype html><html><head><title>x</title><style>p{color:red}</style>',
  '<meta name="bunko-liff-mock" content="/liff/assets/liff-mock-abc.js">',
  '</head><body><div id="app"></div><script>draw()</script>',
  '<script type="module" crossorigin src="/liff/assets/index-abc.js"></script></body></html>',
].join('')

const sha = async (text: string) => {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return `'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`
}

const directive = (csp: string, name: string) =>
  csp
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .find(([n]) => n === name)
    ?.slice(1)

const demo = readConfig({ BUNKO_DEMO: '1' }, { publicUrl: 'http://localhost:3000' })
const live = readConfig(
  {
    LINE_CHANNEL_SECRET: 's',
    LINE_CHANNEL_ACCESS_TOKEN: 't',
    PUBLIC_URL: 'https://x.jp',
    LIFF_ID: '123-abc',
    // `$'` and `$&` would be replacement patterns if the page were built with a string.
    BUNKO_POLICY: JSON.stringify({
      libraryName: { ja: "</script><b>$'$&", en: 'L' },
      noticeSlots: { standard: ['09:30', '15:00'], locker: ['09:30', '15:00', '20:00'] },
    }),
  },
  { publicUrl: 'http://localhost' },
)

describe('the LIFF page', () => {
  it('carries config.json’s answer inline, as data that cannot end its script element', async () => {
    const page = await buildLiffPage(BUILT, live)
    const json = page.html.match(
      /<script type="application\/json" id="bunko-config">(.*?)<\/script>/,
    )
    expect(json?.[1]).not.toContain('</script>')
    expect(JSON.parse(json?.[1] ?? '')).toMatchObject({ liffId: '123-abc', mock: false })
    expect(JSON.parse(json?.[1] ?? '').libraryName.ja).toBe("</script><b>$'$&")
    expect(page.html.split('</head>')).toHaveLength(2)
  })

  it('carries the library’s notice times, so the app’s sentences name them', async () => {
    const page = await buildLiffPage(BUILT, live)
    const json = page.html.match(/id="bunko-config">(.*?)<\/script>/)?.[1] ?? ''
    expect(JSON.parse(json).noticeSlots).toEqual({
      standard: ['09:30', '15:00'],
      locker: ['09:30', '15:00', '20:00'],
    })
  })

  it('preloads liff-mock in demo mode only', async () => {
    expect((await buildLiffPage(BUILT, demo)).html).toContain(
      '<link rel="modulepreload" crossorigin href="/liff/assets/liff-mock-abc.js">',
    )
    expect((await buildLiffPage(BUILT, live)).html).not.toContain('rel="modulepreload"')
  })

  it('allows its own inline script and style by their hashes, not the config data', async () => {
    const page = await buildLiffPage(BUILT, live)
    expect(directive(page.csp, 'script-src')).toEqual(["'self'", await sha('draw()')])
    expect(directive(page.csp, 'style-src')).toEqual(["'self'", await sha('p{color:red}')])
    expect(directive(page.csp, 'frame-ancestors')).toEqual(["'none'"])
  })
})
