/**
 * The HTML page a rich menu image is rendered from: one absolutely placed tile per area, at
 * exactly the area's bounds, so what a patron sees is what they tap. Large bold words in the
 * menu's language with a small line in the other (the Japanese menu: Japanese over English;
 * the English one: English over Japanese, the names staff and signs use), high contrast
 * (every text/background pair is above WCAG AA 4.5:1), and the library's name small in the
 * top band.
 */
import type { Text } from '../../core/types.ts'
import type { Lang } from '../messages/lang.ts'
import type { MenuDefinition, MenuTile } from './definitions.ts'
import { iconSvg } from './icons.ts'

/** Colours per tone: background, text/icon colour. */
const TONES: Record<MenuTile['tone'], { bg: string; fg: string; sub: string }> = {
  primary: { bg: '#14532d', fg: '#ffffff', sub: '#dcfce7' },
  normal: { bg: '#ffffff', fg: '#111827', sub: '#374151' },
  quiet: { bg: '#f3f4f6', fg: '#1f2937', sub: '#374151' },
}

const BANNER = { bg: '#0f3d22', fg: '#ffffff' }
const GRID_LINE = '#9ca3af'

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** The other language: the small second line under each label. */
function otherOf(lang: Lang): Lang {
  return lang === 'ja' ? 'en' : 'ja'
}

/**
 * Roughly how wide one character of a label is, in em: a full-width Japanese glyph is about
 * 1em; Latin letters in the heavy weight about 0.62em on average.
 */
const GLYPH_EM: Record<Lang, number> = { ja: 1.04, en: 0.62 }

/**
 * The largest label size that fits every narrow tile of the menu on one line, capped at 118px,
 * so all labels of a menu share one size.
 */
function labelSize(tiles: MenuTile[], lang: Lang): number {
  const fits = tiles.map((t) =>
    Math.floor((t.bounds.width - 100) / (t.label[lang].length * GLYPH_EM[lang])),
  )
  return Math.min(118, ...fits)
}

function tileHtml(tile: MenuTile, wide: boolean, size: number, lang: Lang): string {
  const { x, y, width, height } = tile.bounds
  const tone = TONES[tile.tone]
  const iconSize = wide ? 380 : 250
  const note = tile.note
    ? `<div class="note" style="color:${tone.sub}">${escapeHtml(tile.note[lang])}</div>`
    : ''
  return `<div class="tile${wide ? ' wide' : ''}" style="left:${x}px;top:${y}px;width:${width}px;height:${height}px;background:${tone.bg};color:${tone.fg}">
  <div class="icon">${iconSvg(tile.icon, iconSize)}</div>
  <div class="words">
    <div class="${lang}"${wide ? '' : ` style="font-size:${size}px"`}>${escapeHtml(tile.label[lang])}</div>
    <div class="${otherOf(lang)}" style="color:${tone.sub}">${escapeHtml(tile.label[otherOf(lang)])}</div>
    ${note}
  </div>
</div>`
}

/** The full page for one menu, sized exactly to the menu. */
export function menuHtml(def: MenuDefinition, libraryName: Text): string {
  const { width, height } = def.size
  const { lang } = def
  const isWide = (t: MenuTile) => t.bounds.width > width / 2 + 1
  const size = labelSize(
    def.tiles.filter((t) => !isWide(t)),
    lang,
  )
  const tiles = def.tiles.map((t) => tileHtml(t, isWide(t), size, lang)).join('\n')
  // The classes name languages: the menu's own is large, the other small.
  const other = otherOf(lang)
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<style>
  html, body { margin: 0; padding: 0; }
  body {
    width: ${width}px; height: ${height}px; position: relative; overflow: hidden;
    background: ${GRID_LINE};
    font-family: 'Noto Sans CJK JP', 'Noto Sans JP', 'Hiragino Sans', sans-serif;
    -webkit-font-smoothing: antialiased;
  }
  .banner {
    position: absolute; left: 0; top: 0; width: ${width}px; height: ${def.bannerHeight}px;
    background: ${BANNER.bg}; color: ${BANNER.fg}; box-sizing: border-box; padding: 0 56px;
    display: flex; align-items: center; justify-content: space-between;
    font-size: 56px; font-weight: 700; letter-spacing: 0.04em;
  }
  .banner .${other} { font-size: 44px; font-weight: 400; opacity: 0.92; }
  .tile {
    position: absolute; box-sizing: border-box; border: 3px solid ${GRID_LINE};
    display: flex; flex-direction: column; align-items: center; justify-content: center;
    gap: 36px; text-align: center; padding: 24px;
  }
  .tile.wide { flex-direction: row; gap: 80px; text-align: left; }
  .words { display: flex; flex-direction: column; gap: 14px; }
  .tile.wide .words { align-items: flex-start; }
  .${lang} { font-size: 118px; font-weight: 900; line-height: 1.1; letter-spacing: 0.02em; white-space: nowrap; }
  .tile.wide .${lang} { font-size: 150px; }
  .${other} { font-size: 56px; font-weight: 500; line-height: 1.1; }
  .note { font-size: 60px; font-weight: 700; line-height: 1.3; margin-top: 18px; }
  .icon svg { display: block; }
</style>
</head>
<body>
<div class="banner"><span>${escapeHtml(libraryName[lang])}</span><span class="${other}">${escapeHtml(libraryName[other])}</span></div>
${tiles}
</body>
</html>`
}
