/**
 * `npm run richmenu`: make LINE's rich menus match the definitions, idempotently (LINE-MENU).
 *
 * 1. Each menu is named by a hash of its content (menu-name.ts). A menu whose name already
 *    exists is left alone (its image is uploaded only if a crashed run left it without one);
 *    otherwise it is created and its image uploaded. A menu whose upload fails is deleted again.
 * 2. The aliases (bunko-menu-a, -b, -a-en, -b-en) are created or moved to the current menus.
 * 3. Menu A (Japanese) becomes the default, so every unlinked user sees it until the bot links
 *    the English A to one whose LINE is in English.
 * 4. Our older menus (`bunko:` names that are not current) are retired: users linked to an old
 *    menu are moved to its replacement with LINE's batch control (so a linked patron keeps
 *    menu B, and an English user their English menu), and only when that succeeded is the old
 *    menu deleted. Menus that other tools created are never touched.
 */
import { HTTPFetchError, type messagingApi } from '@line/bot-sdk'
import {
  MENU_KEYS,
  type MenuDefinition,
  type MenuKey,
  richMenuDefinitions,
  toRichMenuRequest,
} from './definitions.ts'
import { loadMenuImages } from './images.ts'
import type { MenuIds } from './link.ts'
import { keyOfName, menuName, NAME_PREFIX } from './menu-name.ts'

export interface SyncOptions {
  client: messagingApi.MessagingApiClient
  blobClient: messagingApi.MessagingApiBlobClient
  liffId: string
  log?: (line: string) => void
  /** The menus; default: richMenuDefinitions(liffId). */
  definitions?: Record<MenuKey, MenuDefinition>
  /** PNG bytes per menu; default: the committed images/menu-<key>.png. */
  images?: Record<MenuKey, Uint8Array>
  /** Wait between batch progress checks (ms). */
  pollMs?: number
}

export interface SyncResult extends MenuIds {
  menuAEn: string
  menuBEn: string
  /** Menus created by this run. */
  created: MenuKey[]
  /** Old menus deleted by this run. */
  deleted: string[]
  /** Old menus kept because moving their users failed; the next run tries again. */
  kept: string[]
}

export async function syncRichMenus(opts: SyncOptions): Promise<SyncResult> {
  const { client } = opts
  const log = opts.log ?? (() => {})
  const defs = opts.definitions ?? richMenuDefinitions(opts.liffId)
  const images = opts.images ?? (await loadMenuImages())

  const existing = (await client.getRichMenuList()).richmenus.filter((m) =>
    m.name.startsWith(NAME_PREFIX),
  )
  const ids = {} as Record<MenuKey, string>
  const created: MenuKey[] = []
  for (const key of MENU_KEYS) {
    const request = toRichMenuRequest(defs[key], '')
    const { name: _, ...body } = request
    const name = await menuName(key, body, images[key])
    const found = existing.find((m) => m.name === name)
    if (found) {
      ids[key] = found.richMenuId
      await ensureImage(opts, found.richMenuId, images[key], log)
      log(`menu ${key}: unchanged (${found.richMenuId})`)
    } else {
      ids[key] = await createMenu(opts, { ...request, name }, images[key])
      created.push(key)
      log(`menu ${key}: created ${ids[key]} (${name})`)
    }
  }

  for (const key of MENU_KEYS) await pointAlias(client, defs[key].aliasId, ids[key], log)
  await makeDefault(client, ids.a, log)

  const stale = existing.filter((m) => !Object.values(ids).includes(m.richMenuId))
  const { deleted, kept } = await retire(opts, stale, ids, log)
  const menus = { menuA: ids.a, menuB: ids.b, menuAEn: ids['a-en'], menuBEn: ids['b-en'] }
  return { ...menus, created, deleted, kept }
}

function isStatus(e: unknown, status: number): boolean {
  return e instanceof HTTPFetchError && e.status === status
}

async function createMenu(
  opts: SyncOptions,
  request: messagingApi.RichMenuRequest,
  image: Uint8Array,
): Promise<string> {
  const { richMenuId } = await opts.client.createRichMenu(request)
  try {
    await opts.blobClient.setRichMenuImage(richMenuId, pngBlob(image))
  } catch (e) {
    // A menu without an image cannot be shown: remove it rather than leave it half-made.
    await opts.client.deleteRichMenu(richMenuId).catch(() => {})
    throw e
  }
  return richMenuId
}

