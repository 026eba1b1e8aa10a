/**
 * Whether a bullet asks the reader to do something ("Check that the numbers
 * look reasonable", "If notified, investigate the ticket") rather than inform
 * ("Engineers rotate every sprint", "Alerting: sent via Slack"). Only those get
 * a checkbox. Runbooks write actions in the imperative, so the test is the verb
 * that opens the sentence, after a condition ("If …, ") or a role ("Lead: ").
 */

// Imperative verbs that runbooks open their instructions with.
const VERBS = new Set(
  `acknowledge add alert announce answer apply approve ask assess assign attach back block bring call cancel capture check clear close
  collect communicate compare complete conduct configure confirm contact coordinate copy create debug decide declare delete deploy
  describe determine disable do document double-check download drain email enable engage ensure escalate estimate evaluate export file
  fill filter find finish fix flip flush follow freeze gather get go grant grep hand identify ignore import inform inspect install
  investigate invite join keep kick let list lock log look make mark measure merge message mitigate monitor note notify open page paste
  pause perform pick ping plan post prepare print promote publish push query re-run reach read reboot record reduce refresh reload
  remove repeat report request rerun reset resolve respond restart restore resume retry revert review revoke roll rollback rotate run
  scale schedule search send set share sign snapshot spin ssh start stop submit summarize switch tag tail tell test toggle trace track
  triage try turn unblock unfreeze unlock update upload use validate verify wait watch write`.split(/\s+/),
);

// Words that may precede the verb: "Proactively monitor", "Please check", "Then page".
const LEAD_INS = new Set(['please', 'then', 'also', 'first', 'next', 'finally', 'always', 'now', 'immediately']);

// Openings of a condition or purpose clause, which ends at a comma: "If …, create a ticket".
const CONDITIONS = new Set(['if', 'when', 'whenever', 'once', 'after', 'before', 'while', 'until', 'unless', 'for', 'in', 'on', 'at', 'during', 'without', 'with', 'to', 'as', 'since', 'depending']);

// "Label: value" with a short label: a field, unless its value is an instruction.
const LABEL_LENGTH = 40;
const LABEL_WORDS = 5;

export function asksForAction(text: string): boolean {
  const trimmed = text.replace(/^[^\p{L}\p{N}]+/u, '');
  const colon = trimmed.indexOf(':');
  if (colon > 0 && colon <= LABEL_LENGTH && isLabel(trimmed.slice(0, colon))) return opensWithAction(trimmed.slice(colon + 1));
  return opensWithAction(trimmed);
}

// Fields written in lower case all the same ("owner: Ada").
const FIELD_NAMES = new Set(['name', 'role', 'owner', 'date', 'status', 'result', 'results', 'notes', 'ticket', 'handle', 'channel', 'email', 'phone']);
// Words a wrapped sentence breaks after: the line below finishes it, whatever it looks like.
const CONNECTIVES = new Set(
  'a an the and or but nor to of in on at by for from with into onto than that which who whose is are was were be as per via'.split(' '),
);

/**
 * "Results:", "Owner: Ada", "API Release Schedule: https://…" on the line below an item: a field and
 * its value, not the item's text wrapped. Only with a field's signs: a label that opens with a capital
 * (or is a known field), a colon that is not a time's ("at 14:05"), and a line above that ended its sentence.
 */
export function isFieldLine(text: string, previousLine: string): boolean {
  const colon = text.indexOf(':');
  if (colon <= 0 || colon > LABEL_LENGTH || text.startsWith('//', colon + 1) || (isDigit(text, colon - 1) && isDigit(text, colon + 1))) return false;
  const label = text.slice(0, colon);
  return isLabel(label) && (/^\p{Lu}/u.test(label) || FIELD_NAMES.has(label.toLowerCase())) && !endsMidSentence(previousLine);
}

function isDigit(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code >= 0x30 && code <= 0x39;
}

function endsMidSentence(line: string): boolean {
  const trimmed = line.trimEnd();
  const last = trimmed.charAt(trimmed.length - 1);
  return (last !== '' && ',;(&+/-–—'.includes(last)) || CONNECTIVES.has(trimmed.slice(trimmed.lastIndexOf(' ') + 1).toLowerCase());
}

function isLabel(label: string): boolean {
  const words = label.trim().split(' ');
  return words.length <= LABEL_WORDS && words.every((w) => w.length > 0) && !/[.!?;,]/.test(label);
}

function opensWithAction(sentence: string): boolean {
  const clauses = sentence.split(',');
  if (startsWithVerb(clauses[0] ?? '')) return true;
  if (!CONDITIONS.has(firstWord(clauses[0] ?? ''))) return false;
  return clauses.slice(1).some(startsWithVerb);
}

function startsWithVerb(clause: string): boolean {
  const words = clause.trim().toLowerCase().split(/\s+/);
  let i = 0;
  while (i < words.length - 1 && (LEAD_INS.has(words[i] as string) || /^[a-z]{3,}ly$/.test(words[i] as string))) i++;
  return VERBS.has(/^[a-z-]*/.exec(words[i] ?? '')?.[0] ?? '');
}

function firstWord(clause: string): string {
  return clause.trim().split(/\s+/, 1)[0]?.toLowerCase() ?? '';
}
