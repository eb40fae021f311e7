// The single file opened from file:// with every other request blocked, and the hosted dist/ served
// from a sub-path: both must do everything the directory does.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, serve, launch, openPage, organizations, dist, screenshot, saysItCouldNotStart } from './harness.js';

let browser, data;
before(async () => { browser = await launch(); data = await organizations(); });
after(async () => { await browser?.close(); });

const countLine = (page) => page.getByRole('status').filter({ hasText: /organizations$/ });

/** Filters by level, searches, opens a detail view: the core of the directory, as a person uses it. */
async function exercise(page) {
  await countLine(page).filter({ hasText: `${data.length} of ${data.length} organizations` }).waitFor();
  const policing = data.filter((o) => o.level === 'policing');
  await page.getByRole('checkbox', { name: /^Policing and criminal justice/ }).check();
  await countLine(page).filter({ hasText: `${policing.length} of ${data.length} organizations` }).waitFor();
  await page.getByRole('searchbox', { name: 'Search organizations' }).fill('europol');
  await page.getByRole('link', { name: 'European Union Agency for Law Enforcement Cooperation' }).click();
  await page.getByRole('dialog', { name: /European Union Agency for Law Enforcement Cooperation/ }).waitFor();
}

test('the single file works from file:// with no other request at all, and its link reopens the view', async () => {
  const page = await openPage(browser);
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  const file = pathToFileURL(join(dist, 'anti-trafficking-directory.html')).href;
  await page.goto(file);
  await exercise(page);
  const link = page.url();
  assert.match(link, /#q=europol&level=policing&org=europol$/, 'the state is in the fragment');
  await screenshot(page, 'single-file');

  const again = await openPage(browser);
  again.on('request', (request) => requests.push(request.url()));
  await again.goto(link);
  await again.getByRole('dialog', { name: /European Union Agency for Law Enforcement Cooperation/ }).waitFor();
  assert.equal(await again.getByRole('checkbox', { name: /^Policing and criminal justice/ }).isChecked(), true);
  assert.equal(await again.getByRole('searchbox', { name: 'Search organizations' }).inputValue(), 'europol');
  await again.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  assert.match(again.url(), /#q=europol&level=policing$/);

  const others = requests.filter((url) => !/^(file|data|blob):/.test(url));
  assert.deepEqual(others, [], 'only file:, data: and blob: requests');
  assert.deepEqual([...page.outside, ...again.outside], []);
  assert.equal(await page.getByRole('note', { name: 'Data source' }).count(), 0, 'the built-in data is the data here');
  assert.equal(await page.getByRole('button', { name: 'Embed this view' }).count(), 0, 'no embed.js beside the file for a snippet to load');
});

test('the single file says in words when it cannot start: without WebAssembly, or in a browser that lacks what it needs', async () => {
  const file = pathToFileURL(join(dist, 'anti-trafficking-directory.html')).href;
  for (const [missing, words] of [
    ['WebAssembly', /It needs WebAssembly, which this browser has turned off/],
    ['TextDecoder', /Part of it did not load, or this browser does not support it\. Reload the page/],
  ]) {
    const page = await openPage(browser);
    await page.addInitScript((name) => { delete globalThis[name]; }, missing);
    await page.goto(file);
    await saysItCouldNotStart(page, words);
    await page.context().close();
  }
});

test('dist/ served from a sub-path works the same, with relative URLs only', async () => {
  const server = await serve(dist, { prefix: '/some/prefix/' });
  try {
    const page = await openPage(browser);
    const requests = [];
    page.on('request', (request) => requests.push(new URL(request.url())));
    await page.goto(server.url);
    await exercise(page);
    const fetched = requests.filter((url) => url.protocol === 'http:').map((url) => url.pathname);
    assert.ok(fetched.includes('/some/prefix/data/organizations.json'), 'the data comes from the sub-path');
    assert.deepEqual(fetched.filter((path) => !path.startsWith('/some/prefix/')), [], 'nothing outside the sub-path');
    assert.equal(await page.getByRole('note', { name: 'Data source' }).count(), 0, 'fetched, not built-in');
    assert.deepEqual(page.outside, []);
  } finally {
    await server.close();
  }
});
