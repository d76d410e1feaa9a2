// Starts the real Bazaar binary for the suite and stops it afterwards.
//
//   BAZAAR_BIN     path of the built binary (default ../bin/bazaar, relative to webapp/)
//   CHROMIUM_PATH  system Chromium (default /usr/bin/chromium)
//   CI=true        a missing Chromium fails the run instead of skipping it
//
// The binary runs as `bazaar all` with HTTP_ADDR=127.0.0.1:<free port> and
// DATA_DIR=<fresh temp dir>; the suite starts once GET /readyz answers 200.
import { spawn, type ChildProcess } from 'node:child_process'
import { accessSync, constants, mkdtempSync, openSync, readFileSync, rmSync, closeSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromiumPath } from '../playwright.config'

const webappDir = fileURLToPath(new URL('..', import.meta.url))
const readyTimeoutMs = 30_000

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => {
        if (address && typeof address === 'object') resolvePort(address.port)
        else reject(new Error('could not pick a free port'))
      })
    })
  })
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function tail(path: string, lines = 40): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return '(no output)'
  }
}

async function waitUntilReady(baseURL: string, child: ChildProcess, logPath: string) {
  const deadline = Date.now() + readyTimeoutMs
  let last = 'no answer yet'
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `bazaar exited (code ${child.exitCode}, signal ${child.signalCode}) before it was ready. Its output:\n${tail(logPath)}`,
      )
    }
    try {
      const res = await fetch(`${baseURL}/readyz`, { signal: AbortSignal.timeout(2_000) })
      if (res.status === 200) return
      last = `HTTP ${res.status}`
    } catch (error) {
      last = error instanceof Error ? error.message : String(error)
    }
    await sleep(250)
  }
  throw new Error(
    `bazaar did not answer 200 on ${baseURL}/readyz within ${readyTimeoutMs / 1000} s (last: ${last}). Its output:\n${tail(logPath)}`,
  )
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  child.kill('SIGTERM')
  const killed = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)])
  if (!killed) {
    child.kill('SIGKILL')
    await exited
  }
}

export default async function globalSetup() {
  if (!isExecutable(chromiumPath)) {
    const message =
      `Chromium not found at ${chromiumPath} (set CHROMIUM_PATH, or install it: apt-get install chromium). ` +
      'Playwright browsers are never downloaded here.'
    if (process.env.CI === 'true') throw new Error(`${message} Failing because CI=true.`)
    console.warn(`\n[e2e] SKIPPING the end-to-end suite: ${message}\n`)
    process.env.BAZAAR_E2E_SKIP = message
    return
  }

  const bin = resolve(webappDir, process.env.BAZAAR_BIN || '../bin/bazaar')
  if (!isExecutable(bin)) {
    throw new Error(`No executable bazaar binary at ${bin}: build it first (go tool task build) or set BAZAAR_BIN.`)
  }

  const port = await freePort()
  const baseURL = `http://127.0.0.1:${port}`
  const dataDir = mkdtempSync(join(tmpdir(), 'bazaar-e2e-'))
  const logPath = join(dataDir, 'bazaar.log')
  const log = openSync(logPath, 'a')

  const child = spawn(bin, ['all'], {
    cwd: dataDir,
    env: { ...process.env, HTTP_ADDR: `127.0.0.1:${port}`, DATA_DIR: dataDir },
    stdio: ['ignore', log, log],
  })
  closeSync(log)
  const spawned = new Promise<void>((ok, fail) => {
    child.once('spawn', ok)
    child.once('error', fail)
  })

  const teardown = async () => {
    await stop(child)
    if (process.env.BAZAAR_E2E_KEEP_DATA === '1') console.log(`[e2e] kept ${dataDir}`)
    else rmSync(dataDir, { recursive: true, force: true })
  }

  try {
    await spawned
    await waitUntilReady(baseURL, child, logPath)
  } catch (error) {
    await teardown()
    throw error
  }

  process.env.BAZAAR_E2E_URL = baseURL
  console.log(`[e2e] bazaar (${bin}) is ready on ${baseURL}`)
  // Playwright runs the returned function as the global teardown.
  return teardown
}
