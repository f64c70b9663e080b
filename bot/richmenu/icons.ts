/**
 * The rich menu's icons, drawn here as plain SVG shapes on a 100×100 grid so the images are
 * built from the project's own source (no icon font, no downloaded artwork). Strokes use
 * `currentColor`, so a tile's text colour is its icon colour.
 */
import type { IconName } from './definitions.ts'

const PATHS: Record<IconName, string> = {
  // Two chain links, interlocked.
  link: `
    <rect x="8" y="36" width="50" height="28" rx="14" transform="rotate(-35 33 50)"/>
    <rect x="42" y="36" width="50" height="28" rx="14" transform="rotate(-35 67 50)"/>`,
  // A question mark in a circle.
  help: `
    <circle cx="50" cy="50" r="40"/>
    <path d="M36 38c0-8 6-14 14-14s14 6 14 13c0 10-14 11-14 22v3"/>
    <circle cx="50" cy="73" r="2.5" fill="currentColor"/>`,
  // A telephone handset.
  phone: `
    <path d="M28 14h14l7 19-10 7c5 10 12 17 22 22l7-10 19 7v14c0 7-6 12-13 11C41 81 19 59 16 27c-1-7 5-13 12-13z"/>`,
  // A card with a barcode.
  card: `
    <rect x="8" y="20" width="84" height="60" rx="8"/>
    <path d="M22 36v28M30 36v28M36 36v28M46 36v28M52 36v28M62 36v28M70 36v28M78 36v28"/>`,
  // A person: the patron's own page.
  portal: `
    <circle cx="50" cy="34" r="16"/>
    <path d="M18 86c0-18 14-30 32-30s32 12 32 30"/>`,
  // Books on a shelf, one leaning.
  loans: `
    <rect x="12" y="22" width="16" height="62" rx="2"/>
    <rect x="32" y="14" width="16" height="70" rx="2"/>
    <rect x="56" y="22" width="16" height="62" rx="2" transform="rotate(-14 64 84)"/>
    <path d="M6 88h88"/>`,
  // A magnifying glass.
  search: `
    <circle cx="42" cy="42" r="26"/>
    <path d="M61 61l27 27"/>`,
  // A chain link broken in two, with the gap marked.
  unlink: `
    <path d="M40 30H28a16 16 0 0 0 0 32h12"/>
    <path d="M60 38h12a16 16 0 0 1 0 32H60"/>
    <path d="M50 12v12M50 76v12M34 18l6 8M66 82l-6-8"/>`,
}

/** An inline SVG icon, `size` pixels square. */
export function iconSvg(name: IconName, size: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="${size}" height="${size}" fill="none" stroke="currentColor" stroke-width="7" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${PATHS[name]}</svg>`
}
