/**
 * The docs site's playground page: a form for a model (boosts, decays, thresholds) and a
 * customer's events, redrawn by engagekit in the browser on every edit. Bundled by esbuild into
 * the site's assets (scripts/typedoc-plugin.mjs) and run on docs/playground.md's page.
 */
import {
  type PlaygroundBehaviour,
  type PlaygroundDecayKind,
  type PlaygroundState,
  playgroundView,
} from './playgroundView.js';

const DECAYS: readonly { kind: PlaygroundDecayKind; label: string }[] = [
  { kind: 'linear', label: 'linear over (days)' },
  { kind: 'exponential', label: 'half-life (days)' },
  { kind: 'step', label: 'step for (days)' },
  { kind: 'permanent', label: 'permanent' },
];

const initial: PlaygroundState = {
  behaviours: [
    { id: 'purchase', boost: 50, decay: 'linear', days: 120 },
    { id: 'email_click', boost: 25, decay: 'linear', days: 14 },
    { id: 'visit', boost: 5, decay: 'exponential', days: 7 },
    { id: 'complaint', boost: -20, decay: 'step', days: 30 },
  ],
  high: 30,
  low: 10,
  events: [
    '# day behaviour [weight]',
    '0 visit',
    '2 email_click',
    '3 purchase',
    '20 visit',
    '21 visit',
    '40 complaint',
    '75 email_click',
  ].join('\n'),
  asOf: 45,
  horizon: 180,
};

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  text = '',
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== '') node.textContent = text;
  return node;
}

function numberInput(id: string, value: number, label: string): HTMLInputElement {
  return element('input', {
    id,
    type: 'number',
    step: 'any',
    value: String(value),
    'aria-label': label,
    class: 'pg-number',
  });
}

function behaviourRow(row: PlaygroundBehaviour, index: number): HTMLTableRowElement {
  const tr = element('tr', { class: 'pg-behaviour' });
  const id = element('input', {
    id: `pg-id-${index}`,
    value: row.id,
    size: '12',
    'aria-label': `behaviour ${index + 1} id`,
    'data-field': 'id',
  });
  const boost = numberInput(`pg-boost-${index}`, row.boost, `behaviour ${index + 1} boost`);
  boost.dataset.field = 'boost';
  const decay = element('select', {
    id: `pg-decay-${index}`,
    'aria-label': `behaviour ${index + 1} decay`,
    'data-field': 'decay',
  });
  for (const option of DECAYS) {
    const node = element('option', { value: option.kind }, option.label);
    if (option.kind === row.decay) node.selected = true;
    decay.append(node);
  }
  const days = numberInput(`pg-days-${index}`, row.days, `behaviour ${index + 1} days`);
  days.dataset.field = 'days';
  days.disabled = row.decay === 'permanent';
  const remove = element('button', { type: 'button', class: 'pg-remove' }, 'remove');
  remove.addEventListener('click', () => {
    tr.remove();
    redraw();
  });
  for (const cell of [id, boost, decay, days, remove]) {
    const td = element('td');
    td.append(cell);
    tr.append(td);
  }
  return tr;
}

let root: HTMLElement;

function field(selector: string): HTMLInputElement | HTMLTextAreaElement {
  return root.querySelector(selector) as HTMLInputElement | HTMLTextAreaElement;
}

function readState(): PlaygroundState {
  const behaviours = [...root.querySelectorAll<HTMLTableRowElement>('tr.pg-behaviour')].map(
    (tr) => {
      const value = (name: string) =>
        (tr.querySelector(`[data-field="${name}"]`) as HTMLInputElement | HTMLSelectElement).value;
      return {
        id: value('id').trim(),
        boost: Number(value('boost')),
        decay: value('decay') as PlaygroundDecayKind,
        days: Number(value('days')),
      };
    },
  );
  return {
    behaviours,
    high: Number(field('#pg-high').value),
    low: Number(field('#pg-low').value),
    events: field('#pg-events').value,
    asOf: Number(field('#pg-as-of').value),
    horizon: Number(field('#pg-horizon').value),
  };
}

