// The built directory (dist/) in headless Chromium, found by role and label as a person finds things.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { test, finish, serve, launch, openPage, axeViolations, screenshot, organizations, assertOldestFirst, inWords, eventually, dist } from './harness.js';

const levelLabels = { un: 'UN system', regional: 'Regional and intergovernmental', policing: 'Policing and criminal justice', ngo: 'NGOs and civil society' };
let browser, server, data;
const pages = [];

before(async () => {
  data = await organizations();
  // A fixed port, where free: the "Embed this view" screenshot shows the address.
  server = await serve(dist, { port: 41951 });
  browser = await launch();
});

after(() => finish({ browser, server, pages }));

async function open(path = '', options) {
  const page = await openPage(browser, options);
  pages.push(page);
  await page.goto(server.url + path);
  await page.getByRole('status').filter({ hasText: /organizations$/ }).waitFor();
  return page;
}

/** Whether the element is the one that has keyboard focus. */
const isFocused = (locator) => locator.evaluate((element) => element === element.getRootNode().activeElement);

/** Waits two frames: the app's effects have run and the page is drawn. */
const settle = (page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

/** A screenshot once cards that came into view are drawn: that takes a frame (content-visibility: auto). */
async function settledScreenshot(page, name) {
  await settle(page);
  await screenshot(page, name);
}

/** How many results the list shows at first, and adds with "Show more". */
const PAGE = 25;
const countLine = (page) => page.getByRole('status').filter({ hasText: /organizations$/ }).textContent();
const results = (page) => page.getByRole('region', { name: 'Organizations' }).getByRole('article');
const cardTitles = async (page) => results(page).getByRole('heading').allTextContents();
// The app's order, as a list files names: lower-cased and without a leading "The", compared
// character by character, then ids.
const sortKey = (o) => [o.name.toLowerCase().replace(/^the /, ''), o.id];
const byName = (a, b) => {
  const [x, y] = [sortKey(a), sortKey(b)];
  return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0;
};

/**
 * Every card shows its own entry: name, link, acronym, level, place, summary and focus areas. Cards
 * are rewritten in place when the results change, so nothing of the entry shown before may stay.
 */
async function assertCardsShowTheirEntries(page) {
  const cards = await results(page).evaluateAll((articles) => articles.map((article) => ({
    level: article.closest('li').dataset.level,
    href: article.querySelector('h3 a').getAttribute('href'),
    name: article.querySelector('h3').textContent,
    labelledBy: article.getAttribute('aria-labelledby'),
    linkId: article.querySelector('h3 a').id,
    meta: [...article.querySelectorAll('p:first-of-type span')].map((span) => [span.className, span.textContent]),
    summary: article.querySelector('h3 + p + p').textContent,
    focusAreas: article.querySelectorAll('ul li').length,
  })));
  assert.ok(cards.length > 0, 'some cards');
  for (const card of cards) {
    const id = new URLSearchParams(card.href.slice(card.href.indexOf('?'))).get('org');
    const entry = data.find((o) => o.id === id);
    assert.ok(entry, `the card "${card.name}" opens an entry of the data`);
    const where = `the card of ${id}`;
    assert.equal(card.name, entry.name, where);
    assert.equal(card.linkId, card.labelledBy, `${where} is named by its link`);
    assert.ok(card.linkId.endsWith(`card-${id}`), `${where} has its own id`);
    assert.equal(card.level, entry.level, where);
    const meta = Object.fromEntries(card.meta);
    const shown = [entry.acronym && 'atd-acronym', 'atd-level', entry.headquarters && 'atd-place'].filter(Boolean);
    assert.deepEqual(Object.keys(meta), shown, where);
    assert.equal(meta['atd-acronym'], entry.acronym, where);
    assert.equal(meta['atd-level'], levelLabels[entry.level], where);
    if (entry.headquarters) assert.ok(meta['atd-place'].startsWith(entry.headquarters.city), where);
    assert.equal(card.summary, entry.summary, where);
    assert.equal(card.focusAreas, entry.focus.length, where);
  }
}

test('the directory lists every organization by name, a page at a time', async () => {
  const page = await open();
  await page.getByRole('heading', { level: 1, name: 'Anti-Trafficking Directory' }).waitFor();
  assert.equal(await countLine(page), `${data.length} of ${data.length} organizations`);
  const sorted = [...data].sort(byName).map((o) => o.name);
  assert.deepEqual(await cardTitles(page), sorted.slice(0, PAGE), 'the first page');
  // "Show more" adds the next page and moves focus to its first card, where reading goes on.
  while (sorted.length > (await cardTitles(page)).length) {
    const shown = (await cardTitles(page)).length;
    await page.getByText(`Showing ${shown} of ${data.length} results.`).waitFor();
    if (shown === PAGE) {
      // Cards laid out as they come into view move what is below them: scrolled to again until it
      // stays put, so that the picture is the same however fast the cards were drawn.
      const more = page.getByText(`Showing ${shown} of ${data.length} results.`);
      const top = () => more.evaluate((e) => e.getBoundingClientRect().top + scrollY);
      let before;
      for (let tries = 0; tries < 10 && before !== (before = await top()); tries++) {
        await more.evaluate((e) => e.scrollIntoView({ block: 'center' }));
        await settle(page);
      }
      await settledScreenshot(page, 'show-more');
    }
    await page.getByRole('button', { name: `Show ${Math.min(PAGE, data.length - shown)} more` }).click();
    await eventually(async () => (await cardTitles(page)).length, Math.min(shown + PAGE, data.length), 'the next page');
    await eventually(() => page.evaluate(() => document.activeElement.textContent), sorted[shown], 'focus on the first new card');
  }
  assert.deepEqual(await cardTitles(page), sorted, 'every organization once, by name');
  assert.equal(await page.getByRole('button', { name: /^Show \d+ more$/ }).count(), 0, 'nothing more to show');
  assert.deepEqual(page.consoleErrors, []);
  assert.deepEqual(page.warnings, [], 'a normal load warns of nothing');
  await page.evaluate(() => window.scrollTo(0, 0));
  await settledScreenshot(page, 'list');
});

test('on a phone the filters start folded, so the results show on the first screen', async () => {
  const page = await open('', { width: 320, height: 800 });
  const unSystem = page.getByRole('checkbox', { name: /^UN system/ });
  assert.equal(await unSystem.isVisible(), false, 'the facets are folded');
  const count = page.getByRole('status').filter({ hasText: /organizations$/ });
  const firstCard = results(page).first().getByRole('heading');
  for (const [what, locator] of [['the count', count], ['the first card', firstCard]]) {
    const box = await locator.boundingBox();
    assert.ok(box && box.y + box.height <= 800, `${what} is on the first screen (at ${box?.y})`);
  }
  await settledScreenshot(page, 'list-320px');
  await page.getByText('Filters', { exact: true }).filter({ visible: true }).click();
  await unSystem.check();
  const un = data.filter((o) => o.level === 'un').length;
  await eventually(() => countLine(page), `${un} of ${data.length} organizations`, 'the unfolded filters work');

  // Turned or widened, the page lays the filters out anew: beside the results when wide, folded
  // again when narrow; loaded folded, they must not stay hidden with no "Filters" to open them.
  const folded = await open('', { width: 768, height: 1024 });
  const europe = folded.getByRole('checkbox', { name: /^Europe \(/ });
  assert.equal(await europe.isVisible(), false, 'folded on a tablet held upright');
  await folded.setViewportSize({ width: 1024, height: 768 });
  await europe.waitFor({ state: 'visible' });
  await folded.setViewportSize({ width: 320, height: 800 });
  await europe.waitFor({ state: 'hidden' });
  await folded.getByText('Filters', { exact: true }).filter({ visible: true }).waitFor();
  assert.deepEqual(page.consoleErrors, []);
  assert.deepEqual(folded.consoleErrors, []);
});

test('on a phone every detail view fits the screen: nothing sticks out of the dialog or scrolls sideways', async () => {
  const page = await open('', { width: 320, height: 800 });
  for (const entry of data) {
    await page.goto(`${server.url}?org=${entry.id}`);
    const dialog = page.getByRole('dialog', { name: entry.acronym ? `${entry.name} (${entry.acronym})` : entry.name });
    await dialog.getByRole('button', { name: 'Close' }).waitFor();
    const outside = () => dialog.evaluate((element) => {
      const frame = element.getBoundingClientRect();
      const sticksOut = (box) => box.width > 0 && (box.left < frame.left - 0.5 || box.right > frame.right + 0.5);
      return [...element.querySelectorAll('*')]
        .filter((child) => sticksOut(child.getBoundingClientRect()))
        .map((child) => `${child.tagName} "${child.textContent.slice(0, 40)}"`)
        .concat(document.documentElement.scrollWidth > innerWidth ? ['the page scrolls sideways'] : []);
    });
    // Asked again for a while: the page may still be laying out what loaded with the dialog, and
    // what truly sticks out goes on sticking out.
    await eventually(outside, (found) => found.length === 0, `the detail view of ${entry.id}`);
  }
  assert.deepEqual(page.consoleErrors, []);
});

test('each level filter narrows to the organizations of that level', async () => {
  const page = await open();
  for (const [level, label] of Object.entries(levelLabels)) {
    const expected = data.filter((o) => o.level === level).sort(byName).map((o) => o.name);
    const box = page.getByRole('checkbox', { name: new RegExp(`^${label} \\(${expected.length}\\)$`) });
    await box.check();
    await eventually(() => countLine(page), `${expected.length} of ${data.length} organizations`, level);
    assert.deepEqual(await cardTitles(page), expected.slice(0, PAGE), `the first cards at level ${level}`);
    await assertCardsShowTheirEntries(page);
    const link = results(page).first().getByRole('link');
    assert.match(await link.getAttribute('href'), new RegExp(`^\\?level=${level}&org=`), 'a copied card link keeps the filters');
    const chip = page.getByRole('button', { name: `Remove Level: ${label}` });
    await chip.click();
    await eventually(() => countLine(page), `${data.length} of ${data.length} organizations`, 'after removing the chip');
    await assertCardsShowTheirEntries(page);
    assert.equal(await box.isChecked(), false);
  }
});

test('search ignores accents, case and punctuation, and ranks matches in names, then on cards, first', async () => {
  const page = await open();
  const search = page.getByRole('searchbox', { name: 'Search organizations' });
  for (const query of ['siobhan', 'Siobhán', 'SIOBHAN']) {
    await search.fill(query);
    await eventually(async () => (await cardTitles(page)).join('|'), /Special Rapporteur on trafficking in persons/, query);
  }
  await search.fill('cooperation europe');
  await eventually(async () => (await cardTitles(page)).join('|'), /Organization for Security and Co-operation in Europe/, 'cooperation');
  await search.fill('unodc');
  await eventually(async () => (await cardTitles(page))[0], 'United Nations Office on Drugs and Crime', 'unodc first');
  await assertCardsShowTheirEntries(page);

  // British or American spelling, singular or plural: the same organizations either way.
  const everyTitleFor = async (query) => {
    await search.fill(query);
    await eventually(() => page.evaluate(() => new URLSearchParams(location.search).get('q')), query, `"${query}" applied`);
    const more = page.getByRole('button', { name: /^Show \d+ more$/ });
    while (await more.count() > 0) await more.click();
    const titles = await cardTitles(page);
    assert.equal(`${titles.length} of ${data.length} organizations`, await countLine(page), `every result for "${query}" is shown`);
    return titles;
  };
  for (const [one, other] of [['forced labour', 'Forced Labor'], ['organised crime', 'organized crime'], ['migrant', 'migrants'], ['policy', 'policies'], ['women', 'woman'], ['crisis', 'crises'], ['internet', 'online']]) {
    const found = await everyTitleFor(one);
    assert.ok(found.length > 1, `"${one}" finds organizations`);
    assert.deepEqual(await everyTitleFor(other), found, `"${other}" finds what "${one}" finds`);
  }
  assert.equal((await everyTitleFor('labor organization'))[0], 'International Labour Organization');
  // Half typed, a word already finds the other spelling: the count does not fall as one types on.
  const halfTyped = await everyTitleFor('organis');
  for (const name of await everyTitleFor('organisation')) {
    assert.ok(halfTyped.includes(name), `"organis" already finds ${name}`);
  }
  // The place on a card is searched too, though a summary may not name it.
  const genevaTitles = await everyTitleFor('geneva');
  for (const { name } of data.filter((o) => o.headquarters?.city === 'Geneva')) {
    assert.ok(genevaTitles.includes(name), `"geneva" finds ${name}, based there`);
  }
  // A journalist's "people trafficking" is the treaties' "trafficking in persons".
  const peopleTrafficking = await everyTitleFor('people trafficking');
  for (const name of ['Special Rapporteur on trafficking in persons, especially women and children', 'United Nations Office on Drugs and Crime']) {
    assert.ok(peopleTrafficking.includes(name), `"people trafficking" finds ${name}`);
  }
  // Best match: a search that is a body's acronym lists that body first.
  for (const acronym of ['UN', 'AU', 'EU', 'WHO']) {
    const named = data.filter((o) => o.acronym === acronym);
    assert.equal(named.length, 1, `one body is the ${acronym}`);
    assert.equal((await everyTitleFor(acronym.toLowerCase()))[0], named[0].name, `"${acronym.toLowerCase()}" lists ${named[0].name} first`);
  }
  // Then the bodies whose name, acronym or other name begins with the search, as it is typed.
  const ownNames = (org) => [org.name, org.acronym, ...(org.aliases ?? [])].filter(Boolean);
  for (const query of ['united nat', 'counc']) {
    const begins = (name) => ownNames(data.find((o) => o.name === name)).some((n) => n.toLowerCase().startsWith(query));
    const beginning = (await everyTitleFor(query)).map(begins);
    assert.ok(beginning.includes(true) && beginning.includes(false), `"${query}" begins some names and not others`);
    assert.deepEqual(beginning, [...beginning].sort().reverse(), `"${query}": the names it begins come first`);
  }
  // Then the names that hold the word, then the cards whose summary does, then the rest.
  const tier = (org) => (/police/i.test(ownNames(org).join(' ')) ? 0 : /police/i.test(org.summary) ? 1 : 2);
  const tiers = (await everyTitleFor('police')).map((name) => tier(data.find((o) => o.name === name)));
  assert.deepEqual(tiers, [...tiers].sort(), 'names, then cards, then the rest');
  assert.deepEqual([0, 1, 2].map((t) => tiers.includes(t)), [true, true, true], 'each kind of match is there');
  // A word followed by another is a whole word: "organ trafficking" finds the bodies that name
  // organs, not every organization; last, "organ" may still be the start of a word being typed.
  const organTrafficking = await everyTitleFor('organ trafficking');
  assert.ok(organTrafficking.includes('World Health Organization'), '"organ trafficking" finds the WHO');
  const namesOrgans = new Set(data.filter((o) => /\borgans?\b/i.test(JSON.stringify(o))).map((o) => o.name));
  for (const name of organTrafficking) assert.ok(namesOrgans.has(name), `${name} names organs`);
  assert.ok((await everyTitleFor('organ')).length > organTrafficking.length * 3, '"organ" alone finds every organization');
  // Every word starts a word: each card for "un" shows a word that starts with it (in its name,
  // place, summary or quoted passage), not only a "fund" or a "council".
  await everyTitleFor('un');
  const cardTexts = await results(page).evaluateAll((cards) => cards.map((card) => {
    const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
    const texts = [];
    while (walker.nextNode()) texts.push(walker.currentNode.data);
    return texts.join(' ');
  }));
  for (const text of cardTexts) {
    const folded = text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
    const wordStarts = [folded.replace(/[.'’‐‑-]/g, ''), folded.replace(/[.'’‐‑-]/g, ' ')];
    assert.ok(wordStarts.some((t) => /(^|[^\p{L}\p{N}])un/u.test(t)), `a word starts with "un" in: ${text}`);
  }
  // Hyphenated words are found by their parts.
  const antiTrafficking = await everyTitleFor('anti trafficking');
  const hyphenated = data.filter((o) => /anti-trafficking/i.test(o.summary + o.role));
  assert.ok(hyphenated.length > 10, 'the data writes "anti-trafficking"');
  for (const { name } of hyphenated) assert.ok(antiTrafficking.includes(name), `"anti trafficking" finds ${name}`);
  await search.fill('zzzz no such thing');
  await page.getByText('No organization matches this search and these filters.').waitFor();
  await page.getByRole('button', { name: 'Clear all filters' }).click();
  await eventually(() => countLine(page), `${data.length} of ${data.length} organizations`, 'cleared');
  assert.equal(await search.inputValue(), '');
});

test('a search that matches beyond what a card shows quotes the passage that matched', async () => {
  const page = await open();
  const search = page.getByRole('searchbox', { name: 'Search organizations' });
  const card = (org) => results(page).filter({ has: page.getByRole('heading', { name: org.name, exact: true }) });
  const quotes = (org) => card(org).locator('p').filter({ hasText: /^(Also known as|Against trafficking|Instruments|People): / });

  const holders = data.filter((o) => (o.people ?? []).some((p) => p.name.includes('Guterres')));
  assert.ok(holders.length > 0, 'the data names Guterres');
  await search.fill('guterres');
  await eventually(() => countLine(page), `${holders.length} of ${data.length} organizations`, 'guterres');
  for (const org of holders) {
    const person = org.people.find((p) => p.name.includes('Guterres'));
    await card(org).getByText(`People: ${person.role}: ${person.name}`, { exact: true }).waitFor();
  }
  await screenshot(page, 'search-match');
  assert.deepEqual(await axeViolations(page), [], 'cards with quoted passages');

  const a21 = data.find((o) => o.id === 'a21');
  assert.ok(a21.role.includes('Walk for Freedom') && !a21.summary.includes('Walk for Freedom'));
  await search.fill('walk for freedom');
  await eventually(() => quotes(a21).count(), 1, 'a passage of what A21 does');
  assert.match(await quotes(a21).textContent(), /^Against trafficking: .*Walk for Freedom/);

  // A card that shows every word searched for quotes nothing.
  const interpol = data.find((o) => o.id === 'interpol');
  await search.fill('interpol');
  await eventually(async () => (await cardTitles(page))[0], interpol.name, 'interpol first');
  assert.equal(await quotes(interpol).count(), 0);
});

test('typing the name of a filter finds every organization the filter finds, and a card that does not say it quotes why', async () => {
  const page = await open();
  const search = page.getByRole('searchbox', { name: 'Search organizations' });
  // The hint under the label, which stays in view while typing, says what a search reads.
  const hint = await search.evaluate((box) => box.getAttribute('aria-describedby').split(' ').map((id) => document.getElementById(id).textContent).join(' '));
  assert.match(hint, /form of exploitation/);
  const withForm = data.filter((o) => (o.forms ?? []).includes('domestic-servitude'));
  assert.ok(withForm.length > 1, 'the data has bodies that work on domestic servitude');
  await search.fill('domestic servitude');
  // With the search, the filter's count is still every body it finds: the search found them all.
  await page.getByRole('checkbox', { name: `Domestic servitude (${withForm.length})` }).check();
  await eventually(() => countLine(page), `${withForm.length} of ${data.length} organizations`, 'searched and filtered');
  const says = (o) => /domestic servitude/i.test(JSON.stringify([o.summary, o.role, o.aliases, o.instruments, o.people]));
  const silent = withForm.filter((o) => !says(o));
  assert.ok(silent.length > 0, 'some of them say nothing of it in their text');
  for (const org of silent) {
    const card = results(page).filter({ has: page.getByRole('heading', { name: org.name, exact: true }) });
    await card.getByText(/^Forms of exploitation: .*Domestic servitude/).waitFor();
  }
});

test('a search typed before the search text is built waits for it, says so, and then shows what a link to it shows', async () => {
  const page = await openPage(browser);
  pages.push(page);
  // The page builds the search text in slices, each in a task of its own that a message the page
  // posts to itself starts. Held back, the text stays unbuilt for as long as the test needs.
  await page.addInitScript(() => {
    const post = MessagePort.prototype.postMessage;
    const held = [];
    MessagePort.prototype.postMessage = function (...message) { held.push(() => post.apply(this, message)); };
    window.releaseSlices = () => {
      MessagePort.prototype.postMessage = post;
      held.splice(0).forEach((send) => send());
    };
  });
  await page.goto(server.url);
  const everything = await page.getByRole('status').filter({ hasText: /organizations$/ }).textContent();
  const firstCards = await results(page).allTextContents();
  const search = page.getByRole('searchbox', { name: 'Search organizations' });
  await search.pressSequentially('labour');
  await page.getByRole('status').filter({ hasText: 'Searching…' }).waitFor();
  assert.equal(await search.inputValue(), 'labour', 'every letter typed is in the box');
  await page.getByRole('checkbox', { name: /^Europe \(/ }).check();
  assert.deepEqual(await results(page).allTextContents(), firstCards,
    'the results before stay while the search waits, with no quote of the search they do not answer');
  assert.equal(everything, `${data.length} of ${data.length} organizations`);

  await page.evaluate(() => window.releaseSlices());
  const linked = await open('?q=labour&region=europe');
  const expected = await countLine(linked);
  assert.notEqual(expected, everything, 'the search narrows the directory');
  await eventually(() => countLine(page), expected, 'the waiting search runs once the text is built');
  assert.deepEqual(await results(page).allTextContents(), await results(linked).allTextContents(),
    'the same cards, quoting what the search matched');
});

test('the URL keeps the view, a reload restores it, and typing does not add history entries', async () => {
  const page = await open();
  const startLength = await page.evaluate(() => history.length);
  const search = page.getByRole('searchbox', { name: 'Search organizations' });
  await search.pressSequentially('trafficking', { delay: 20 });
  // Ticked at once, before typing has paused long enough for the address bar to follow: the entry
  // being left must still get what was typed (Back, below, returns to it).
  await page.getByRole('checkbox', { name: /^Europe \(/ }).check();
  await page.getByRole('combobox', { name: 'Sort by' }).selectOption({ label: 'Founding year (oldest first)' });
  await eventually(() => page.evaluate(() => location.search), '?q=trafficking&region=europe&sort=founded', 'state in URL');
  assert.equal(await page.evaluate(() => history.length), startLength + 2, 'a facet and a sort each add an entry');
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  const before = await countLine(page);
  const titles = await cardTitles(page);
  // The order picked holds for every result: a match in the summary founded in 1949 comes before
  // a name match founded in 2004.
  assertOldestFirst(titles, data);
  await screenshot(page, 'filtered');

  await page.reload();
  await page.getByRole('status').filter({ hasText: /organizations$/ }).waitFor();
  assert.equal(await countLine(page), before);
  assert.deepEqual(await cardTitles(page), titles);
  assert.equal(await page.getByRole('searchbox', { name: 'Search organizations' }).inputValue(), 'trafficking');
  assert.equal(await page.getByRole('checkbox', { name: /^Europe \(/ }).isChecked(), true);

  await page.goBack();
  await eventually(() => page.evaluate(() => location.search), '?q=trafficking&region=europe', 'Back undoes the sort');
  await page.goBack();
  await eventually(() => page.evaluate(() => location.search), '?q=trafficking', 'Back undoes the facet');
  assert.equal(await page.getByRole('checkbox', { name: /^Europe \(/ }).isChecked(), false);

  // Typing alone reaches the address bar at each pause, replacing the entry every time: slow
  // typing, a pause after every letter, still adds no entry.
  const lengthBeforeTyping = await page.evaluate(() => history.length);
  await search.fill('');
  await eventually(() => page.evaluate(() => location.search), '', 'cleared search in URL');
  let typed = '';
  for (const letter of 'pol') {
    typed += letter;
    await search.press(letter);
    await eventually(() => page.evaluate(() => location.search), `?q=${typed}`, `"${typed}" in URL`);
  }
  assert.equal(await page.evaluate(() => history.length), lengthBeforeTyping);
});

test('Back pressed while typing keeps what was typed for Forward to return to', async () => {
  const page = await open();
  await page.getByRole('checkbox', { name: /^Europe \(/ }).check();
  await eventually(() => page.evaluate(() => location.search), '?region=europe', 'the facet adds an entry');
  const search = page.getByRole('searchbox', { name: 'Search organizations' });
  await search.pressSequentially('police', { delay: 20 });
  // At once, before typing has paused long enough for the address bar to follow it.
  await page.goBack();
  await eventually(() => page.evaluate(() => location.search), '', 'Back leaves the view typed into');
  assert.equal(await search.inputValue(), '');
  assert.equal(await page.getByRole('checkbox', { name: /^Europe \(/ }).isChecked(), false);
  await page.goForward();
  await eventually(() => page.evaluate(() => location.search), '?q=police&region=europe', 'Forward returns to it');
  assert.equal(await search.inputValue(), 'police');
  assert.deepEqual(page.consoleErrors, []);
});

test('passing through the orders with the arrow keys adds one history entry, which Back undoes', async () => {
  const page = await open('?level=un');
  const start = await page.evaluate(() => history.length);
  const sortBox = page.getByRole('combobox', { name: 'Sort by' });
  // The box shows the order the list is in, also after the person has used it.
  const shownOrder = () => sortBox.evaluate((box) => box.selectedOptions[0]?.textContent.trim());
  const [first, firstLabel] = [await sortBox.inputValue(), await shownOrder()];
  await sortBox.focus();
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowDown');
  const chosen = await sortBox.inputValue();
  assert.notEqual(chosen, first, 'the arrow keys chose another order');
  await eventually(() => page.evaluate(() => location.search), `?level=un&sort=${chosen}`, 'the last order in the URL');
  assert.equal(await page.evaluate(() => history.length), start + 1);
  await page.goBack();
  await eventually(() => page.evaluate(() => location.search), '?level=un', 'Back returns to the order before');
  await eventually(() => sortBox.inputValue(), first, 'and the box shows it');
  await page.goForward();
  await eventually(() => sortBox.inputValue(), chosen, 'Forward shows the chosen order again');

  // Chosen with a click, then another: Back returns to the order before both, and shows it.
  await page.goBack();
  await sortBox.selectOption({ label: 'Founding year (oldest first)' });
  await sortBox.selectOption({ label: 'Level' });
  await eventually(() => page.evaluate(() => location.search), '?level=un&sort=level', 'the last order in the URL');
  await page.goBack();
  await eventually(() => page.evaluate(() => location.search), '?level=un', 'Back returns to the order before both');
  await eventually(shownOrder, firstLabel, 'and the box shows it');
});

test('on paper an open entry comes out whole, with its links\' addresses, and a list without its controls', async () => {
  const page = await open('?org=unodc');
  const unodc = data.find((o) => o.id === 'unodc');
  const dialog = page.getByRole('dialog', { name: /United Nations Office on Drugs and Crime/ });
  await dialog.waitFor();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await dialog.evaluate((d) => d.scrollHeight <= d.clientHeight + 1), true, 'nothing of the entry is scrolled out of the page');
  assert.equal(await dialog.getByRole('button', { name: 'Close' }).isVisible(), false);
  assert.equal(await page.getByRole('searchbox', { name: 'Search organizations' }).isVisible(), false, 'the list behind it is left out');
  const addressAfter = (link) => link.evaluate((a) => getComputedStyle(a, '::after').content);
  for (const source of unodc.sources) {
    assert.equal(await addressAfter(dialog.getByRole('link', { name: source.title }).first()), `" (${source.url})"`);
  }
  assert.equal(await addressAfter(dialog.getByRole('link', { name: unodc.website, exact: true })), 'none', 'an address shown once');
  const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
  assert.ok((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length > 1, 'the entry runs over pages');

  const list = await open('?level=un&q=labour');
  await list.emulateMedia({ media: 'print' });
  for (const control of [
    list.getByRole('searchbox', { name: 'Search organizations' }),
    list.getByRole('combobox', { name: 'Sort by' }),
    list.getByRole('checkbox', { name: /^Europe \(/ }),
    list.getByRole('button', { name: /^Show \d+ more$/ }),
  ]) assert.equal(await control.isVisible(), false);
  await list.getByRole('button', { name: 'Remove Level: UN system' }).waitFor({ state: 'visible' });
  const shown = await results(list).count();
  const matching = Number((await countLine(list)).split(' ')[0]);
  if (shown < matching) await list.getByText(`Showing ${shown} of ${matching} results.`).waitFor();
});

test('the first Tab offers a way past the search, the order and the filters to the results', async () => {
  const page = await open('?q=police');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the results' });
  assert.equal(await isFocused(skip), true, 'the first stop');
  const box = await skip.boundingBox();
  assert.ok(box && box.width > 50 && box.height > 10, 'seen once it has focus');
  await page.keyboard.press('Enter');
  const heading = page.getByRole('heading', { name: 'Organizations' });
  await eventually(() => isFocused(heading), true, 'focus on the results\' heading');
  // Past the chips that say what the results are of, the first card.
  await page.keyboard.press('Tab');
  assert.equal(await isFocused(page.getByRole('button', { name: 'Remove Search: “police”' })), true);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const firstCard = results(page).first().getByRole('link').first();
  assert.equal(await isFocused(firstCard), true, 'then the first card');
  assert.equal(await page.evaluate(() => location.search + location.hash), '?q=police', 'the view is unchanged');
  await page.keyboard.press('Shift+Tab');
  assert.equal((await skip.boundingBox())?.width ?? 0, 1, 'hidden again without focus');
});

test('a screen reader hears a pause between the acronym, level and place of a card', async () => {
  const page = await open('?q=untoc');
  const cop = data.find((o) => o.id === 'untoc-conference-of-the-parties');
  const snapshot = await results(page).first().ariaSnapshot();
  assert.ok(snapshot.includes(`paragraph: ${cop.acronym} , ${levelLabels[cop.level]} , Vienna, Austria`), snapshot);
});

test('wherever focus is, it shows a dark bar beside the yellow: yellow alone on white is too faint', async () => {
  const page = await open('?q=un');
  const darkBar = 'rgb(11, 12, 12)';
  const focused = () => page.evaluate(() => {
    const element = document.activeElement;
    const name = (element.labels?.[0] ?? element).textContent.trim().slice(0, 30);
    return { what: `${element.tagName.toLowerCase()} "${name}"`, shadow: getComputedStyle(element).boxShadow };
  });
  const faint = new Set();
  const kinds = new Set();
  const tabThrough = async (presses) => {
    for (let i = 0; i < presses; i += 1) {
      await page.keyboard.press('Tab');
      const { what, shadow } = await focused();
      if (what.startsWith('body')) continue; // past the last control, focus leaves the page
      kinds.add(what.split(' ')[0]);
      if (!shadow.includes(darkBar)) faint.add(what);
    }
  };
  await tabThrough(40);
  await page.getByRole('button', { name: 'Embed this view' }).click();
  await page.getByRole('dialog', { name: 'Embed this view' }).waitFor();
  await tabThrough(6);
  assert.deepEqual([...faint], [], 'controls whose focus is yellow only');
  for (const kind of ['input', 'select', 'button', 'a', 'textarea']) assert.ok(kinds.has(kind), `reached a ${kind}`);
});

test('a detail view opens and closes by keyboard, with its own URL, and focus returns to its card', async () => {
  const page = await open();
  await page.getByRole('searchbox', { name: 'Search organizations' }).fill('interpol');
  const link = page.getByRole('link', { name: 'International Criminal Police Organization' });
  await link.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: /International Criminal Police Organization/ });
  await dialog.waitFor();
  await eventually(() => page.evaluate(() => location.search), '?q=interpol&org=interpol', 'detail URL');
  const interpol = data.find((o) => o.id === 'interpol');
  for (const source of interpol.sources) {
    const sourceLink = dialog.getByRole('link', { name: source.title }).first();
    assert.equal(await sourceLink.getAttribute('href'), source.url);
    assert.equal(await sourceLink.getAttribute('rel'), 'noopener noreferrer');
  }
  await dialog.getByText(`Last verified: ${inWords(interpol.last_verified)}`).waitFor();
  await screenshot(page, 'detail');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await eventually(() => page.evaluate(() => location.search), '?q=interpol', 'URL without org');
  await eventually(() => page.evaluate(() => document.activeElement?.textContent), 'International Criminal Police Organization', 'focus back on the card');

  // Back closes it too, and Forward reopens it.
  await page.keyboard.press('Enter');
  await dialog.waitFor();
  await page.goBack();
  await dialog.waitFor({ state: 'hidden' });
  await page.goForward();
  await dialog.waitFor();
});

test('a detail view follows the last step when steps come at once: Escape then Enter, a late close event', async () => {
  const page = await open('?q=interpol');
  const dialog = page.getByRole('dialog', { name: /International Criminal Police Organization/ });
  await page.getByRole('link', { name: 'International Criminal Police Organization' }).focus();
  await page.keyboard.press('Enter');
  await dialog.waitFor();
  // Escape closes it and gives focus back to the card, so an immediate Enter opens it again.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  await dialog.waitFor();
  await eventually(() => page.evaluate(() => location.search), '?q=interpol&org=interpol', 'reopened URL');
  // A close event that arrives after the dialog was opened again (as after Back then Forward at
  // once) is about a closing that has been undone: the view stays open.
  await dialog.evaluate((element) => element.dispatchEvent(new Event('close')));
  await settle(page);
  assert.ok(await dialog.isVisible(), 'still open');
  assert.equal(await page.evaluate(() => location.search), '?q=interpol&org=interpol');
});

test('a shared link to a detail view opens it, and links inside lead to parent and child bodies', async () => {
  const page = await open('?org=greta');
  const dialog = page.getByRole('dialog', { name: /Group of Experts on Action against Trafficking in Human Beings/ });
  await dialog.waitFor();
  await dialog.getByRole('link', { name: 'Council of Europe', exact: true }).click();
  await page.getByRole('dialog', { name: /^Council of Europe/ }).waitFor();
  await eventually(() => page.evaluate(() => location.search), '?org=council-of-europe', 'parent URL');
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
});

test('focus is never dropped: a link inside a detail view, closing one whose card is not listed, and "Clear all filters"', async () => {
  const page = await open('?org=greta');
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('link', { name: 'Council of Europe', exact: true }).focus();
  await page.keyboard.press('Enter');
  const title = dialog.getByRole('heading', { level: 2, name: /^Council of Europe/ });
  await eventually(() => isFocused(title), true, 'focus on the title of the organization opened from inside');

  const hidden = await open('?q=zzzzzz&org=unicef');
  await hidden.getByRole('dialog').waitFor();
  await hidden.keyboard.press('Escape');
  await hidden.getByRole('dialog').waitFor({ state: 'hidden' });
  const search = hidden.getByRole('searchbox', { name: 'Search organizations' });
  await eventually(() => isFocused(search), true, 'focus on the search box when the card is not in the list');

  await hidden.getByRole('button', { name: 'Clear all filters' }).focus();
  await hidden.keyboard.press('Enter');
  await eventually(() => countLine(hidden), `${data.length} of ${data.length} organizations`, 'all listed again');
  await eventually(() => isFocused(search), true, 'focus on the search box after "Clear all filters"');
});

test('a link to an organization the directory does not have says so and keeps the rest of the view; Dismiss takes it out of the link', async () => {
  const page = await open('?level=policing&org=no-such-body');
  const note = page.getByRole('note', { name: 'Organization not shown' });
  await note.waitFor();
  assert.equal(
    (await note.getByRole('paragraph').textContent()).trim(),
    'No organization in this directory has the id “no-such-body”. It may be mistyped, or the organization renamed or removed.',
  );
  const policing = data.filter((o) => o.level === 'policing').length;
  assert.equal(await countLine(page), `${policing} of ${data.length} organizations`);
  assert.equal(await page.getByRole('dialog').isVisible(), false, 'no detail view opens');
  await note.getByRole('button', { name: 'Dismiss' }).click();
  await note.waitFor({ state: 'detached' });
  await eventually(() => page.evaluate(() => location.search), '?level=policing', 'the link without the organization');
  await eventually(() => isFocused(page.getByRole('searchbox', { name: 'Search organizations' })), true, 'focus after Dismiss');
});

test('a link with a filter the directory does not have says which, shows the rest of its view, and the note goes once the view changes', async () => {
  const page = await open('?level=policing,polcing&sort=newest&utm_source=newsletter');
  const note = page.getByRole('note', { name: 'Link not fully understood' });
  await note.waitFor();
  assert.equal(
    (await note.textContent()).trim(),
    'This link asks for level “polcing” and sort “newest”, which this directory does not have: they are left out of the view.',
  );
  const policing = data.filter((o) => o.level === 'policing').length;
  assert.equal(await countLine(page), `${policing} of ${data.length} organizations`);
  await page.getByRole('checkbox', { name: /^Europe/ }).check();
  await note.waitFor({ state: 'detached' });

  const fine = await open('?level=policing&utm_source=newsletter');
  await eventually(() => countLine(fine), `${policing} of ${data.length} organizations`, 'the view of a link that names only what is here');
  assert.equal(await fine.getByRole('note', { name: 'Link not fully understood' }).count(), 0, 'no note for another site\'s keys');
});

test('a search of nothing searchable, such as an invisible character, shows no search chip and filters nothing', async () => {
  const page = await open('?q=%E2%80%8B&region=africa');
  const group = page.getByRole('group', { name: 'Active filters' });
  assert.deepEqual(await group.getByRole('button').allTextContents(), ['Region: Africa ×', 'Clear all']);
  const africa = data.filter((o) => o.regions.includes('africa')).length;
  assert.equal(await countLine(page), `${africa} of ${data.length} organizations`);
});

test('a filter removed by keyboard hands focus to the filter that takes its place, then to the one before, then to the search box', async () => {
  const page = await open('?q=police&level=policing&region=europe');
  const group = page.getByRole('group', { name: 'Active filters' });
  const chip = (name) => group.getByRole('button', { name, exact: true });
  await chip('Remove Search: “police”').focus();
  await page.keyboard.press('Enter');
  await eventually(() => isFocused(chip('Remove Level: Policing and criminal justice')), true, 'focus on the chip that took its place');
  await page.keyboard.press('Tab');
  assert.equal(await isFocused(chip('Remove Region: Europe')), true, 'Tab reaches the last chip');
  await page.keyboard.press('Enter');
  await eventually(() => isFocused(chip('Remove Level: Policing and criminal justice')), true, 'focus on the chip before the last one');
  await page.keyboard.press('Enter');
  await group.waitFor({ state: 'detached' });
  await eventually(() => isFocused(page.getByRole('searchbox', { name: 'Search organizations' })), true, 'focus once no filter is left');
  assert.equal(await countLine(page), `${data.length} of ${data.length} organizations`);
});

test('axe-core finds no violations on the list, a filtered view and a detail view', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const page = await open('?level=policing', { colorScheme });
    assert.deepEqual(await axeViolations(page), [], `list (${colorScheme})`);
    await page.getByRole('link', { name: 'European Union Agency for Law Enforcement Cooperation' }).click();
    await page.getByRole('dialog').waitFor();
    assert.deepEqual(await axeViolations(page), [], `detail (${colorScheme})`);
    if (colorScheme === 'dark') await screenshot(page, 'detail-dark');
  }
});

test('"Embed this view" shows both snippets for the current view, and copies them', async () => {
  const page = await open('?q=europe&level=policing', { permissions: ['clipboard-read', 'clipboard-write'] });
  await page.getByRole('button', { name: 'Embed this view' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed this view' });
  await dialog.waitFor();
  const base = server.url;
  const script = await dialog.getByRole('textbox', { name: 'Script embed' }).inputValue();
  assert.equal(script, `<div data-atdir data-level="policing" data-q="europe"></div>\n<script src="${base}embed.js" defer></script>`);
  const iframe = await dialog.getByRole('textbox', { name: 'Iframe embed' }).inputValue();
  assert.ok(iframe.startsWith(`<iframe data-atdir-frame src="${base}index.html?embed=1&amp;q=europe&amp;level=policing"`), iframe);
  await dialog.getByRole('button', { name: 'Copy the script embed' }).click();
  await dialog.getByText('Copied.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), script);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'embed-dialog');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
});
