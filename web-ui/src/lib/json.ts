import type { Json, JsonObject } from './types';

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy; works on Svelte's state proxies too (structuredClone refuses them). */
export function clone<T extends Json>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => clone(v)) as T;
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [key, v] of Object.entries(value)) out[key] = clone(v);
    return out as T;
  }
  return value;
}

export function deepEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/** JSON Pointer (RFC 6901) segments. */
export function segments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^#/, '')
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function pointerOf(parts: string[]): string {
  return parts.map((p) => '/' + p.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function child(pointer: string, key: string): string {
  return pointer + pointerOf([key]);
}

export function getAt(root: Json | undefined, pointer: string): Json | undefined {
  let node: Json | undefined = root;
  for (const key of segments(pointer)) {
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isObject(node)) node = node[key];
    else return undefined;
  }
  return node;
}

/** Sets a value inside an object tree, creating missing objects on the way. */
export function setAt(root: JsonObject, pointer: string, value: Json): void {
  const parts = segments(pointer);
  const last = parts.pop();
  if (last === undefined) throw new Error('cannot replace the root');
  let node: JsonObject = root;
  for (const key of parts) {
    if (!isObject(node[key])) node[key] = {};
    node = node[key] as JsonObject;
  }
  node[last] = value;
}

/**
 * The RFC 7396 merge patch that turns `from` into `to`, or undefined when they are equal. Removed keys become null,
 * arrays and changed non-objects are replaced whole.
 */
export function createMergePatch(from: Json | undefined, to: Json): Json | undefined {
  if (isObject(from) && isObject(to)) {
    const patch: JsonObject = {};
    for (const key of Object.keys(from)) {
      if (!(key in to)) patch[key] = null;
    }
    for (const [key, value] of Object.entries(to)) {
      const sub = createMergePatch(from[key], value);
      if (sub !== undefined) patch[key] = sub;
    }
    return Object.keys(patch).length === 0 ? undefined : patch;
  }
  if (deepEqual(from, to)) return undefined;
  // a new object is sent complete; nulls inside it would read as "remove", so they stay as they are
  return clone(to);
}

/** Applies an RFC 7396 merge patch; returns a new value and leaves its arguments alone. */
export function applyMergePatch(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return clone(patch);
  const result: JsonObject = isObject(target) ? clone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

/** The pointers a merge patch touches: its leaves, with arrays and nulls counting as one leaf each. */
export function patchLeaves(patch: Json | undefined, prefix = ''): string[] {
  if (patch === undefined) return [];
  if (!isObject(patch)) return [prefix];
  return Object.entries(patch).flatMap(([key, value]) => patchLeaves(value, child(prefix, key)));
}
