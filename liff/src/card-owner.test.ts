import { describe, expect, it } from 'vitest'
import { mayDrawEarly, urlUser } from './card-owner.ts'

const CHROME =
  'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36'
const LINE = `${CHROME} Line/14.19.1`

describe('whose card may be drawn before LIFF says who is signed in', () => {
  it('the simulator names the user: only that user’s card', () => {
    expect(urlUser('?simUserId=U1')).toBe('U1')
    expect(mayDrawEarly('U1', '?simUserId=U1', CHROME)).toBe(true)
    expect(mayDrawEarly('U1', '?simUserId=U2', LINE)).toBe(false)
  })

  it('inside LINE’s in-app browser: the card of the phone’s LINE account', () => {
    expect(mayDrawEarly('U1', '?liff.state=%2Fcard', LINE)).toBe(true)
  })

  it('an ordinary browser (a shared PC after LINE Login): never before LIFF', () => {
    expect(mayDrawEarly('U1', '', CHROME)).toBe(false)
  })

  it('a card kept without its owner (an older version) is never drawn early', () => {
    expect(mayDrawEarly(undefined, '?simUserId=U1', LINE)).toBe(false)
  })
})
