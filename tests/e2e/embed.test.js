// The embeds on a deliberately hostile partner page (examples/partner.html): two script instances
// with different presets, and the iframe. Neither page's CSS reaches the other, the partner's
// history and links are left alone, and nothing is requested outside 127.0.0.1.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, finish, serve, launch, openPage, organizations, dist, repo, axeViolations, screenshot, assertOldestFirst } from './harness.js';

let browser, server, data;
const pages = [];
const html = (body) => () => ({ body, type: 'text/html; charset=utf-8' });

before(async () => {
  data = await organizations();
  const partner = await readFile(join(repo, 'examples', 'partner.html'), 'utf8');
  const globals = `<!doctype html><html lang="en"><head><title>Globals</title>
    <script>window.before = Object.getOwnPropertyNames(window);</script></head>
    <body><main><div data-atdir data-compact></div></main><script src="embed.js"></script></body></html>`;
  server = await serve(dist, { overrides: { 'partner.html': html(partner), 'globals.html': html(globals) } });
  browser = await launch();
});

after(() => finish({ browser, server, pages }));

async function partnerPage() {
  const page = await openPage(browser, { height: 1200 });
  pages.push(page);
  page.warnings = [];
  page.on('console', (message) => { if (message.type() === 'warning') page.warnings.push(message.text()); });
  await page.goto(`${server.url}partner.html`);
  return page;
}

/** Adds an embed element to the partner's page, as a partner's own script would. */
const addEmbed = (page, id, attributes) => page.evaluate(([id, attributes]) => {
  const element = document.createElement('div');
  element.id = id;
  element.setAttribute('data-atdir', '');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  document.querySelector('main').append(element);
}, [id, attributes]);

const widget = (page, index) => page.locator('[data-atdir]').nth(index);
const count = (scope) => scope.getByRole('status').filter({ hasText: /organizations$/ });
const titles = (scope) => scope.getByRole('article').getByRole('heading', { level: 3 }).allTextContents();
const names = (filter) => data.filter(filter).map((o) => o.name).sort();

test('two instances with different presets each show the right organizations', async () => {
  const page = await partnerPage();
  const policing = names((o) => o.level === 'policing');
  const europeanNgos = names((o) => o.level === 'ngo' && o.regions.includes('europe'));
  await count(widget(page, 0)).filter({ hasText: `${policing.length} of ${data.length} organizations` }).waitFor();
  await count(widget(page, 1)).filter({ hasText: `${europeanNgos.length} of ${data.length} organizations` }).waitFor();
  const policingTitles = await titles(widget(page, 0));
  assert.deepEqual([...policingTitles].sort(), policing);
  assertOldestFirst(policingTitles, data); // data-sort="founded"
  assert.deepEqual((await titles(widget(page, 1))).sort(), europeanNgos);
  assert.equal(await widget(page, 0).getByRole('searchbox').count(), 0, 'compact: results only');
  assert.equal(await widget(page, 1).getByRole('searchbox', { name: 'Search organizations' }).count(), 1);
  await screenshot(page, 'partner-page');
});

test("partner CSS does not reach inside, and the widget's CSS does not leak out", async () => {
  const page = await partnerPage();
  const inside = widget(page, 1).getByRole('status').filter({ hasText: /organizations$/ });
  await inside.waitFor();
  const style = await inside.evaluate((e) => {
    const s = getComputedStyle(e);
    return { font: s.fontFamily, color: s.color, spacing: s.letterSpacing, transform: s.textTransform };
  });
  assert.doesNotMatch(style.font, /Comic/, 'the partner font stays outside');
  assert.equal(style.spacing, 'normal', "the partner's letter-spacing stays outside");
  assert.equal(style.transform, 'none');
  assert.notEqual(style.color, 'rgb(139, 0, 0)', 'the partner colour stays outside');
  const accent = await widget(page, 1).getByRole('button', { name: /^Remove Level/ }).first().count();
  assert.equal(accent, 1, 'the preset shows as a removable chip');
  const note = await page.locator('#partner-note').evaluate((e) => {
    const s = getComputedStyle(e);
    return { border: s.borderLeftWidth, background: s.backgroundColor, bodyMargin: getComputedStyle(document.body).marginTop };
  });
  assert.deepEqual(note, { border: '0px', background: 'rgba(0, 0, 0, 0)', bodyMargin: '8px' });
});

