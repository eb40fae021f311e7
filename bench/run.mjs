// The benchmark behind `cargo xtask bench`: sizes, cold load, interaction and memory of the built
// app, side by side with a plain-DOM page on ItemsJS (bench/itemsjs/) over the same data, in one
// headless Chromium run. Prints a Markdown table and writes it to --out.
//
// node bench/run.mjs --data-dir DIR --sizes 100,1000,... --cold-runs N --interactions N --out FILE
//   --about "line" (repeatable): lines for the header (machine, versions) from xtask.
// The datasets DIR/organizations-<size>.json come from xtask's generator; size 100 means the real data.
import { readFile, writeFile, mkdir, mkdtemp, copyFile, rm } from 'node:fs/promises';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { join, resolve, dirname } from 'node:path';
import { tmpdir, cpus, totalmem } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { serve, launch, isLocal, dist, repo } from '../tests/e2e/harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const { values: options } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    sizes: { type: 'string', default: '100,1000,10000,100000' },
    'cold-runs': { type: 'string', default: '10' },
    interactions: { type: 'string', default: '50' },
    out: { type: 'string' },
    about: { type: 'string', multiple: true, default: [] },
  },
});
const coldRuns = Number(options['cold-runs']);
const interactions = Number(options.interactions);
const itemsjsBundle = join(here, 'node_modules', 'itemsjs', 'dist', 'index.umd.js');
const itemsjsPage = join(here, 'itemsjs');

// Queries a researcher might type, in words the data uses; each is typed a character at a time.
const QUERIES = ['trafficking', 'europe', 'children', 'police cooperation', 'forced labour', 'special rapporteur', 'migrants'];
// Facet values ticked and then unticked again, one at a time, by their visible labels.
const TOGGLES = ['UN system', 'Europe', 'Forced labour', 'Policing and criminal justice', 'Africa', 'Prevention'];
// The changes of order timed, once each, by the slugs both pages give their orders.
const ORDERS = ['founded', 'level'];

// ---------- figures ----------

const median = (xs) => percentile(xs, 50);
const sum = (xs) => xs.reduce((total, x) => total + x, 0);
function percentile(xs, p) {
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const ms = (x) => (x === undefined ? '—' : `${x.toFixed(1)} ms`);
const mb = (bytes) => (bytes === undefined ? '—' : `${(bytes / 1e6).toFixed(1)} MB`);
const longTask = (x) => (x ? ms(x) : 'none over 50 ms');
const ratio = (ours, theirs) => (ours && theirs ? `${(theirs / ours).toFixed(2)}×` : '—');

function compressed(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

// ---------- sizes ----------

async function sizesOf() {
  const index = await readFile(join(dist, 'index.html'), 'utf8');
  const asset = (pattern) => {
    const name = index.match(pattern)?.[1];
    if (!name) throw new Error(`dist/index.html does not name ${pattern}`);
    return join(dist, name);
  };
  const files = {
    wasm: asset(/href="\.\/([^"]+_bg\.wasm)"/),
    glue: asset(/import init, \* as bindings from '\.\/([^']+\.js)'/),
    css: asset(/href="\.\/([^"]+\.css)"/),
    data: join(dist, 'data', 'organizations.json'),
    index: join(dist, 'index.html'),
    single: join(dist, 'anti-trafficking-directory.html'),
    embed: join(dist, 'embed.js'),
    itemsjs: itemsjsBundle,
    itemsjsPage: join(itemsjsPage, 'page.js'),
    itemsjsIndex: join(itemsjsPage, 'index.html'),
  };
  const sizes = {};
  for (const [name, file] of Object.entries(files)) sizes[name] = compressed(await readFile(file));
  const together = (names) => Object.fromEntries(['raw', 'gzip', 'brotli'].map((k) => [k, sum(names.map((n) => sizes[n][k]))]));
  sizes.hosted = together(['index', 'wasm', 'glue', 'css', 'data']);
  sizes.itemsjsTotal = together(['itemsjsIndex', 'itemsjs', 'itemsjsPage', 'data']);
  return sizes;
}

