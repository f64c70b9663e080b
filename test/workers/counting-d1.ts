/**
 * A D1 binding that counts the calls that reach D1 (each execution, each batch): on Workers
 * they count toward an invocation's subrequest limit like fetches do. Statements handed to
 * `batch` are unwrapped, since D1 only batches its own statement objects.
 */
import type { D1Database } from '@cloudflare/workers-types/index.ts'

const EXECUTE = new Set(['all', 'run', 'raw', 'first'])

export function countingD1(db: D1Database): { db: D1Database; calls: () => number } {
  let calls = 0
  const targets = new WeakMap<object, object>()
  const wrapStatement = (statement: object): object => {
    const proxy = new Proxy(statement, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target)
        if (typeof value !== 'function') return value
        if (prop === 'bind') return (...args: unknown[]) => wrapStatement(value.apply(target, args))
        if (EXECUTE.has(String(prop)))
          return (...args: unknown[]) => {
            calls++
            return value.apply(target, args)
          }
        return value.bind(target)
      },
    })
    targets.set(proxy, statement)
    return proxy
  }
  const wrapped = new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target)
      if (typeof value !== 'function') return value
      if (prop === 'prepare') return (query: string) => wrapStatement(value.call(target, query))
      if (prop === 'batch')
        return (statements: object[]) => {
          calls++
          return value.call(
            target,
            statements.map((s) => targets.get(s) ?? s),
          )
        }
      if (prop === 'exec')
        return (query: string) => {
          calls++
          return value.call(target, query)
        }
      return value.bind(target)
    },
  })
  return { db: wrapped, calls: () => calls }
}
