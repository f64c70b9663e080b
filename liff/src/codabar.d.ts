/** jsbarcode's encoders on their own (the full JsBarcode bundle is not needed). */
declare module 'jsbarcode/bin/barcodes/codabar/index.js' {
  export class codabar {
    constructor(data: string, options: { text?: string })
    data: string
    valid(): boolean
    /** `data` is one character per module: '1' bar, '0' space. */
    encode(): { text: string; data: string }
  }
}

/** jsbarcode's Code 39 encoder on its own (no mod 43 check character: options left empty). */
declare module 'jsbarcode/bin/barcodes/CODE39/index.js' {
  export class CODE39 {
    constructor(data: string, options: { mod43?: boolean })
    valid(): boolean
    encode(): { text: string; data: string }
  }
}

/** jsbarcode's Code 128 encoder choosing sets A/B/C itself (CODE128 auto). */
declare module 'jsbarcode/bin/barcodes/CODE128/index.js' {
  export class CODE128 {
    constructor(data: string, options: { ean128?: boolean })
    valid(): boolean
    encode(): { text: string; data: string }
  }
}