// ---------- pages ----------

/** The two servers: our dist/ and the ItemsJS page, each serving the dataset of the current size. */
async function servers(current) {
  const json = () => ({ body: current.json });
  const app = await serve(dist, { overrides: { 'data/organizations.json': json } });
  const itemsjs = await serve(itemsjsPage, {
    overrides: {
      'itemsjs.js': () => ({ body: current.bundle, type: 'text/javascript' }),
      'data.js': () => ({ body: `window.ATDIR_BENCH_DATA = ${current.json};`, type: 'text/javascript' }),
    },
  });
  return { app, itemsjs, close: () => Promise.all([app.close(), itemsjs.close()]) };
}

/** The ItemsJS page as files in `dir`, for file://, with the real data; returns its address. */
async function itemsjsFiles(dir, json) {
  for (const name of ['index.html', 'page.js']) await copyFile(join(itemsjsPage, name), join(dir, name));
  await copyFile(itemsjsBundle, join(dir, 'itemsjs.js'));
  await writeFile(join(dir, 'data.js'), `window.ATDIR_BENCH_DATA = ${json};`);
  return pathToFileURL(join(dir, 'index.html')).href;
}

/**
 * A page in a fresh context (a cold cache), with every request leaving 127.0.0.1 recorded. Unlike the
 * tests' openPage, nothing is routed through Playwright: intercepting requests would slow the very
 * loads being timed.
 */
async function freshPage(browser, outside) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(600_000);
  page.on('request', (request) => { if (!isLocal(request.url())) outside.push(request.url()); });
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  // The wasm instance, to read its linear memory: trunk's loader announces it.
  await page.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => { window.atdirWasm = e.detail.wasm; }));
  await page.addInitScript(frameWaitsInPage);
  await page.addInitScript(`window.atdirTimed = ${timedInPage.toString()};`);
  // Tasks over 50 ms, from the start: how long the page could not answer a click.
  await page.addInitScript(() => {
    window.atdirLongTasks = [];
    window.atdirLongTaskObserver = new PerformanceObserver((list) => window.atdirLongTasks.push(...list.getEntries()));
    window.atdirLongTaskObserver.observe({ type: 'longtask' });
  });
  return { page, errors, close: () => context.close() };
}

/**
 * Milliseconds from navigation start to a mark of the page: `atdir:results`, the first results on
 * screen, or `atdir:search-ready`, when a keystroke no longer waits for the search text. Asked
 * through the DevTools protocol, not Playwright: Playwright's first call into a page installs its own
 * script, about 11 ms on the page's main thread, which would land inside a load still under way and be
 * timed as the page's (about 20 ms more at the median for ours, measured).
 */
async function markAt(page, name) {
  const client = await page.context().newCDPSession(page);
  const { result, exceptionDetails } = await client.send('Runtime.evaluate', {
    expression: `new Promise((found) => new PerformanceObserver((marks, observer) => {
      const mark = marks.getEntriesByName(${JSON.stringify(name)})[0];
      if (mark) { observer.disconnect(); found(mark.startTime); }
    }).observe({ type: 'mark', buffered: true }))`,
    awaitPromise: true,
    returnByValue: true,
  });
  await client.detach();
  if (exceptionDetails) throw new Error(`reading the mark ${name}: ${exceptionDetails.text}`);
  return result.value;
}

/**
 * The longest task over 50 ms that started at or after `start` (ms from navigation), or 0 if none
 * did: read once the page is idle, after the tasks timed. With `running`, the task under way at
 * `start` counts too: an input dispatched from inside a task is handled in it.
 */
