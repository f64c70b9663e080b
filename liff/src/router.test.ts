import { describe, expect, it } from 'vitest'
import { currentRoute, parseRoute } from './router.ts'

const at = (href: string) => {
  const u = new URL(href)
  return { hash: u.hash, search: u.search, pathname: u.pathname } as Location
}

describe('routes', () => {
  it('reads the hash first, then LIFF’s liff.state, then the path under /liff/', () => {
    expect(currentRoute(at('https://x/liff/#/loans'), '/liff/').name).toBe('loans')
    expect(currentRoute(at('https://x/liff/?liff.state=%2Fcard'), '/liff/').name).toBe('card')
    expect(currentRoute(at('https://x/liff/card?simUserId=U1'), '/liff/').name).toBe('card')
    expect(currentRoute(at('https://x/liff/'), '/liff/').name).toBe('portal')
    expect(currentRoute(at('https://x/liff/nonsense'), '/liff/').name).toBe('portal')
  })

  it('keeps the id and the query of a route', () => {
    const r = parseRoute('#/search?q=%E6%B5%B7&page=2')
    expect(r?.name).toBe('search')
    expect(r?.query.get('q')).toBe('海')
    expect(parseRoute('/title/12')?.id).toBe('12')
    expect(parseRoute('/unknown')).toBeNull()
  })
})
