import { changeIncident, type RecordChange } from '../incident/recordEdits';
import { ACTION_ITEMS_SECTION, type ChecklistItem, checklistItems, followUpItems, followUpLine, linkItemEdit, tickEdit } from './actionItems';
import { type IssueRef, issueRefText } from './issueRefs';
import { issueKey, type IssueState } from './issueStates';

export interface CreatedFollowUp {
  readonly issue: IssueRef;
  readonly title: string;
  /** The record's own checklist item the issue was created for: that line links it. Otherwise a line is added under Follow-ups. */
  readonly item?: ChecklistItem;
  /** An issue a teammate had already created for the item (found by its marker): linked, not created. */
  readonly existing?: boolean;
}

/**
 * A follow-up in its incident's record, as one edit: the item's line links the issue (or the record's
 * Follow-ups section, mapped onto the template's Action items heading, gets `- [ ] [o/r#1](url) title`),
 * with a timeline entry that links it. An issue the record already links is not added twice.
 */
export function recordFollowUps(text: string, created: readonly CreatedFollowUp[], options: { readonly now: Date; readonly timeZone?: string; readonly entries: boolean }): RecordChange {
  const linked = new Set(followUpItems(text).map((f) => issueKey(f.issue)));
  const claimed = new Set<number>();
  const fresh: CreatedFollowUp[] = [];
  for (const c of created) {
    if (linked.has(issueKey(c.issue))) continue;
    linked.add(issueKey(c.issue));
    const item = c.item && currentItem(text, c.item, claimed);
    if (item) claimed.add(item.line);
    fresh.push({ issue: c.issue, title: c.title, ...(item ? { item } : {}), ...(c.existing ? { existing: true } : {}) });
  }
  const inPlace = fresh.filter((c): c is typeof c & { item: ChecklistItem } => c.item !== undefined);
  const added = fresh.filter((c) => c.item === undefined);
  const change = changeIncident(
    text,
    (state) => ({
      state,
      sections: added.length ? [{ ...ACTION_ITEMS_SECTION, lines: added.map((c) => followUpLine(c.issue, c.title)) }] : [],
      entries: options.entries ? fresh.map((c) => ({ at: options.now, text: `Follow-up ${c.existing ? 'linked' : 'created'}: ${issueRefText(c.issue)} ${c.title}`.trimEnd() })) : [],
    }),
    options.timeZone,
  );
  if (!change.ok) return change;
  const edits = [...change.edits, ...inPlace.map((c) => linkItemEdit(text, c.item, c.issue))];
  return { ...change, edits };
}

/**
 * The item as the text holds it now: on its line if that line still holds it, else the first unlinked
 * item with the same text (lines moved since it was read), not one of the `taken` lines (another item of the same
 * action has it); undefined when it is gone or already links an issue.
 */
export function currentItem(text: string, item: Pick<ChecklistItem, 'line' | 'hash'>, taken: ReadonlySet<number> = new Set()): ChecklistItem | undefined {
  const items = checklistItems(text).filter((i) => i.hash === item.hash && !i.issue && !taken.has(i.line));
  return items.find((i) => i.line === item.line) ?? items[0];
}

/** When GitHub says the issue was closed (the entry tells when it happened, not when it was noticed); else `now`. */
function closedAt(state: IssueState | undefined, now: Date): Date {
  const at = state?.closedAt ? new Date(state.closedAt) : undefined;
  return at && Number.isFinite(at.getTime()) && at.getTime() <= now.getTime() ? at : now;
}

/**
 * Ticks the record's follow-up lines whose issue is closed now, as one edit, with a timeline entry for
 * each ("Follow-up closed: …"); undefined when none is left to tick.
 */
export function tickClosedFollowUps(text: string, states: ReadonlyMap<string, IssueState>, options: { readonly now: Date; readonly timeZone?: string; readonly entries: boolean }): (RecordChange & { readonly ticked?: number }) | undefined {
  const closed = followUpItems(text).filter((f) => !f.checked && states.get(issueKey(f.issue))?.state === 'closed');
  if (!closed.length) return undefined;
  const change = changeIncident(
    text,
    (state) => ({ state, entries: options.entries ? closed.map((f) => ({ at: closedAt(states.get(issueKey(f.issue)), options.now), text: `Follow-up closed: ${issueRefText(f.issue)} ${f.title}`.trimEnd() })) : [] }),
    options.timeZone,
  );
  if (!change.ok) return change;
  return { ...change, edits: [...change.edits, ...closed.map(tickEdit)], ticked: closed.length };
}