async function longestTaskFrom(page, start, { running = false } = {}) {
  return page.evaluate(async ([start, running]) => {
    await new Promise((done) => setTimeout(done, 100));
    const tasks = [...window.atdirLongTasks, ...window.atdirLongTaskObserver.takeRecords()];
    const counted = (task) => (running ? task.startTime + task.duration > start : task.startTime >= start);
    return Math.max(0, ...tasks.filter(counted).map((task) => task.duration));
  }, [start, running]);
}

/** A load in a fresh browser context, timed to its first results. */
async function coldLoad(browser, url, outside) {
  const { page, errors, close } = await freshPage(browser, outside);
  await page.goto(url);
  const time = await markAt(page, 'atdir:results');
  await close();
  if (errors.length) throw new Error(`${url}: ${errors.join('; ')}`);
  return time;
}

/**
 * Median cold loads of our page and of the ItemsJS page, taken in turns (ours, theirs, ours, ...) so
 * that a slower spell of the machine falls on both alike.
 */
async function coldLoads(browser, urls, outside) {
  for (const url of urls) await coldLoad(browser, url, outside); // warms the browser's own start-up, not the page's cache
  const times = urls.map(() => []);
  for (let i = 0; i < coldRuns; i++) {
    for (const [which, url] of urls.entries()) times[which].push(await coldLoad(browser, url, outside));
  }
  return times.map(median);
}

// Runs in the page, before its own scripts: waits that the timings share. `atdirNextFrame` resolves at
// the start of the next frame (a requestAnimationFrame callback); `atdirSettled` in a task of its own
// after the work waiting now, which, called at a frame's start, runs once that frame is drawn.
const frameWaitsInPage = () => {
  window.atdirNextFrame = () => new Promise((done) => requestAnimationFrame(done));
  window.atdirSettled = () => new Promise((done) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = done;
    channel.port2.postMessage(0);
  });
};

// Runs in the page: time from an action to its results painted. It starts just after a frame and
// waits for the page's own work (Leptos runs its effects in microtasks, ItemsJS synchronously), then
// adds the work of the frame that shows the results: from its start (a requestAnimationFrame
// callback) to the first task after it, which runs once the frame's style, layout, paint and commit
// are done. The idle wait for that frame is left out: it is the same for every page and would floor
// every figure at up to 16.7 ms. Nothing forces layout early, as a browser left alone would not.
const timedInPage = async (element, action, value) => {
  const { atdirNextFrame: nextFrame, atdirSettled: settled } = window;
  await nextFrame();
  await settled();
  const start = performance.now();
  if (action === 'click') {
    element.click();
  } else {
    // Typed in a search box, or chosen in a list box.
    element.value = value;
    element.dispatchEvent(new Event(action === 'type' ? 'input' : 'change', { bubbles: true }));
  }
  await settled();
  const scripted = performance.now() - start;
  await nextFrame();
  const frameStart = performance.now();
  await settled();
  return scripted + (performance.now() - frameStart);
};

/** The search typed in one go (as a paste is) the moment the first results show. */
const SEARCH_AT_FIRST_RESULTS = 'forced labour';

/**
 * Loads `url` and, as soon as its first results show, types a search in one go: milliseconds from
 * that input to its results painted, and the longest task meanwhile (how long a click could wait).
 * Ours may still be building what a search reads then; the search waits for it (the count line says
 * "Searching…") while the page goes on answering.
 */
async function searchAtFirstResults(browser, url, outside) {
  const { page, errors, close } = await freshPage(browser, outside);
  await page.goto(url);
  await markAt(page, 'atdir:results');
  const search = await page.getByRole('searchbox', { name: 'Search organizations' }).elementHandle();
  const status = await page.getByRole('status').filter({ hasText: /organizations$/ }).elementHandle();
  const { start, time } = await page.evaluate(async ([input, status, text]) => {
    const { atdirNextFrame: nextFrame, atdirSettled: settled } = window;
    const before = status.textContent;
    const start = performance.now();
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    // Checked at each frame, just before it is drawn: the frame that finds the results draws them.
    while (status.textContent === before || !status.textContent.endsWith('organizations')) {
      if (performance.now() - start > 600_000) throw new Error(`no results for "${text}" after 10 minutes`);
      await nextFrame();
    }
    await settled();
    return { start, time: performance.now() - start };
  }, [search, status, SEARCH_AT_FIRST_RESULTS]);
  const longest = await longestTaskFrom(page, start, { running: true });
  await close();
  if (errors.length) throw new Error(`${url}: ${errors.join('; ')}`);
  return { time, longest };
}

