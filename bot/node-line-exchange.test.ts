/**
 * The transport's list of open requests (Link): requests leave it in any order, each exactly
 * once, and the deadline sweep stops every overdue request, and only those, while stopping
 * takes them out of the list it walks.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type Exchange, Link } from './node-line-exchange.ts'

afterEach(() => {
  vi.useRealTimers()
})

function fakeExchange(link: Link, deadline: number, stopped: string[], name: string) {
  const ex = {
    slot: -1,
    call: { deadline },
    stop: () => {
      stopped.push(name)
      link.delete(ex as unknown as Exchange)
    },
  }
  return ex as unknown as Exchange
}

describe('Link', () => {
  it('keeps count as requests come and go in any order', () => {
    const link = new Link(30_000, {} as never)
    const stopped: string[] = []
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => fakeExchange(link, Infinity, stopped, n))
    for (const ex of [a, b, c, d]) link.add(ex!)
    link.add(a!) // already open: not twice
    expect(link.size).toBe(4)
    link.delete(b!)
    link.delete(b!) // already gone
    expect(link.size).toBe(3)
    link.delete(d!) // the last one
    link.delete(a!)
    expect(link.size).toBe(1)
    link.add(b!)
    expect(link.size).toBe(2)
    link.delete(c!)
    link.delete(b!)
    expect(link.size).toBe(0)
    expect([a, b, c, d].map((ex) => ex!.slot)).toEqual([-1, -1, -1, -1])
  })

  it('stops each overdue request once, leaves the others, and stops checking when empty', () => {
    vi.useFakeTimers({ now: 0 })
    const link = new Link(1000, {} as never) // checked every 100 ms
    const stopped: string[] = []
    const due = (name: string, deadline: number) => fakeExchange(link, deadline, stopped, name)
    const open = [due('a', 150), due('b', 500), due('c', 150), due('d', 150), due('e', 500)]
    for (const ex of open) link.add(ex)
    vi.advanceTimersByTime(100)
    expect(stopped).toEqual([])
    vi.advanceTimersByTime(100)
    expect(stopped.sort()).toEqual(['a', 'c', 'd'])
    expect(link.size).toBe(2)
    link.delete(open[1]!) // b answered
    vi.advanceTimersByTime(400)
    expect(stopped.sort()).toEqual(['a', 'c', 'd', 'e'])
    expect(link.size).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })
})
