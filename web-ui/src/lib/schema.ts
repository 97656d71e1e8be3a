import type { SchemaNode } from './types';

function types(node: SchemaNode): string[] {
  return node.type === undefined ? [] : Array.isArray(node.type) ? node.type : [node.type];
}

export function isNumeric(node: SchemaNode): boolean {
  return types(node).some((t) => t === 'number' || t === 'integer');
}

export function isInteger(node: SchemaNode): boolean {
  return types(node).includes('integer');
}

export function isBoolean(node: SchemaNode): boolean {
  return types(node).includes('boolean');
}

export function isString(node: SchemaNode): boolean {
  return types(node).includes('string');
}

export function isArray(node: SchemaNode): boolean {
  return types(node).includes('array');
}

/** An object with fixed properties (a section, a group of fields). */
export function isObjectNode(node: SchemaNode): boolean {
  return types(node).includes('object');
}

/** An optional object: `type: [object, null]`, switched on and off as a whole. */
export function isNullableObject(node: SchemaNode): boolean {
  const t = types(node);
  return t.includes('object') && t.includes('null');
}

/** A map from free names to objects of one shape (e.g. category overrides). */
export function mapValueSchema(node: SchemaNode): SchemaNode | undefined {
  return typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
}

/** A set of weights that must add up to `x-weights-sum`. */
export function weightsTarget(node: SchemaNode): number | undefined {
  return node['x-weights-sum'];
}

/** The allowed range in words, e.g. "0 – 1", "> 0", "≥ 2". */
export function rangeText(node: SchemaNode): string {
  const low =
    node.exclusiveMinimum !== undefined ? { v: node.exclusiveMinimum, x: true } : node.minimum !== undefined ? { v: node.minimum, x: false } : undefined;
  const high =
    node.exclusiveMaximum !== undefined ? { v: node.exclusiveMaximum, x: true } : node.maximum !== undefined ? { v: node.maximum, x: false } : undefined;
  const kind = isInteger(node) ? 'whole number' : 'number';
  if (low && high && !low.x && !high.x) return `${kind}, ${low.v} – ${high.v}`;
  const parts: string[] = [];
  if (low) parts.push(`${low.x ? '>' : '≥'} ${low.v}`);
  if (high) parts.push(`${high.x ? '<' : '≤'} ${high.v}`);
  return parts.length ? `${kind}, ${parts.join(' and ')}` : kind;
}

/** Turns a snake_case key into words, for fields the schema gives no title. */
export function humanize(key: string): string {
  const words = key.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function titleOf(node: SchemaNode | undefined, key: string): string {
  return node?.title ?? humanize(key);
}

/** The schema node at a JSON Pointer into the document (map entries resolve to their value schema). */
export function schemaAt(root: SchemaNode, parts: string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const key of parts) {
    if (!node) return undefined;
    if (node.properties && key in node.properties) node = node.properties[key];
    else if (mapValueSchema(node)) node = mapValueSchema(node);
    else if (node.items && /^\d+$/.test(key)) node = node.items;
    else return undefined;
  }
  return node;
}
