import { segments } from './json';
import { isNullableObject, schemaAt, titleOf } from './schema';
import type { Json, SchemaNode } from './types';

/** An enum value as the page names it, in the dropdown and in help alike: `longest_non_generic` → "Longest non generic". */
export function optionLabel(option: string): string {
  const text = option.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Thresholds › Match threshold" for "/thresholds/high"; map keys (category names) appear as they are. */
export function pathLabel(schema: SchemaNode, path: string): string {
  if (path === '/ai_api_key') return 'AI › API key';
  const parts = segments(path);
  const labels: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const parent = schemaAt(schema, parts.slice(0, i));
    const node = schemaAt(schema, parts.slice(0, i + 1));
    const isMapKey = parent !== undefined && !(parent.properties && parts[i] in parent.properties);
    labels.push(isMapKey ? `“${parts[i]}”` : titleOf(node, parts[i]));
  }
  return labels.join(' › ');
}

/** A value as an operator reads it in a change list. */
export function formatValue(schema: SchemaNode, path: string, value: Json | undefined): string {
  const node = schemaAt(schema, segments(path));
  if (value === undefined) return '—';
  if (value === null) return node && isNullableObject(node) ? 'off' : 'none';
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ') : 'empty list';
  return Object.entries(value)
    .map(([k, v]) => `${titleOf(node?.properties?.[k], k)} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
