/**
 * The form's working copy of the config ("draft"): the document with every number held as the text the operator
 * typed, so an empty or half-typed field stays exactly as it is (never silently 0) until it parses.
 */
import { child, clone, isObject } from './json';
import { isNullableObject, isInteger, isNumeric, isString, mapValueSchema } from './schema';
import type { Json, JsonObject, SchemaNode } from './types';

export type Draft = Json;

function childSchema(node: SchemaNode | undefined, key: string): SchemaNode | undefined {
  if (!node) return undefined;
  return node.properties?.[key] ?? mapValueSchema(node);
}

/** The draft of a document: numbers become their text. */
export function toDraft(value: Json, node: SchemaNode | undefined): Draft {
  if (node && isNumeric(node) && typeof value === 'number') return String(value);
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [key, v] of Object.entries(value)) out[key] = toDraft(v, childSchema(node, key));
    return out;
  }
  return clone(value);
}

export type ParsedNumber = { value: number; error?: undefined } | { value?: undefined; error: string };

/** Parses what was typed into a number field; a decimal comma is accepted ("0,25"). */
export function parseNumber(raw: string, node: SchemaNode): ParsedNumber {
  const text = raw.trim();
  if (text === '') return { error: 'Enter a value.' };
  const normalized = /^[-+]?\d*,\d+$/.test(text) ? text.replace(',', '.') : text;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(normalized)) {
    return { error: isInteger(node) ? 'Enter a whole number, e.g. 30.' : 'Enter a number, e.g. 0.25.' };
  }
  const value = Number(normalized);
  if (!Number.isFinite(value)) return { error: 'Enter a finite number.' };
  if (isInteger(node) && !Number.isInteger(value)) return { error: 'Enter a whole number.' };
  if (node.minimum !== undefined && value < node.minimum) return { error: `Must be at least ${node.minimum}.` };
  if (node.exclusiveMinimum !== undefined && value <= node.exclusiveMinimum) {
    return { error: `Must be greater than ${node.exclusiveMinimum}.` };
  }
  if (node.maximum !== undefined && value > node.maximum) return { error: `Must be at most ${node.maximum}.` };
  if (node.exclusiveMaximum !== undefined && value >= node.exclusiveMaximum) {
    return { error: `Must be less than ${node.exclusiveMaximum}.` };
  }
  return { value };
}

/**
 * The document a draft stands for. Fields that do not parse are reported in `errors` (by JSON Pointer) and keep
 * their text in the result, so they still differ from the saved value.
 */
export function fromDraft(draft: Draft, node: SchemaNode | undefined, pointer: string, errors: Record<string, string>): Json {
  if (node && isNumeric(node) && typeof draft === 'string') {
    const parsed = parseNumber(draft, node);
    if (parsed.error !== undefined) {
      errors[pointer] = parsed.error;
      return draft;
    }
    return parsed.value;
  }
  if (node && isString(node) && typeof draft === 'string' && node.minLength && draft.trim().length < node.minLength) {
    errors[pointer] = 'Must not be empty.';
  }
  if (isObject(draft)) {
    const out: JsonObject = {};
    for (const [key, v] of Object.entries(draft)) out[key] = fromDraft(v, childSchema(node, key), child(pointer, key), errors);
    return out;
  }
  return clone(draft);
}

/** Puts back optional objects that a merge patch removed, as null, so every field of the form has a value. */
export function fillNullables(draft: JsonObject, node: SchemaNode): void {
  for (const [key, sub] of Object.entries(node.properties ?? {})) {
    if (isNullableObject(sub) && !(key in draft)) draft[key] = null;
    else if (isObject(draft[key]) && sub.properties) fillNullables(draft[key] as JsonObject, sub);
  }
}

/** The sum of a weight set, or null while any weight does not parse. */
export function weightSum(draft: Json | undefined, node: SchemaNode): number | null {
  if (!isObject(draft)) return null;
  let sum = 0;
  for (const [key, sub] of Object.entries(node.properties ?? {})) {
    const raw = draft[key];
    const parsed = typeof raw === 'string' ? parseNumber(raw, sub) : typeof raw === 'number' ? { value: raw } : { error: 'missing' };
    if (parsed.value === undefined) return null;
    sum += parsed.value;
  }
  return sum;
}

/** Whether a sum is what the server accepts (target ± 0.01, contract §1). */
export function sumAccepted(sum: number, target: number): boolean {
  return Math.abs(sum - target) <= 0.01 + 1e-9;
}

/**
 * Scales weights to add up to `target`, rounded to 4 decimals, the rounding remainder going to the largest weight
 * so the result adds up exactly. All zeros become equal shares.
 */
export function normalise(weights: number[], target = 1): number[] {
  const unit = 10_000;
  const total = weights.reduce((a, b) => a + b, 0);
  const shares = total > 0 ? weights.map((w) => w / total) : weights.map(() => 1 / weights.length);
  const units = shares.map((s) => Math.round(s * target * unit));
  const largest = units.indexOf(Math.max(...units));
  units[largest] += Math.round(target * unit) - units.reduce((a, b) => a + b, 0);
  return units.map((u) => u / unit);
}

/** Shortest text for a number in a field (no float noise such as 0.30000000000000004). */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}