test("using a widget never touches the partner's history, and partner links still work", async () => {
  const page = await partnerPage();
  await count(widget(page, 1)).first().waitFor();
  const before = await page.evaluate(() => ({ length: history.length, href: location.href }));
  const search = widget(page, 1).getByRole('searchbox', { name: 'Search organizations' });
  await search.pressSequentially('strada', { delay: 20 });
  await count(widget(page, 1)).filter({ hasText: /^1 of / }).waitFor();
  await widget(page, 1).getByRole('button', { name: 'La Strada International' }).click();
  const dialog = widget(page, 1).getByRole('dialog', { name: /La Strada International/ });
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('checkbox', { name: /^Africa/ }).first().check();
  assert.deepEqual(await page.evaluate(() => ({ length: history.length, href: location.href })), before);

  await page.getByRole('link', { name: 'About us' }).click();
  assert.equal(await page.evaluate(() => location.hash), '#about');
});

test('axe-core finds no violations on the partner page', async () => {
  const page = await partnerPage();
  await count(widget(page, 1)).first().waitFor();
  await count(page.frameLocator('#atdir-frame').locator('body')).first().waitFor();
  assert.deepEqual(await axeViolations(page), []);
});

test('the iframe embed applies its presets, has no page header, and reports its height', async () => {
  const page = await partnerPage();
  const frame = page.frameLocator('#atdir-frame');
  const expected = data.filter((o) => o.level === 'un' && o.focus.includes('monitoring')).length;
  await count(frame.locator('body')).filter({ hasText: `${expected} of ${data.length} organizations` }).waitFor();
  assert.equal(await frame.getByRole('heading', { level: 1 }).count(), 0);
  await page.waitForFunction(() => parseFloat(document.getElementById('atdir-frame').style.height) > 300);
  const link = frame.getByRole('link').filter({ hasText: /^https:/ }).first();
  if (await link.count()) assert.equal(await link.getAttribute('target'), '_blank');
});

test('elements added later are mounted, bad values are named in warnings, and a failed data-src falls back', async () => {
  const page = await partnerPage();
  await count(widget(page, 1)).first().waitFor();
  await addEmbed(page, 'late', { 'data-level': 'polce,un', 'data-src': 'no-such-data.json' });
  const late = page.locator('#late');
  const un = data.filter((o) => o.level === 'un').length;
  await count(late).filter({ hasText: `${un} of ${data.length} organizations` }).waitFor();
  await late.getByRole('note', { name: 'Data source' }).getByText(/Showing the built-in data of/).waitFor();
  assert.ok(page.warnings.some((w) => w.includes('ignored data-level="polce"')), page.warnings.join('\n'));

  // One organization's card, in the dark theme whatever the reader prefers.
  await addEmbed(page, 'card', { 'data-org': 'interpol', 'data-theme': 'dark' });
  const card = page.locator('#card');
  await count(card).filter({ hasText: `1 of ${data.length} organizations` }).waitFor();
  assert.deepEqual(await titles(card), ['International Criminal Police Organization']);
  const background = await card.locator('.atd').evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.equal(background, 'rgb(22, 24, 25)', 'data-theme="dark" wins over the light preference');

  // An organization the data does not have: the page says so, and the partner's console names it.
  await addEmbed(page, 'missing', { 'data-org': 'no-such-body' });
  const note = page.locator('#missing').getByRole('note', { name: 'Organization not shown' });
  await note.getByText('No organization in this directory has the id “no-such-body”.', { exact: false }).waitFor();
  assert.equal(await note.getByRole('button').count(), 0, 'nothing a visitor could change');
  assert.ok(page.warnings.some((w) => w.includes('“no-such-body”')), page.warnings.join('\n'));

  await page.evaluate(() => { window.removed = document.getElementById('late'); window.removed.remove(); });
  await page.waitForFunction(() => window.removed.shadowRoot.childElementCount === 0);
  // The browser's own log of the 404 for data-src is expected; nothing else may be an error.
  const errors = page.consoleErrors.filter((e) => !e.startsWith('Failed to load resource'));
  assert.deepEqual(errors, [], 'unmounting is clean');
});

test('the embed adds one global, window.atdir', async () => {
  const page = await openPage(browser);
  pages.push(page);
  await page.goto(`${server.url}globals.html`);
  await count(page.locator('[data-atdir]')).first().waitFor();
  const added = await page.evaluate(() => Object.getOwnPropertyNames(window).filter((n) => !window.before.includes(n) && n !== 'before'));
  assert.deepEqual(added, ['atdir']);
  assert.deepEqual(await page.evaluate(() => Object.keys(window.atdir).sort()), ['mount', 'unmount']);
});