function pngBlob(image: Uint8Array): Blob {
  return new Blob([image as Uint8Array<ArrayBuffer>], { type: 'image/png' })
}

/** Upload the image if an earlier run created the menu but stopped before the upload. */
async function ensureImage(
  opts: SyncOptions,
  richMenuId: string,
  image: Uint8Array,
  log: (line: string) => void,
): Promise<void> {
  try {
    const res = await opts.blobClient.getRichMenuImageWithHttpInfo(richMenuId)
    res.body.destroy()
  } catch (e) {
    if (!isStatus(e, 404)) throw e
    await opts.blobClient.setRichMenuImage(richMenuId, pngBlob(image))
    log(`menu ${richMenuId}: image was missing, uploaded`)
  }
}

async function pointAlias(
  client: messagingApi.MessagingApiClient,
  aliasId: string,
  richMenuId: string,
  log: (line: string) => void,
): Promise<void> {
  let current: string | null = null
  try {
    current = (await client.getRichMenuAlias(aliasId)).richMenuId
  } catch (e) {
    if (!isStatus(e, 404) && !isStatus(e, 400)) throw e
  }
  if (current === richMenuId) return
  if (current === null) await client.createRichMenuAlias({ richMenuAliasId: aliasId, richMenuId })
  else await client.updateRichMenuAlias(aliasId, { richMenuId })
  log(`alias ${aliasId}: ${current === null ? 'created' : 'moved'} → ${richMenuId}`)
}

async function makeDefault(
  client: messagingApi.MessagingApiClient,
  richMenuId: string,
  log: (line: string) => void,
): Promise<void> {
  let current: string | null = null
  try {
    current = (await client.getDefaultRichMenuId()).richMenuId
  } catch (e) {
    if (!isStatus(e, 404)) throw e
  }
  if (current === richMenuId) return
  await client.setDefaultRichMenu(richMenuId)
  log(`default rich menu → ${richMenuId}`)
}

/**
 * Move users off our old menus, then delete them. LINE's batch runs asynchronously: wait for
 * its progress to say succeeded before deleting, or a linked patron would drop back to menu A.
 */
async function retire(
  opts: SyncOptions,
  stale: messagingApi.RichMenuResponse[],
  ids: Record<MenuKey, string>,
  log: (line: string) => void,
): Promise<{ deleted: string[]; kept: string[] }> {
  if (stale.length === 0) return { deleted: [], kept: [] }
  const operations: messagingApi.RichMenuBatchLinkOperation[] = []
  for (const m of stale) {
    const key = keyOfName(m.name)
    if (key) operations.push({ type: 'link', from: m.richMenuId, to: ids[key] })
  }
  const moved = operations.length === 0 || (await runBatch(opts, operations, log))
  if (!moved) {
    log(`kept ${stale.length} old menu(s): their users could not be moved yet; run again`)
    return { deleted: [], kept: stale.map((m) => m.richMenuId) }
  }
  const deleted: string[] = []
  for (const m of stale) {
    try {
      await opts.client.deleteRichMenu(m.richMenuId)
    } catch (e) {
      if (!isStatus(e, 404)) throw e
    }
    deleted.push(m.richMenuId)
    log(`menu ${m.richMenuId}: deleted (${m.name})`)
  }
  return { deleted, kept: [] }
}

/** Run a batch and wait (bounded) for it to finish; true when LINE says it succeeded. */
async function runBatch(
  opts: SyncOptions,
  operations: messagingApi.RichMenuBatchLinkOperation[],
  log: (line: string) => void,
): Promise<boolean> {
  let requestId: string | null
  try {
    const res = await opts.client.richMenuBatchWithHttpInfo({ operations })
    requestId = res.httpResponse.headers.get('x-line-request-id')
  } catch (e) {
    if (!(e instanceof HTTPFetchError)) throw e
    log(`rich menu batch refused: HTTP ${e.status}`)
    return false
  }
  if (!requestId) return false
  const pollMs = opts.pollMs ?? 1000
  for (let attempt = 0; attempt < 60; attempt++) {
    const { phase } = await opts.client.getRichMenuBatchProgress(requestId)
    if (phase === 'succeeded') return true
    if (phase === 'failed') {
      log(`rich menu batch ${requestId} failed`)
      return false
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs))
  }
  log(`rich menu batch ${requestId} still running`)
  return false
}
