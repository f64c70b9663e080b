/** ISBN-13 for the made-up catalogue: Japan's group (978-4), a publisher code, a serial. */

/** The ISBN-13 check digit for the first twelve digits. */
export function isbn13CheckDigit(first12: string): number {
  if (!/^\d{12}$/.test(first12)) throw new RangeError(`need 12 digits: ${first12}`)
  let sum = 0
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3)
  return (10 - (sum % 10)) % 10
}

/** Whether `isbn` (hyphens allowed) is a well-formed ISBN-13 with the right check digit. */
export function isValidIsbn13(isbn: string): boolean {
  const digits = isbn.replaceAll('-', '')
  if (!/^97[89]\d{10}$/.test(digits)) return false
  return isbn13CheckDigit(digits.slice(0, 12)) === Number(digits[12])
}

/**
 * `978-4-<publisher>-<serial>-<check>`: the publisher code and serial together fill eight
 * digits, as in real Japanese ISBNs (a short publisher code leaves room for more titles).
 */
export function makeIsbn(publisherCode: string, serial: number): string {
  const width = 8 - publisherCode.length
  if (width < 1 || serial >= 10 ** width) throw new RangeError('serial does not fit')
  const s = String(serial).padStart(width, '0')
  const first12 = `9784${publisherCode}${s}`
  return `978-4-${publisherCode}-${s}-${isbn13CheckDigit(first12)}`
}
