// Bad data never gives a blank page: each failure says what failed and where, with a way to retry.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { test, serve, launch, openPage, organizations, dist } from './harness.js';

let browser, data;
before(async () => { browser = await launch(); data = await organizations(); });
after(async () => { await browser?.close(); });

async function withData(override, check) {
  const server = await serve(dist, { overrides: { 'data/organizations.json': override } });
  try {
    const page = await openPage(browser);
    await page.goto(server.url);
    await check(page);
    assert.deepEqual(page.outside, []);
    await page.context().close();
  } finally {
    await server.close();
  }
}

test('malformed JSON names the line and column, and Try again reloads', async () => {
  let calls = 0;
  const broken = '[\n  {"id": "a",,}\n]';
  await withData(() => ({ body: ++calls === 1 ? broken : JSON.stringify(data) }), async (page) => {
    const alert = page.getByRole('alert');
    await alert.getByRole('heading', { name: 'The directory could not be loaded' }).waitFor();
    assert.match(await alert.textContent(), /data\/organizations\.json: the data is not valid JSON: .*\(line 2, column 14\)/);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('status').filter({ hasText: `${data.length} of ${data.length} organizations` }).waitFor();
  });
});

test('an HTTP error names the status', async () => {
  await withData(() => ({ status: 503, body: 'down' }), async (page) => {
    await page.getByRole('alert').getByText(/answered with HTTP status 503/).waitFor();
  });
});

test('entries that fail validation are left out and counted, and the others are shown', async () => {
  const entries = structuredClone(data);
  entries[0].regions = ['atlantis'];
  delete entries[1].sources;
  await withData(() => ({ body: JSON.stringify(entries, null, 2) }), async (page) => {
    const shown = data.length - 2;
    await page.getByRole('status').filter({ hasText: `${shown} of ${shown} organizations` }).waitFor();
    const note = page.getByRole('note');
    assert.match(await note.textContent(), /2 entries in the data failed validation and are not shown/);
    await note.getByText('What failed').click();
    assert.match(await note.textContent(), new RegExp(`entry 1 \\("${entries[0].id}"\\), field \`regions\\[0\\]\`, line \\d+: unknown variant \`atlantis\``));
    assert.match(await note.textContent(), new RegExp(`entry 2 \\("${entries[1].id}"\\).*missing field \`sources\``));
  });
});

test('data that is not a list says so', async () => {
  await withData(() => ({ body: '{"organizations": []}' }), async (page) => {
    await page.getByRole('alert').getByText(/not a list of organizations/).waitFor();
  });
});
