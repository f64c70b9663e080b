// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { preloadEnglish } from './preload-lang.ts'

afterEach(() => document.head.replaceChildren())

describe('the English chunk, preloaded by the page for an English phone', () => {
  it('is preloaded as a module from the address the build names', () => {
    const meta = document.createElement('meta')
    meta.name = 'bunko-en'
    meta.content = '/liff/assets/en-abc.js'
    document.head.append(meta)
    expect(preloadEnglish()).toBe(true)
    const link = document.head.querySelector('link[rel="modulepreload"]')
    expect(link?.getAttribute('href')).toBe('/liff/assets/en-abc.js')
  })

  it('adds nothing to a page the build named no chunk in', () => {
    expect(preloadEnglish()).toBe(false)
    expect(document.head.querySelector('link')).toBeNull()
  })
})
