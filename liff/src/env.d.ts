/// <reference types="vite/client" />

interface Window {
  /** Script start → barcode drawn, ms (budget; set once, on the first draw). */
  __bunkoCardDrawnMs?: number
  /** Whether that first draw came from the phone's cache or from the network. */
  __bunkoCardDrawnFrom?: 'cache' | 'network'
}
