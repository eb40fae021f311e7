// The embeds on a deliberately hostile partner page (examples/partner.html): two script instances
// with different presets, and the iframe. Neither page's CSS reaches the other, the partner's
// history and links are left alone, and nothing is requested outside 127.0.0.1.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, finish, serve, launch, openPage, organizations, dist, repo, axeViolations, screenshot, assertOldestFirst, eventually } from './harness.js';

let browser, server, data;
const pages = [];
const html = (body) => () => ({ body, type: 'text/html; charset=utf-8' });

before(async () => {
  data = await organizations();
  const partner = await readFile(join(repo, 'examples', 'partner.html'), 'utf8');
  const globals = `<!doctype html><html lang="en"><head><title>Globals</title>
    <script>window.before = Object.getOwnPropertyNames(window);</script></head>
    <body><main><div data-atdir data-compact></div></main><script src="embed.js"></script></body></html>`;
  // A narrow side column of a wide page, in a right-to-left language, with a 62.5% root font size.
  const column = `<!doctype html><html lang="ar" dir="rtl"><head><title>Column</title>
    <style>html { font-size: 62.5% } aside { width: 320px }</style></head>
    <body><main><aside><div data-atdir data-level="policing"></div></aside></main><script src="embed.js"></script></body></html>`;
  // Sites with a Content Security Policy: one that forbids WebAssembly, one that forbids inline styles.
  const withPolicy = (policy) => `<!doctype html><html lang="en"><head><title>Policy</title>
    <meta http-equiv="Content-Security-Policy" content="${policy}"></head>
    <body><main><div data-atdir data-level="policing"></div></main><script src="embed.js"></script></body></html>`;
  server = await serve(dist, {
    overrides: {
      'partner.html': html(partner), 'globals.html': html(globals), 'column.html': html(column),
      'no-wasm.html': html(withPolicy("script-src 'self'")),
      'no-inline-styles.html': html(withPolicy("script-src 'self' 'wasm-unsafe-eval'; style-src 'self'")),
    },
  });
  browser = await launch();
});

after(() => finish({ browser, server, pages }));

/** The partner page, with `prepare` run on it first (before any of its scripts). */
async function partnerPage(prepare = async () => {}) {
  const page = await openPage(browser, { height: 1200 });
  pages.push(page);
  await prepare(page);
  await page.goto(`${server.url}partner.html`);
  return page;
}

/** In the partner page's iframe embed, once it has sized its frame, clicks the last card's name. */
async function openLastInFrame(page) {
  const frame = page.frameLocator('iframe[data-atdir-frame]');
  await count(frame.locator('body')).first().waitFor();
  await page.waitForFunction(() => parseFloat(document.querySelector('iframe[data-atdir-frame]').style.height) > 300);
  const last = frame.getByRole('article').last();
  const open = last.getByRole('button');
  await open.scrollIntoViewIfNeeded();
  await open.click();
  return { frame, last, open };
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
  // Its skip link takes focus to its own results, and leaves the partner's address alone.
  await widget(page, 1).getByRole('link', { name: 'Skip to the results' }).focus();
  await page.keyboard.press('Enter');
  const itsResults = widget(page, 1).getByRole('heading', { name: 'Organizations' });
  await eventually(() => itsResults.evaluate((h) => h === h.getRootNode().activeElement), true, 'focus on its results');
  assert.deepEqual(await page.evaluate(() => ({ length: history.length, href: location.href })), before);

  await page.getByRole('link', { name: 'About us' }).click();
  assert.equal(await page.evaluate(() => location.hash), '#about');
});

test('axe-core finds no violations on the partner page', async () => {
  const page = await partnerPage();
  await count(widget(page, 1)).first().waitFor();
  await count(page.frameLocator('iframe[data-atdir-frame]').locator('body')).first().waitFor();
  assert.deepEqual(await axeViolations(page), []);
});