/** Loads `url` with `size` organizations, then types, toggles and weighs; returns the figures. */
async function interact(browser, url, size, outside) {
  const { page, errors, close } = await freshPage(browser, outside);
  await page.goto(url);
  const load = await markAt(page, 'atdir:results');
  const ready = await markAt(page, 'atdir:search-ready');
  const longestAfterLoad = await longestTaskFrom(page, load);
  const status = page.getByRole('status').filter({ hasText: /organizations$/ });
  await status.filter({ hasText: `${size} of ${size} organizations` }).waitFor();
  const client = await page.context().newCDPSession(page);
  await client.send('HeapProfiler.collectGarbage');
  const heap = (await client.send('Runtime.getHeapUsage')).usedSize;
  const wasm = await page.evaluate(() => window.atdirWasm?.memory?.buffer.byteLength);

  const search = await page.getByRole('searchbox', { name: 'Search organizations' }).elementHandle();
  const typing = [];
  for (const query of QUERIES) {
    for (let end = 1; end <= query.length; end++) {
      typing.push(await page.evaluate(([el, text]) => window.atdirTimed(el, 'type', text), [search, query.slice(0, end)]));
    }
    await page.evaluate(([el]) => window.atdirTimed(el, 'type', ''), [search]);
    if (typing.length >= interactions) break;
  }

  const toggling = [];
  while (toggling.length < interactions) {
    for (const order of [TOGGLES, [...TOGGLES].reverse()]) {
      for (const label of order) {
        const box = await page.getByRole('checkbox', { name: new RegExp(`^${label} \\(`) }).elementHandle();
        toggling.push(await page.evaluate(([el]) => window.atdirTimed(el, 'click'), [box]));
      }
    }
  }
  // Every box is unticked again: the full list is back, for the changes of order to sort it all.
  await status.filter({ hasText: `${size} of ${size} organizations` }).waitFor();
  const sortBy = await page.getByRole('combobox', { name: 'Sort by' }).elementHandle();
  const ordering = [];
  for (const order of ORDERS) {
    ordering.push(await page.evaluate(([el, value]) => window.atdirTimed(el, 'choose', value), [sortBy, order]));
  }
  await close();
  if (errors.length) throw new Error(`${url} at ${size}: ${errors.join('; ')}`);
  return {
    typeP50: percentile(typing, 50), typeP95: percentile(typing, 95), typeCount: typing.length,
    toggleP50: percentile(toggling, 50), toggleP95: percentile(toggling, 95), toggleCount: toggling.length,
    load, ready, longestAfterLoad, heap, wasm, ordering,
  };
}

// ---------- the run ----------

async function dataset(size) {
  const file = size === 100 ? join(repo, 'data', 'organizations.json') : join(options['data-dir'], `organizations-${size}.json`);
  const json = await readFile(file, 'utf8');
  return { json, count: JSON.parse(json).length };
}

