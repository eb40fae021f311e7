// The ItemsJS side of the benchmark: the same directory (search, four OR facets with counts, the
// first 25 results sorted by name, as our app shows a page of 25, or by founding year or level)
// built on ItemsJS 2.4.4 and plain DOM.
//
// Loaded as a classic script after ./itemsjs.js (the package's UMD build, which defines the global
// `itemsjs`) and ./data.js (`window.ATDIR_BENCH_DATA = [...]`), so that it also works from file://.
// Everything lives inside this function: the page adds no globals of its own.
(function () {
  'use strict';

  // Slugs and labels as declared in src/core/vocabulary.rs; facet titles as in src/core/filter.rs.
  const FACETS = [
    {
      field: 'level',
      title: 'Level',
      values: [
        ['un', 'UN system'],
        ['regional', 'Regional and intergovernmental'],
        ['policing', 'Policing and criminal justice'],
        ['ngo', 'NGOs and civil society'],
      ],
    },
    {
      field: 'regions',
      title: 'Region',
      values: [
        ['global', 'Global'],
        ['africa', 'Africa'],
        ['americas', 'Americas'],
        ['asia-pacific', 'Asia and the Pacific'],
        ['europe', 'Europe'],
        ['middle-east', 'Middle East'],
      ],
    },
    {
      field: 'focus',
      title: 'Focus area',
      values: [
        ['prevention', 'Prevention'],
        ['protection', 'Protection'],
        ['prosecution', 'Prosecution'],
        ['partnership', 'Partnership'],
        ['research-and-data', 'Research and data'],
        ['standards-and-law', 'Standards and law'],
        ['capacity-building', 'Capacity building'],
        ['monitoring', 'Monitoring'],
      ],
    },
    {
      field: 'forms',
      title: 'Form of exploitation',
      values: [
        ['sexual-exploitation', 'Sexual exploitation'],
        ['forced-labour', 'Forced labour'],
        ['child-trafficking', 'Child trafficking'],
        ['organ-removal', 'Organ removal'],
        ['forced-marriage', 'Forced marriage'],
        ['forced-criminality', 'Forced criminality'],
        ['domestic-servitude', 'Domestic servitude'],
        ['migrant-smuggling', 'Migrant smuggling'],
      ],
    },
  ];

  const LEVEL_LABELS = new Map(FACETS[0].values);
  // Our app orders levels as its vocabulary lists them.
  const LEVEL_RANKS = new Map(FACETS[0].values.map(([slug], rank) => [slug, rank]));
  const FOCUS_LABELS = new Map(FACETS[2].values);
  const PER_PAGE = 25;

  const app = document.getElementById('app');
  const source = window.ATDIR_BENCH_DATA;
  if (typeof window.itemsjs !== 'function' || !Array.isArray(source)) {
    const p = document.createElement('p');
    p.setAttribute('role', 'alert');
    p.textContent = 'Missing ./itemsjs.js or ./data.js next to this page.';
    app.append(p);
    return;
  }

  // --- The index, built once ------------------------------------------------------------------

  // ItemsJS's native full-text search is lunr 1.0 (bundled). Lunr turns an array field into one
  // token per element (it does not split the elements into words), so every nested or array
  // field we search is flattened into one string here, once. `sort_name` is the lower-cased name:
  // ItemsJS sorts with plain `<`, which would put "ASEAN ..." before "African Union", while our
  // app sorts case-insensitively.
  const items = source.map((org) => {
    const people = [];
    for (const person of org.people || []) {
      people.push(person.name, person.role);
    }
    const instruments = [];
    for (const instrument of org.instruments || []) {
      instruments.push(instrument.name);
      if (instrument.short_name) instruments.push(instrument.short_name);
    }
    return Object.assign({}, org, {
      sort_name: org.name.toLowerCase(),
      level_rank: LEVEL_RANKS.get(org.level),
      aliases_text: (org.aliases || []).join('\n'),
      // Our app searches the place a card shows; this page shows the country as its code.
      place_text: org.headquarters ? org.headquarters.city + ' ' + org.headquarters.country : '',
      people_text: people.join('\n'),
      instruments_text: instruments.join('\n'),
    });
  });

  const aggregations = {};
  for (const facet of FACETS) {
    aggregations[facet.field] = {
      title: facet.title,
      conjunction: false, // several values in one facet mean any of them (OR)
      size: 100, // more than any vocabulary has: every value gets a bucket
    };
  }

  const engine = window.itemsjs(items, {
    aggregations: aggregations,
    // Our orders, ties by name; ItemsJS puts missing values (an unknown year) last, as we do.
    sortings: {
      name: { field: 'sort_name', order: 'asc' },
      founded: { field: ['founded', 'sort_name'], order: ['asc', 'asc'] },
      level: { field: ['level_rank', 'sort_name'], order: ['asc', 'asc'] },
    },
    // `name` is always indexed by ItemsJS itself (with boost 10), so it is not listed again.
    searchableFields: [
      'acronym',
      'aliases_text',
      'summary',
      'place_text',
      'role',
      'people_text',
      'instruments_text',
    ],
    // Index and query the words as written (lower-cased, leading/trailing punctuation trimmed):
    // no stemming and no stop-word removal, like our app. Lunr 1.0 then matches every query word
    // as a word prefix and requires all of them.
    isExactSearch: true,
  });

  // --- The page, built once -------------------------------------------------------------------

  const state = {
    query: '',
    filters: {},
    sort: 'name',
  };
  for (const facet of FACETS) state.filters[facet.field] = [];

  const layout = document.createElement('div');
  layout.className = 'layout';

  const facetsBox = document.createElement('div');
  facetsBox.className = 'facets';

  const main = document.createElement('div');
  main.className = 'results';

  const searchBox = document.createElement('div');
  searchBox.className = 'search';
  const searchLabel = document.createElement('label');
  searchLabel.htmlFor = 'q';
  searchLabel.textContent = 'Search organizations';
  const searchInput = document.createElement('input');
  searchInput.type = 'search';
  searchInput.id = 'q';
  searchInput.autocomplete = 'off';
  searchBox.append(searchLabel, searchInput);

  // One entry per checkbox: [facet, slug, label text, input, label element].
  const boxes = [];
  FACETS.forEach((facet, f) => {
    const fieldset = document.createElement('fieldset');
    const legend = document.createElement('legend');
    legend.textContent = facet.title;
    fieldset.append(legend);
    facet.values.forEach(([slug, label], v) => {
      const row = document.createElement('div');
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.id = 'f' + f + '-' + v;
      input.value = slug;
      const labelEl = document.createElement('label');
      labelEl.htmlFor = input.id;
      input.addEventListener('change', () => {
        const selected = state.filters[facet.field];
        const at = selected.indexOf(slug);
        if (input.checked && at === -1) selected.push(slug);
        if (!input.checked && at !== -1) selected.splice(at, 1);
        update();
      });
      row.append(input, labelEl);
      fieldset.append(row);
      boxes.push({ facet: facet, slug: slug, label: label, input: input, labelEl: labelEl });
    });
    facetsBox.append(fieldset);
  });

  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');

  const list = document.createElement('ul');
  list.className = 'list';

  // The orders, by our app's labels and slugs (our "Best match" is by name until a search).
  const sortBox = document.createElement('div');
  const sortLabel = document.createElement('label');
  sortLabel.htmlFor = 'sort';
  sortLabel.textContent = 'Sort by';
  const sortSelect = document.createElement('select');
  sortSelect.id = 'sort';
  for (const [value, text] of [['name', 'Name (A to Z)'], ['founded', 'Founding year (oldest first)'], ['level', 'Level']]) {
    sortSelect.append(new Option(text, value));
  }
  sortSelect.addEventListener('change', () => {
    state.sort = sortSelect.value;
    update();
  });
  sortBox.append(sortLabel, sortSelect);

  main.append(sortBox, status, list);
  layout.append(facetsBox, main);
  app.append(searchBox, layout);

  searchInput.addEventListener('input', () => {
    state.query = searchInput.value;
    update();
  });

  // --- Search and render ----------------------------------------------------------------------

  function search() {
    const filters = {};
    for (const facet of FACETS) {
      if (state.filters[facet.field].length) filters[facet.field] = state.filters[facet.field].slice();
    }
    return engine.search({
      // Lunr returns nothing for a query with no words (" "), where our app shows everything.
      query: state.query.trim(),
      filters: filters,
      sort: state.sort,
      per_page: PER_PAGE,
      page: 1,
    });
  }

  function card(org) {
    const li = document.createElement('li');
    const article = document.createElement('article');

    const h3 = document.createElement('h3');
    const a = document.createElement('a');
    a.href = '#org=' + encodeURIComponent(org.id);
    a.textContent = org.name;
    h3.append(a);

    const meta = document.createElement('p');
    meta.className = 'meta';
    if (org.acronym) {
      const span = document.createElement('span');
      span.textContent = org.acronym;
      meta.append(span);
    }
    const level = document.createElement('span');
    level.textContent = LEVEL_LABELS.get(org.level) || org.level;
    meta.append(level);
    if (org.headquarters) {
      const place = document.createElement('span');
      place.textContent = org.headquarters.city + ', ' + org.headquarters.country;
      meta.append(place);
    }

    const summary = document.createElement('p');
    summary.className = 'summary';
    summary.textContent = org.summary;

    const tags = document.createElement('ul');
    tags.className = 'tags';
    for (const slug of org.focus || []) {
      const tag = document.createElement('li');
      tag.textContent = FOCUS_LABELS.get(slug) || slug;
      tags.append(tag);
    }

    article.append(h3, meta, summary, tags);
    li.append(article);
    return li;
  }

  function render(result) {
    const aggs = result.data.aggregations;
    for (const box of boxes) {
      let count = 0;
      const agg = aggs[box.facet.field];
      if (agg) {
        for (const bucket of agg.buckets) {
          if (bucket.key === box.slug) {
            count = bucket.doc_count;
            break;
          }
        }
      }
      box.labelEl.textContent = box.label + ' (' + count + ')';
      box.input.checked = state.filters[box.facet.field].indexOf(box.slug) !== -1;
    }

    status.textContent = result.pagination.total + ' of ' + items.length + ' organizations';

    const fragment = document.createDocumentFragment();
    for (const org of result.data.items) fragment.append(card(org));
    list.replaceChildren(fragment);
  }

  function update() {
    render(search());
  }

  update();
  // ItemsJS builds its index before the first results, so a search is ready as they show.
  requestAnimationFrame(() => {
    performance.mark('atdir:results');
    performance.mark('atdir:search-ready');
  });
})();
