// Bad data never gives a blank page: the hosted build falls back to its built-in copy and says what
// failed and where, with a way to retry; entries that fail validation are counted and listed.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test, serve, launch, openPage, organizations, dist, screenshot, inWords, saysItCouldNotStart } from './harness.js';

let browser, data;
before(async () => { browser = await launch(); data = await organizations(); });
after(async () => { await browser?.close(); });

const newestDate = () => inWords(data.map((o) => o.last_verified).sort().at(-1));

const builtIn = 'data/built-in/organizations.json';

/** Opens the hosted app with some of its files answered by `overrides`, `prepare`d first. */
async function withOverrides(overrides, check, prepare = async () => {}) {
  const server = await serve(dist, { overrides });
  try {
    const page = await openPage(browser);
    await prepare(page);
    await page.goto(server.url);
    await check(page);
    assert.deepEqual(page.outside, []);
    await page.context().close();
  } finally {
    await server.close();
  }
}

const withData = (override, check, moreOverrides = {}) =>
  withOverrides({ 'data/organizations.json': override, ...moreOverrides }, check);

/** The built-in copy is on screen, with the note naming `reason`. */
async function showsBuiltIn(page, reason) {
  const note = page.getByRole('note', { name: 'Data source' });
  await note.waitFor();
  const text = await note.textContent();
  assert.match(text, new RegExp(`Showing the built-in data of ${newestDate()}\\.`));
  assert.match(text, reason);
  await page.getByRole('status').filter({ hasText: `${data.length} of ${data.length} organizations` }).waitFor();
  return note;
}

test('malformed JSON: the built-in data is shown, the note names the line and column, and Try again reloads', async () => {
  let calls = 0;
  const broken = '[\n  {"id": "a",,}\n]';
  await withData(() => ({ body: ++calls === 1 ? broken : JSON.stringify(data) }), async (page) => {
    const note = await showsBuiltIn(page, /data\/organizations\.json: the data is not valid JSON: .*\(line 2, column 14\)/);
    await note.getByRole('button', { name: 'Try again' }).click();
    await note.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: `${data.length} of ${data.length} organizations` }).waitFor();
    assert.equal(calls, 2);
  });
});

test('an HTTP error: the built-in data is shown and the note names the status', async () => {
  await withData(() => ({ status: 503, body: 'down' }), async (page) => {
    await showsBuiltIn(page, /answered with HTTP status 503/);
    await screenshot(page, 'built-in-data-note');
  });
});

test('data that is not a list: the built-in data is shown and the note says so', async () => {
  await withData(() => ({ body: '{"organizations": []}' }), async (page) => {
    await showsBuiltIn(page, /not a list of organizations/);
  });
});

test('entries that fail validation are left out and counted, and the others are shown', async () => {
  const entries = structuredClone(data);
  entries[0].regions = ['atlantis'];
  delete entries[1].sources;
  await withData(() => ({ body: JSON.stringify(entries, null, 2) }), async (page) => {
    const shown = data.length - 2;
    await page.getByRole('status').filter({ hasText: `${shown} of ${shown} organizations` }).waitFor();
    const note = page.getByRole('note', { name: 'Entries left out' });
    assert.match(await note.textContent(), /2 entries in the data failed validation and are not shown/);
    await note.getByText('What failed').click();
    assert.match(await note.textContent(), new RegExp(`entry 1 \\("${entries[0].id}"\\), field \`regions\\[0\\]\`, line \\d+: unknown variant \`atlantis\``));
    assert.match(await note.textContent(), new RegExp(`entry 2 \\("${entries[1].id}"\\).*missing field \`sources\``));
    assert.equal(await page.getByRole('note', { name: 'Data source' }).count(), 0, 'fetched data, not the built-in copy');
  });
});

test('the build\'s own copy is downloaded only when the site\'s data fails', async () => {
  let builtInCalls = 0;
  const copy = await readFile(join(dist, builtIn), 'utf8');
  const countBuiltIn = { [builtIn]: () => { builtInCalls += 1; return { body: copy }; } };
  await withData(() => ({ body: JSON.stringify(data) }), async (page) => {
    await page.getByRole('status').filter({ hasText: `${data.length} of ${data.length} organizations` }).waitFor();
    assert.equal(builtInCalls, 0, 'a normal load fetches the data once');
  }, countBuiltIn);
});

test('when the built-in copy fails too, the page says what failed and offers to try again', async () => {
  await withData(() => ({ status: 503, body: 'down' }), async (page) => {
    const alert = page.getByRole('alert');
    await alert.getByRole('heading', { name: 'The directory could not be loaded' }).waitFor();
    assert.match(
      await alert.textContent(),
      /data\/organizations\.json answered with HTTP status 503 .*\. The built-in copy failed too: data\/built-in\/organizations\.json answered with HTTP status 404 /,
    );
    await alert.getByRole('button', { name: 'Try again' }).waitFor();
  }, { [builtIn]: () => ({ status: 404, body: 'gone' }) });
});

/** The app's file in `dist/` whose name starts with `prefix` and ends with `suffix`. */
const built = async (prefix, suffix) =>
  (await readdir(dist)).find((name) => name.startsWith(prefix) && name.endsWith(suffix));

test('with WebAssembly turned off, the page says the directory needs it', async () => {
  await withOverrides({}, async (page) => {
    await saysItCouldNotStart(page, /It needs WebAssembly, which this browser has turned off/);
    await screenshot(page, 'no-webassembly');
  }, (page) => page.addInitScript(() => { delete globalThis.WebAssembly; }));
});

test('when a file of the app does not load, the page says the directory could not start', async () => {
  for (const file of [await built('atdir-app-', '_bg.wasm'), await built('atdir-app-', '.js')]) {
    await withOverrides({ [file]: () => ({ status: 404, body: 'gone', type: 'text/plain' }) }, async (page) => {
      await saysItCouldNotStart(page, /Part of it did not load, or this browser does not support it\. Reload the page/);
    });
  }
});