async function main() {
  const sizes = await sizesOf();
  const browser = await launch();
  const browserVersion = browser.version();
  const outside = [];
  const current = { json: '', bundle: await readFile(itemsjsBundle, 'utf8') };
  const server = await servers(current);
  // Removed when the run ends, so that neither the bench nor the quick run in `cargo xtask test` leaves it behind.
  const itemsjsDir = await mkdtemp(join(tmpdir(), 'atdir-itemsjs-'));
  const rows = [];
  try {
    const real = await dataset(100);
    current.json = real.json;
    const cold = {
      hosted: await coldLoads(browser, [server.app.url, server.itemsjs.url], outside),
      file: await coldLoads(
        browser,
        [pathToFileURL(join(dist, 'anti-trafficking-directory.html')).href, await itemsjsFiles(itemsjsDir, real.json)],
        outside,
      ),
    };
    const scale = [];
    for (const size of options.sizes.split(',').map(Number)) {
      const data = await dataset(size);
      current.json = data.json;
      const ours = await interact(browser, server.app.url, data.count, outside);
      const theirs = await interact(browser, server.itemsjs.url, data.count, outside);
      ours.atFirstResults = await searchAtFirstResults(browser, server.app.url, outside);
      theirs.atFirstResults = await searchAtFirstResults(browser, server.itemsjs.url, outside);
      scale.push({ size: data.count, ours, theirs });
      console.error(`measured ${data.count} organizations:`, JSON.stringify({ ours, theirs }));
    }
    rows.push(...table(sizes, cold, scale));
  } finally {
    await browser.close();
    await server.close();
    await rm(itemsjsDir, { recursive: true, force: true });
  }
  if (outside.length) throw new Error(`requests left 127.0.0.1: ${outside.join(', ')}`);
  const report = [
    '# Benchmark results',
    '',
    `Written by \`cargo xtask bench\` on ${new Date().toISOString().slice(0, 10)}.`,
    '',
    ...[
      `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
      `Browser: headless Chromium ${browserVersion}; Node.js ${process.version}; ItemsJS ${await itemsjsVersion()}`,
      ...options.about,
      `Cold load: median of ${coldRuns} runs, each in a fresh browser context, ours and ItemsJS's in turns. Interactions: at least ${interactions} keystrokes and ${interactions} facet toggles per size, each timed from the event to its results painted: the page's script, then the frame that shows them (style, layout, paint), without the idle wait for that frame. Search ready: when a keystroke no longer waits for what a search reads (ours builds it after its first results, in slices of 8 ms that let a click through; ItemsJS before them). Longest task: the longest the page could not answer a click in that time, from the browser's long tasks (those over 50 ms). "Typed in one go at first results": a search entered as a paste is, in a load of its own, the moment the first results show; ours waits for what a search reads, saying "Searching…", while the page goes on answering. First change of order: choosing founding year, then level, in "Sort by" with every organization listed, timed as an interaction; ours sorts once per order and keeps it, ItemsJS sorts at every search. A facet toggle or a change of order on ours also adds an entry to the browser history, as our address carries the view to share (about 1 ms of each in this Chromium); the ItemsJS page keeps nothing in its address.`,
    ].map((line) => `- ${line}`),
    '',
    '"ItemsJS / ours" above 1 means ours is smaller or faster. Targets are from issue 6.',
    '',
    '| Measure | Ours | ItemsJS | ItemsJS / ours | Target |',
    '|---|---:|---:|---:|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
  ].join('\n');
  if (options.out) {
    await mkdir(dirname(resolve(options.out)), { recursive: true });
    await writeFile(options.out, report);
  }
  console.log(report);
}

async function itemsjsVersion() {
  return JSON.parse(await readFile(join(here, 'node_modules', 'itemsjs', 'package.json'), 'utf8')).version;
}

