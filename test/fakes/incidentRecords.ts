// Years of closed incident records, as a team accumulates them: for the store's scale tests and `npm run bench`.
import { type IncidentState, incidentFileName } from '../../src/core/incident/incident';
import { DEFAULT_TEMPLATE, renderIncidentDocument } from '../../src/core/incident/incidentDocument';

const SYSTEMS = ['Checkout API', 'Payments', 'Search', 'Carrier Gateway', 'Tracking API', 'Login'];
const HOUR = 60 * 60_000;

const KINDS = ['500s', 'timeouts', 'slow pages'];

/** "Search timeouts #2": short, as teams name incidents; the number makes each unique and marks it generated. */
export function generatedTitle(i: number): string {
  return `${SYSTEMS[i % SYSTEMS.length]} ${KINDS[i % KINDS.length]} #${i}`;
}

/** Whether a title is one `generatedTitle` made. */
export const GENERATED_TITLE = / #\d+$/;

/** The state of the `i`-th closed record, one every ~9 hours back from `newest`; every 10th declined. */
export function generatedState(i: number, newest: Date): IncidentState & { readonly name: string } {
  const started = new Date(newest.getTime() - i * 9 * HOUR - (i % 7) * 60_000);
  const minutes = 15 + ((i * 37) % 180);
  const title = generatedTitle(i);
  const name = incidentFileName(started.toISOString(), title);
  return {
    name,
    id: name.replace(/\.md$/, ''),
    title,
    status: i % 10 === 9 ? 'declined' : 'resolved',
    startedAt: started.toISOString(),
    detectedAt: started.toISOString(),
    resolvedAt: new Date(started.getTime() + minutes * 60_000).toISOString(),
    severity: 1 + (i % 4),
    impact: `Customers see errors from ${SYSTEMS[i % SYSTEMS.length]}`,
    affected: `${(i % 30) + 1}%`,
    errorTypes: ['500s'],
    systems: [SYSTEMS[i % SYSTEMS.length] as string],
    roles: { coordinator: `Person ${i % 12}`, technicalLead: `Person ${(i + 5) % 12}` },
    progress: [],
  };
}

/** The `i`-th closed record as a file: its name, its text (some 3 KB) and its state. */
export function generatedRecord(i: number, newest: Date): { name: string; text: string; state: IncidentState } {
  const { name, ...state } = generatedState(i, newest);
  const rendered = renderIncidentDocument(state, DEFAULT_TEMPLATE, 'Incident declared.', { timeZone: 'UTC' });
  if (!rendered.ok) throw new Error(rendered.message);
  // A real record's body: a dozen timeline entries and notes, some 3 KB in all.
  const entries = Array.from({ length: 12 }, (_, k) => `- ${String(k + 7).padStart(2, '0')}:${String((k * 5) % 60).padStart(2, '0')} UTC — Checked ${SYSTEMS[(i + k) % SYSTEMS.length]} dashboards and logs; error rate ${k + 2}% and falling after the rollback of the last deploy.`);
  const notes = Array.from({ length: 8 }, (_, k) => `- Ruled out ${SYSTEMS[(i + k) % SYSTEMS.length]}: latency and saturation normal, no deploy in the window, no config change.`);
  const text = rendered.text.replace('Incident declared.\n', `Incident declared.\n${entries.join('\n')}\n`).replace('ruled out._\n', `ruled out._\n${notes.join('\n')}\n`);
  return { name, text, state };
}
