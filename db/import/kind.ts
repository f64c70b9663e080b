/**
 * What one kind of import (catalogue, copies, patrons, places, calendar) tells the runner:
 * how to read its file into rows and which statements write a chunk of them. The runner
 * (run.ts) does the rest the same way for every kind: chunks, checkpoints, counts, reports.
 */
import type { Db, Raw } from '../client.ts'
import type { Encoding } from './csv-read.ts'
import type { MarcMap } from './marc-map.ts'
import type { Refusal } from './rejections.ts'

/** One row or record of the file: its value, or why it was refused. */
export type Item<T> = { at: number; value: T } | { at: number; refusal: Refusal }

export interface ReadOptions {
  encoding: Encoding
  map: MarcMap
  onBytes: (bytesRead: number) => void
}

export interface RunContext {
  db: Db
  /** The run's id, also its start time: rows it adds carry it as created_at and seen_run. */
  run: number
  /** A nightly delta (`--sync`): what is absent is not withdrawn. */
  sync: boolean
  /**
   * Set before `finish`: every row of the file was taken. A full export withdraws what it did
   * not list only then: a refused row may be a record still on the shelf.
   */
  complete?: boolean
}

/** A statement and how its RETURNING rows count: upserted rows, withdrawn rows, or not at all. */
export interface Tallied {
  statement: Raw<unknown>
  tally: 'upsert' | 'withdraw' | 'none'
}

export interface Kind<T> {
  name: string
  /** How a position in the file is named in a rejection. */
  unit(path: string): 'line' | 'record'
  read(path: string, options: ReadOptions): AsyncIterable<Item<T>>
  /** The statements for a chunk of good rows, and rows refused against the database. */
  write(
    ctx: RunContext,
    rows: { at: number; value: T }[],
  ): Promise<{ statements: Tallied[]; refused: { at: number; refusal: Refusal }[] }>
  /** Statements run once, after the last chunk (withdrawal, set links). */
  finish(ctx: RunContext): Tallied[]
}
