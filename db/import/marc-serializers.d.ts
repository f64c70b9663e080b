/** The parts of @natlibfi/marc-record(-serializers) bunko uses; the packages ship no types. */
declare module '@natlibfi/marc-record-serializers' {
  import type { MarcRecord } from '@natlibfi/marc-record'

  interface Validation {
    subfieldValues?: boolean
  }
  export const ISO2709: {
    from(raw: string, validation?: Validation): MarcRecord
    to(record: MarcRecord): string
  }
  export const MARCXML: {
    from(raw: string, validation?: Validation): Promise<MarcRecord>
    to(record: MarcRecord, options?: { omitDeclaration?: boolean; indent?: boolean }): string
  }
}

declare module '@natlibfi/marc-record' {
  export interface MarcField {
    tag: string
    ind1?: string
    ind2?: string
    value?: string
    subfields?: { code: string; value?: string }[]
  }
  export class MarcRecord {
    constructor(
      record?: { leader: string; fields: MarcField[] },
      validation?: { subfieldValues?: boolean },
    )
    leader: string
    fields: MarcField[]
    toObject(): { leader: string; fields: MarcField[] }
  }
}

declare module 'marcjs' {
  export const Marc: {
    parse(raw: Buffer | string, type: 'iso2709' | 'marcxml'): { leader: string; fields: string[][] }
    format(record: { leader: string; fields: string[][] }, type: 'iso2709' | 'marcxml'): string
  }
}

declare module 'marcjs/lib/Iso2709Parser.js' {
  const Iso2709Parser: {
    parse(raw: Buffer): { leader: string; fields: string[][] }
  }
  export default Iso2709Parser
}