function redraw(): void {
  for (const tr of root.querySelectorAll<HTMLTableRowElement>('tr.pg-behaviour')) {
    const decay = tr.querySelector('[data-field="decay"]') as HTMLSelectElement;
    (tr.querySelector('[data-field="days"]') as HTMLInputElement).disabled =
      decay.value === 'permanent';
  }
  const view = playgroundView(readState());
  const problems = root.querySelector('#pg-problems') as HTMLUListElement;
  problems.replaceChildren(...view.problems.map((problem) => element('li', {}, problem)));
  problems.hidden = view.problems.length === 0;
  (root.querySelector('#pg-summary') as HTMLElement).textContent = view.summary;
  (root.querySelector('#pg-changes') as HTMLElement).textContent =
    view.problems.length > 0
      ? ''
      : view.changes.length === 0
        ? 'No change of segment in the drawing.'
        : `Changes of segment: ${view.changes.join(', ')}.`;
  // when the form has a problem, the last good drawing stays (dimmed) until it is fixed
  const charts = root.querySelector('#pg-charts') as HTMLElement;
  charts.classList.toggle('pg-stale', view.problems.length > 0);
  if (view.problems.length === 0) {
    (root.querySelector('#pg-decay') as HTMLElement).innerHTML = view.decaySvg;
    (root.querySelector('#pg-timeline') as HTMLElement).innerHTML = view.timelineSvg;
  }
}

function mount(container: HTMLElement, state: PlaygroundState): void {
  root = container;
  const style = element('style');
  style.textContent = [
    '#engagekit-playground fieldset { margin: 0 0 1em; border: 1px solid var(--color-accent, #ccc); }',
    '#engagekit-playground .pg-number { width: 6em; }',
    '#engagekit-playground textarea { width: 100%; font-family: monospace; }',
    '#engagekit-playground svg { max-width: 100%; height: auto; }',
    '#engagekit-playground .pg-stale { opacity: 0.35; }',
    '#engagekit-playground #pg-problems { color: #b00020; }',
    '#engagekit-playground #pg-summary { font-weight: 600; }',
  ].join('\n');

  const table = element('table');
  const head = element('tr');
  for (const title of ['behaviour', 'boost', 'decay', 'days', ''])
    head.append(element('th', {}, title));
  table.append(element('thead'), element('tbody', { id: 'pg-behaviours' }));
  table.tHead!.append(head);
  const body = table.tBodies[0]!;
  body.append(...state.behaviours.map((row, index) => behaviourRow(row, index)));
  let added = state.behaviours.length;
  const add = element('button', { type: 'button', id: 'pg-add' }, 'add a behaviour');
  add.addEventListener('click', () => {
    body.append(
      behaviourRow({ id: `behaviour_${added + 1}`, boost: 10, decay: 'linear', days: 30 }, added),
    );
    added++;
    redraw();
  });
  const behaviours = element('fieldset');
  behaviours.append(element('legend', {}, 'Behaviours: boost and decay'), table, add);

  const segments = element('fieldset');
  segments.append(
    element('legend', {}, 'Segments'),
    element('label', { for: 'pg-high' }, 'high from score '),
    numberInput('pg-high', state.high, 'high threshold'),
    element('label', { for: 'pg-low' }, ' low from score '),
    numberInput('pg-low', state.low, 'low threshold'),
    element('span', {}, ' (below low: disengaged)'),
  );

  const customer = element('fieldset');
  const events = element('textarea', { id: 'pg-events', rows: '8', 'aria-label': 'events' });
  events.value = state.events;
  customer.append(
    element('legend', {}, "The customer's events"),
    events,
    element('label', { for: 'pg-as-of' }, 'forecast on day '),
    numberInput('pg-as-of', state.asOf, 'forecast day'),
    element('label', { for: 'pg-horizon' }, ' draw until day '),
    numberInput('pg-horizon', state.horizon, 'last day drawn'),
  );

  const form = element('form', { id: 'pg-form' });
  form.append(behaviours, segments, customer);
  form.addEventListener('input', redraw);
  form.addEventListener('change', redraw);
  form.addEventListener('submit', (event) => event.preventDefault());

  const charts = element('div', { id: 'pg-charts' });
  charts.append(element('div', { id: 'pg-decay' }), element('div', { id: 'pg-timeline' }));
  container.replaceChildren(
    style,
    form,
    element('p', { id: 'pg-summary', 'aria-live': 'polite' }),
    element('p', { id: 'pg-changes' }),
    element('ul', { id: 'pg-problems', role: 'alert' }),
    charts,
  );
  redraw();
}

const container = document.getElementById('engagekit-playground');
if (container !== null) mount(container, initial);