function table(sizes, cold, scale) {
  const size = (label, ours, theirs, target = '') => [
    label,
    `${kb(ours.raw)} / ${kb(ours.gzip)} / ${kb(ours.brotli)}`,
    theirs ? `${kb(theirs.raw)} / ${kb(theirs.gzip)} / ${kb(theirs.brotli)}` : '—',
    theirs ? ratio(ours.brotli, theirs.brotli) : '—',
    target,
  ];
  const met = (value, limit, unit) => `≤ ${limit} ${unit} ${value <= limit ? '(met)' : '(**missed**)'}`;
  const rows = [
    size('wasm (raw / gzip / brotli)', sizes.wasm),
    size('JS glue', sizes.glue, sizes.itemsjs),
    size('CSS', sizes.css),
    size('Dataset', sizes.data, sizes.data),
    size('Hosted first load: page, wasm, JS, CSS, data', sizes.hosted, sizes.itemsjsTotal, `brotli ${met(sizes.hosted.brotli / 1000, 150, 'KB')}`),
    size('Single file', sizes.single, undefined, `raw ${met(sizes.single.raw / 1000, 350, 'KB')}`),
    size('embed.js', sizes.embed),
    ['Cold load to first results, 127.0.0.1 (median)', ms(cold.hosted[0]), ms(cold.hosted[1]), ratio(cold.hosted[0], cold.hosted[1]), met(Math.round(cold.hosted[0]), 300, 'ms')],
    ['Cold load to first results, file:// (median)', ms(cold.file[0]), ms(cold.file[1]), ratio(cold.file[0], cold.file[1]), ''],
  ];
  for (const { size: n, ours, theirs } of scale) {
    const limit = n >= 100_000 ? 50 : n >= 10_000 ? 16 : undefined;
    const target = (value) => (limit ? met(Math.round(value * 10) / 10, limit, 'ms') : '');
    const count = n.toLocaleString('en');
    rows.push(
      [`${count}: load to first results (one load)`, ms(ours.load), ms(theirs.load), ratio(ours.load, theirs.load), ''],
      [`${count}: load to search ready (same load)`, ms(ours.ready), ms(theirs.ready), ratio(ours.ready, theirs.ready), ''],
      [`${count}: longest task from first results to search ready (a click waits for it)`, longTask(ours.longestAfterLoad), longTask(theirs.longestAfterLoad), ratio(ours.longestAfterLoad, theirs.longestAfterLoad), ''],
      [
        `${count}: "${SEARCH_AT_FIRST_RESULTS}" typed in one go at first results, to its results (longest task meanwhile)`,
        `${ms(ours.atFirstResults.time)} (${longTask(ours.atFirstResults.longest)})`,
        `${ms(theirs.atFirstResults.time)} (${longTask(theirs.atFirstResults.longest)})`,
        ratio(ours.atFirstResults.time, theirs.atFirstResults.time),
        '',
      ],
      [`${count}: keystroke to results p50`, ms(ours.typeP50), ms(theirs.typeP50), ratio(ours.typeP50, theirs.typeP50), ''],
      [`${count}: keystroke to results p95 (${ours.typeCount} keystrokes)`, ms(ours.typeP95), ms(theirs.typeP95), ratio(ours.typeP95, theirs.typeP95), target(ours.typeP95)],
      [`${count}: facet toggle to results p50`, ms(ours.toggleP50), ms(theirs.toggleP50), ratio(ours.toggleP50, theirs.toggleP50), ''],
      [`${count}: facet toggle to results p95 (${ours.toggleCount} toggles)`, ms(ours.toggleP95), ms(theirs.toggleP95), ratio(ours.toggleP95, theirs.toggleP95), target(ours.toggleP95)],
      [
        `${count}: first change of order of all of them, to founding year / to level`,
        ours.ordering.map(ms).join(' / '),
        theirs.ordering.map(ms).join(' / '),
        ratio(sum(ours.ordering), sum(theirs.ordering)),
        '',
      ],
      // Ours keeps its data in wasm memory, ItemsJS in the JS heap: only the sum compares.
      [`${count}: memory after load (JS heap + wasm memory)`, mb(ours.heap + ours.wasm), mb(theirs.heap), ratio(ours.heap + ours.wasm, theirs.heap), ''],
      [`${count}: of which JS heap / wasm memory (wasm memory never shrinks: it holds the loading peak)`, `${mb(ours.heap)} / ${mb(ours.wasm)}`, `${mb(theirs.heap)} / —`, '—', ''],
    );
  }
  return rows;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
