/**
 * A small hand-written set of Japanese MARC21 records, as a JAPAN/MARC-style export has them:
 * readings in 880 fields linked by $6, a 上・下 set, a CD, a 録音図書, a DVD and a manga.
 * Tests write them with @natlibfi/marc-record-serializers (ISO 2709 or MARCXML) and import
 * the file, so what is read back went through the real serializer and parser.
 */
import { MarcRecord } from '@natlibfi/marc-record'
import { ISO2709, MARCXML } from '@natlibfi/marc-record-serializers'

type Sub = [code: string, value: string]
const df = (tag: string, subs: Sub[], ind = '  ') => ({
  tag,
  ind1: ind[0]!,
  ind2: ind[1]!,
  subfields: subs.map(([code, value]) => ({ code, value })),
})
const cf = (tag: string, value: string) => ({ tag, value })

/** Leader with type of record (06) and bibliographic level (07); lengths are filled on write. */
export const leader = (type = 'a', level = 'm', status = 'n') =>
  `00000${status}${type}${level} a2200000 i 4500`

const f008 = (year: string, form = ' ') => `260101s${year}${'    ja '.padEnd(22, ' ')}${form} jpn  `

export function record(fields: object[], lead = leader()): MarcRecord {
  return new MarcRecord({ leader: lead, fields: fields as never }, { subfieldValues: false })
}

export const JAPANESE_RECORDS: MarcRecord[] = [
  record([
    cf('001', 'JP0001'),
    cf('008', f008('2019')),
    df('020', [['a', '978-4-10-101001-4']]),
    df('100', [
      ['6', '880-01'],
      ['a', '夏目, 漱石'],
    ]),
    df(
      '245',
      [
        ['6', '880-02'],
        ['a', '吾輩は猫である /'],
        ['c', '夏目漱石 著'],
      ],
      '10',
    ),
    df(
      '264',
      [
        ['a', '東京 :'],
        ['b', '新潮社,'],
        ['c', '2019.'],
      ],
      ' 1',
    ),
    df('490', [['a', '新潮文庫']]),
    df('880', [
      ['6', '100-01/$1'],
      ['a', 'ナツメ, ソウセキ'],
    ]),
    df(
      '880',
      [
        ['6', '245-02/$1'],
        ['a', 'ワガハイ ワ ネコ デ アル'],
      ],
      '10',
    ),
  ]),
  record([
    cf('001', 'JP0002'),
    df('100', [['a', '宮本, 輝']]),
    df(
      '245',
      [
        ['6', '880-01'],
        ['a', '白い鐘.'],
        ['n', '上'],
      ],
      '10',
    ),
    df(
      '264',
      [
        ['b', '講談社'],
        ['c', '2021'],
      ],
      ' 1',
    ),
    df(
      '880',
      [
        ['6', '245-01/$1'],
        ['a', 'しろいかね'],
      ],
      '10',
    ),
  ]),
  record([
    cf('001', 'JP0003'),
    df('100', [['a', '宮本, 輝']]),
    df(
      '245',
      [
        ['6', '880-01'],
        ['a', '白い鐘.'],
        ['n', '下'],
      ],
      '10',
    ),
    df(
      '264',
      [
        ['b', '講談社'],
        ['c', '2021'],
      ],
      ' 1',
    ),
    df(
      '880',
      [
        ['6', '245-01/$1'],
        ['a', 'しろいかね'],
      ],
      '10',
    ),
  ]),
  record(
    [
      cf('001', 'JP0004'),
      df('245', [['a', '昭和歌謡ベスト']], '00'),
      df('260', [
        ['b', '日本コロムビア'],
        ['c', 'p2015'],
      ]),
    ],
    leader('j'),
  ),
  record(
    [
      cf('001', 'JP0005'),
      df(
        '245',
        [
          ['a', '忘れられた坂道'],
          ['h', '[録音資料]'],
        ],
        '00',
      ),
      df(
        '264',
        [
          ['b', '日本点字図書館'],
          ['c', '2020'],
        ],
        ' 1',
      ),
    ],
    leader('i'),
  ),
  record(
    [cf('001', 'JP0006'), cf('007', 'vd cvaizq'), df('245', [['a', 'となりの映画']], '00')],
    leader('g'),
  ),
  record(
    [cf('001', 'JP0007'), cf('008', f008('2022', 'c')), df('245', [['a', '海のまんが 1']], '00')],
    leader('a'),
  ),
]

/** The records as one ISO 2709 file (each record ends with its own terminator). */
export const iso2709 = (records: MarcRecord[]) => records.map((r) => ISO2709.to(r)).join('')

/** The records as a MARCXML collection. */
export const marcxml = (records: MarcRecord[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="http://www.loc.gov/MARC21/slim">\n${records
    .map((r) => MARCXML.to(r, { omitDeclaration: true }))
    .join('\n')}\n</collection>\n`
