/**
 * Build the LIFF app and serve the output the way the bot will: static files under /liff/,
 * index.html for any other /liff/ path (so `/liff/card`, a LIFF URL's path, opens the app).
 * For the browser tests and the budget run only.
 */
import { mkdtemp, readFile, stat } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

const CONFIG = fileURLToPath(new URL('../vite.config.ts', import.meta.url))

/** `vite build` into `outDir` (a fresh temp dir by default, so parallel runs never collide). */
export async function buildApp(outDir?: string): Promise<string> {
  const dir = outDir ?? (await mkdtemp(join(tmpdir(), 'bunko-liff-')))
  await build({
    configFile: CONFIG,
    logLevel: 'warn',
    build: { outDir: dir, emptyOutDir: true },
  })
  return dir
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
}

export interface Served {
  origin: string
  close(): Promise<void>
}

export async function serveApp(dir: string): Promise<Served> {
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    if (!path.startsWith('/liff/')) {
      res.writeHead(404).end()
      return
    }
    const rel = normalize(path.slice('/liff/'.length)).replace(/^(\.\.[/\\])+/, '')
    let file = join(dir, rel)
    const isFile = await stat(file).then(
      (s) => s.isFile(),
      () => false,
    )
    if (!isFile) file = join(dir, 'index.html')
    const body = await readFile(file)
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': file.endsWith('index.html') ? 'no-cache' : 'max-age=31536000, immutable',
    })
    res.end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
