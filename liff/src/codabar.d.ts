/** jsbarcode's Codabar encoder on its own (the full JsBarcode bundle is not needed). */
declare module 'jsbarcode/bin/barcodes/codabar/index.js' {
  export class codabar {
    constructor(data: string, options: { text?: string })
    data: string
    valid(): boolean
    /** `data` is one character per module: '1' bar, '0' space. */
    encode(): { text: string; data: string }
  }
}
