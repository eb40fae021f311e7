// Shared helpers for the browser tests: a static server on 127.0.0.1, Debian's headless Chromium
// through playwright-core, a guard that records (and blocks) every request leaving 127.0.0.1, and axe-core.
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, '..', '..');
export const dist = join(repo, 'dist');
export const screenshots = join(repo, 'docs', 'screenshots');

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml',
};

/** A browser test: one that gets stuck fails after a minute instead of stalling the run. */
export const test = (name, body) => nodeTest(name, { timeout: 60_000 }, body);

/**
 * Serves `root` on 127.0.0.1 under `prefix` ("/" or "/some/prefix/"). `overrides` maps a path below the
 * prefix to a function returning { status, body, type } so a test can serve broken data. `port`, if
 * given and free, is the port.
 */
export async function serve(root = dist, { prefix = '/', overrides = {}, port = 0 } = {}) {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://127.0.0.1').pathname);
    if (!path.startsWith(prefix)) { response.writeHead(404).end('not found'); return; }
    const relative = path.slice(prefix.length) || 'index.html';
    if (overrides[relative]) {
      const { status = 200, body = '', type = 'application/json' } = overrides[relative]();
      response.writeHead(status, { 'content-type': type }).end(body);
      return;
    }
    const file = normalize(join(root, relative));
    if (!file.startsWith(root)) { response.writeHead(403).end(); return; }
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  // On `port` if it is free (a screenshot that shows the address is then the same at every run),
  // otherwise on any.
  await new Promise((ok, fail) => {
    server.once('error', (error) => (error.code === 'EADDRINUSE' && port ? server.listen(0, '127.0.0.1', ok) : fail(error)));
    server.listen(port, '127.0.0.1', ok);
  });
  const url = `http://127.0.0.1:${server.address().port}${prefix}`;
  // Chromium keeps connections alive; close them so that close() cannot wait on them.
  return { url, close: () => new Promise((ok) => { server.close(ok); server.closeAllConnections(); }) };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Whether a URL stays on this machine (or inside the page itself). */
export function isLocal(url) {
  if (/^(data|blob|about|file):/.test(url)) return true;
  try { return new URL(url).hostname === '127.0.0.1'; } catch { return false; }
}

/**
 * A fresh page whose requests are all recorded; any request that would leave 127.0.0.1 is
 * aborted and kept in `page.outside` for the test to assert on, as are the console's errors
 * (`page.consoleErrors`) and warnings (`page.warnings`).
 */
export async function openPage(browser, { width = 1280, height = 900, colorScheme = 'light', permissions = [] } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme, permissions });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.outside = [];
  page.consoleErrors = [];
  page.warnings = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    page.outside.push(url);
    return route.abort();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') page.consoleErrors.push(message.text());
    if (message.type() === 'warning') page.warnings.push(message.text());
  });
  page.on('pageerror', (error) => page.consoleErrors.push(String(error)));
  return page;
}

/** axe-core's violations on the page (WCAG 2.x A and AA rules and best practices). */
export async function axeViolations(page) {
  await page.addScriptTag({ path: join(here, 'node_modules', 'axe-core', 'axe.min.js') });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Closes the browser and the server, then checks that no page asked for anything outside 127.0.0.1. */
export async function finish({ browser, server, pages }) {
  const outside = pages.flatMap((p) => p.outside);
  await browser?.close();
  await server?.close();
  assert.deepEqual(outside, [], 'no request may leave 127.0.0.1');
}

export async function screenshot(page, name) {
  await mkdir(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: false });
}

/** Asserts that the cards titled `titles` (names from `data`) are oldest first, those without a
 * founding year last. */
export function assertOldestFirst(titles, data) {
  const foundedOf = new Map(data.map((o) => [o.name, o.founded ?? Infinity]));
  const years = titles.map((title) => foundedOf.get(title));
  assert.ok(years.length > 1 && years.every((year) => year !== undefined), `titles from the data: ${titles}`);
  assert.deepEqual(years, [...years].sort((a, b) => a - b), `oldest first, entries without a year last: ${titles}`);
}

/** A YYYY-MM-DD date as the page writes it ("7 March 2026"), computed independently of the app. */
export function inWords(iso) {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export async function organizations() {
  return JSON.parse(await readFile(join(repo, 'data', 'organizations.json'), 'utf8'));
}

/**
 * Polls until `read()` equals `expected` (or matches it, for a RegExp, or satisfies it, for a
 * function), then returns the value.
 */
export async function eventually(read, expected, message) {
  const holds = expected instanceof RegExp ? (v) => expected.test(v)
    : typeof expected === 'function' ? expected : (v) => v === expected;
  let value;
  for (let i = 0; i < 50; i++) {
    value = await read();
    if (holds(value)) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`${message}: got ${JSON.stringify(value)}, expected ${expected}`);
}

/** The page says the directory could not start, in `words`, instead of loading for ever. */
export async function saysItCouldNotStart(page, words) {
  const alert = page.getByRole('alert');
  await alert.getByRole('heading', { name: 'The directory could not start' }).waitFor();
  assert.match(await alert.textContent(), words);
  assert.equal(await page.getByText('Loading the directory…').count(), 0);
}