test('the iframe embed applies its presets, has no page header, and reports its height', async () => {
  const page = await partnerPage();
  const frame = page.frameLocator('iframe[data-atdir-frame]');
  const expected = data.filter((o) => o.level === 'un' && o.focus.includes('monitoring')).length;
  await count(frame.locator('body')).filter({ hasText: `${expected} of ${data.length} organizations` }).waitFor();
  assert.equal(await frame.getByRole('heading', { level: 1 }).count(), 0);
  await page.waitForFunction(() => parseFloat(document.querySelector('iframe[data-atdir-frame]').style.height) > 300);
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
  await card.getByRole('heading', { name: 'International Criminal Police Organization' }).waitFor();
  assert.deepEqual(await titles(card), ['International Criminal Police Organization']);
  assert.equal(await card.getByRole('searchbox').count(), 0, 'one card: nothing to search');
  assert.equal(await card.getByRole('checkbox').count(), 0, 'nothing to filter');
  assert.equal(await count(card).count(), 0, 'nothing to count');
  const background = await card.locator('.atd').evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.equal(background, 'rgb(22, 24, 25)', 'data-theme="dark" wins over the light preference');

  // A compact embed whose presets match nothing: nothing a visitor could clear them with.
  await addEmbed(page, 'none', { 'data-q': 'zzzzzz', 'data-compact': '' });
  const none = page.locator('#none');
  await none.getByText('No organization matches this search and these filters.').waitFor();
  assert.equal(await none.getByRole('button').count(), 0, 'no "Clear all filters", no chips');

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

test("in a partner's narrow side column the embed lays itself out for its own width, size and direction", async () => {
  const page = await openPage(browser, { width: 1280, height: 900 });
  pages.push(page);
  await page.goto(`${server.url}column.html`);
  const embed = widget(page, 0);
  const policing = data.filter((o) => o.level === 'policing').length;
  await count(embed).filter({ hasText: `${policing} of ${data.length} organizations` }).waitFor();
  assert.equal(await embed.getByRole('checkbox').first().isVisible(), false, 'the filters start folded, as on a phone');
  const card = await embed.getByRole('article').first().boundingBox();
  await screenshot(page, 'side-column');
  const column = await page.locator('aside').boundingBox();
  assert.ok(card.width > column.width * 0.75, `the cards take the column's width (${card.width} of ${column.width}px)`);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'the page does not scroll sideways');
  const root = embed.locator('.atd');
  assert.equal(await root.evaluate((e) => getComputedStyle(e).fontSize), '16px', "the reader's size, not the page's 62.5%");
  assert.deepEqual(await root.evaluate((e) => [e.lang, getComputedStyle(e).direction]), ['en', 'ltr']);
});

test("under a site's Content Security Policy the embed runs with 'wasm-unsafe-eval' and no inline styles, and says so when it cannot", async () => {
  const styled = await openPage(browser);
  pages.push(styled);
  await styled.goto(`${server.url}no-inline-styles.html`);
  const embed = widget(styled, 0);
  await count(embed).first().waitFor();
  assert.equal(await embed.getByRole('checkbox').first().evaluate((e) => getComputedStyle(e).width), '24px', 'its stylesheet applies');

  const blocked = await openPage(browser);
  pages.push(blocked);
  await blocked.goto(`${server.url}no-wasm.html`);
  await widget(blocked, 0).getByText('The Anti-Trafficking Directory could not start on this page. The browser console says why.').waitFor();
});

test('the iframe embed opens a detail view on the part of the frame on screen, and the frame shrinks when its content does', async () => {
  const page = await partnerPage();
  const frameElement = page.locator('iframe[data-atdir-frame]');
  const { frame } = await openLastInFrame(page);
  const dialog = frame.getByRole('dialog');
  await dialog.waitFor();
  const viewport = page.viewportSize();
  await eventually(() => dialog.evaluate((e) => getComputedStyle(e).visibility), 'visible', 'the dialog shows');
  const box = await dialog.boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= viewport.height, `the dialog (${box.y}px, ${box.height}px tall) is on screen`);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });

  const height = () => frameElement.evaluate((e) => parseFloat(e.style.height));
  // Cards are laid out as they come into view (content-visibility: auto): bring each in.
  const resize = async (width) => {
    await page.setViewportSize({ width, height: viewport.height });
    for (const card of await frame.getByRole('article').all()) await card.scrollIntoViewIfNeeded();
  };
  await resize(1280);
  const wide = await height();
  await resize(400);
  const narrow = await eventually(height, (h) => h > wide, 'the frame grows when its content does');
  await resize(1280);
  await eventually(height, (h) => h < narrow, 'the frame shrinks when its content does');
});

test('the iframe embed shows the detail view over the card chosen when the browser says nothing of which part of the frame is on screen', async () => {
  // As for a frame the browser does not render for a while: its observers are never called back.
  const page = await partnerPage((page) => page.addInitScript(() => {
    if (window.top !== window) {
      window.IntersectionObserver = class { observe() {} unobserve() {} disconnect() {} takeRecords() { return []; } };
    }
  }));
  const { frame, last, open } = await openLastInFrame(page);
  const name = await last.getByRole('heading', { level: 3 }).textContent();
  const dialog = frame.getByRole('dialog', { name });
  await dialog.waitFor({ timeout: 5000 });
  assert.equal(await dialog.evaluate((e) => getComputedStyle(e).visibility), 'visible');
  const box = await dialog.boundingBox();
  assert.ok(box.y >= 0 && box.y < page.viewportSize().height, `the dialog begins on screen (at ${box.y}px)`);
  // In the frame's own coordinates, which the partner page scrolling to the focused dialog leaves
  // as they are; the cards behind the dialog, laid out as they come into view, may have moved.
  const [chosen, placed] = await Promise.all([open, dialog].map((e) => e.evaluate((e) => e.getBoundingClientRect().top)));
  assert.ok(Math.abs(placed - chosen) <= 16, `where the name chosen is (${chosen}px), not in the middle of the frame (${placed}px)`);
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
