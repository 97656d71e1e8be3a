/** Words for the audit log, and the groups of a split, without the page. */
import type { AuditEntry, Json } from './types';

const str = (v: Json | undefined) => (v === undefined || v === null ? '' : Array.isArray(v) ? v.join(', ') : String(v));
/** " (was different)"; nothing when there was no label before ("none", null or absent). */
const was = (v: Json | undefined) => (v && v !== 'none' ? ` (was ${str(v)})` : '');
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** An audit entry's action in words: "Saved config version 12", "Labelled pair a ↔ b as same". */
export function auditText(entry: AuditEntry): string {
  const d = entry.details ?? {};
  const target = entry.target ?? '';
  const pair = d.a !== undefined ? `${str(d.a)} ↔ ${str(d.b)}` : target;
  switch (entry.action) {
    case 'config.save': {
      const n = Array.isArray(d.changes) ? d.changes.length : typeof d.changes === 'number' ? d.changes : null;
      return `Saved config version ${str(d.version ?? target)}${n ? ` (${plural(n, 'change')})` : ''}`;
    }
    case 'config.rollback':
      return `Restored config version ${str(d.to)}${d.version !== undefined ? ` as version ${str(d.version)}` : ''}`;
    case 'ai_key.set':
      return 'Set the AI API key';
    case 'ai_key.removed':
      return 'Removed the AI API key';
    case 'label.set':
      return `Labelled pair ${pair} as ${str(d.label)}${was(d.previous)}`;
    case 'label.removed':
      // the removed label's verdict: `label` (or `previous`)
      return `Removed the label of pair ${pair}${was(d.label ?? d.previous)}`;
    case 'event.merge': {
      const ids = Array.isArray(d.ids) ? d.ids.map(str).join(' and ') : target;
      return `Merged events ${ids}${typeof d.labels_written === 'number' ? ` (${plural(d.labels_written, 'label')})` : ''}`;
    }
    case 'event.split':
      return `Split event ${target}${Array.isArray(d.groups) ? ` into ${plural(d.groups.length, 'group')}` : ''}${
        typeof d.labels_written === 'number' ? ` (${plural(d.labels_written, 'label')})` : ''
      }`;
    case 'operator.created':
      return `Created operator ${target}${d.role ? ` (${str(d.role)})` : ''}`;
    case 'operator.changed':
      return `Changed operator ${target}`;
    case 'ground_truth.import':
      return `Imported ground truth: ${plural(Number(d.pairs ?? 0), 'pair')}, ${plural(Number(d.listings ?? 0), 'listing')}`;
    default:
      return [entry.action, target].filter(Boolean).join(' ');
  }
}

/**
 * The groups of a split from each listing's group number (1, 2, …): empty groups dropped, the rest in number order.
 * Null when fewer than two groups are left (the server asks for at least two non-empty ones).
 */
export function splitGroups(ids: string[], groupOf: Record<string, number>): string[][] | null {
  const groups = new Map<number, string[]>();
  for (const id of ids) {
    const g = groupOf[id] ?? 1;
    groups.set(g, [...(groups.get(g) ?? []), id]);
  }
  const result = [...groups.entries()].sort(([x], [y]) => x - y).map(([, members]) => members);
  return result.length >= 2 ? result : null;
}
