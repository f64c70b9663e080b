import { describe, expect, it } from 'vitest'
import { mayDrawEarly, simulatorPage, urlUser } from './card-owner.ts'

const CHROME =
  'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36'
const LINE = `${CHROME} Line/14.19.1`

describe('whose card may be drawn before LIFF says who is signed in', () => {
  it('the simulator names the user: only that user’s card', () => {
    expect(urlUser('?simUserId=U1')).toBe('U1')
    expect(mayDrawEarly('U1', '?simUserId=U1', CHROME, true)).toBe(true)
    expect(mayDrawEarly('U1', '?simUserId=U2', LINE, true)).toBe(false)
  })

  it('inside LINE’s in-app browser: the card of the phone’s LINE account', () => {
    expect(mayDrawEarly('U1', '?liff.state=%2Fcard', LINE, true)).toBe(true)
  })

  it('an ordinary browser (a shared PC after LINE Login): never before LIFF', () => {
    expect(mayDrawEarly('U1', '', CHROME, true)).toBe(false)
  })

  it('a page that is not mock ignores a user named in the URL (a crafted link in an ordinary browser)', () => {
    expect(mayDrawEarly('U1', '?simUserId=U1', CHROME, false)).toBe(false)
    // Inside LINE the account decides, named or not.
    expect(mayDrawEarly('U1', '?simUserId=U2', LINE, false)).toBe(true)
  })

  it('the page says whether it is mock; a page without inline config is a static harness', () => {
    expect(simulatorPage({ mock: true })).toBe(true)
    expect(simulatorPage({ mock: false })).toBe(false)
    expect(simulatorPage({})).toBe(false)
    expect(simulatorPage(null)).toBe(true)
  })

  it('a card kept without its owner (an older version) is never drawn early', () => {
    expect(mayDrawEarly(undefined, '?simUserId=U1', LINE, true)).toBe(false)
  })
})
