import { describe, expect, it } from 'vitest';
import { applyMergePatch, createMergePatch, getAt, patchLeaves, pointerOf, segments, setAt } from '../src/lib/json';
import type { JsonObject } from '../src/lib/types';

describe('merge patch (RFC 7396)', () => {
  const base: JsonObject = {
    scoring: { date: 0.3, geo: 0.25 },
    title: { primary_weight: 0.7, cross_source_type: { primary_weight: 0.4 } },
    category_weights: { priority: ['a', 'b'], overrides: { a: { date: 1 }, b: { date: 1 } } },
  };

  it('holds only the changed fields', () => {
    const edited = structuredClone(base);
    (edited.scoring as JsonObject).date = 0.35;
    expect(createMergePatch(base, edited)).toEqual({ scoring: { date: 0.35 } });
  });

  it('is undefined when nothing changed', () => {
    expect(createMergePatch(base, structuredClone(base))).toBeUndefined();
  });

  it('removes an optional object and a map entry with null, and replaces arrays whole', () => {
    const edited = structuredClone(base);
    (edited.title as JsonObject).cross_source_type = null;
    const cw = edited.category_weights as JsonObject;
    delete (cw.overrides as JsonObject).b;
    cw.priority = ['a'];
    expect(createMergePatch(base, edited)).toEqual({
      title: { cross_source_type: null },
      category_weights: { priority: ['a'], overrides: { b: null } },
    });
  });

  it('sends a switched-on optional object complete', () => {
    const from: JsonObject = { title: { cross_source_type: null } };
    const to: JsonObject = { title: { cross_source_type: { primary_weight: 0.4, blend_lower: 0.2 } } };
    expect(createMergePatch(from, to)).toEqual(to);
  });

  it('applies back to the edited document', () => {
    const edited = structuredClone(base);
    (edited.scoring as JsonObject).geo = 0.2;
    delete ((edited.category_weights as JsonObject).overrides as JsonObject).a;
    expect(applyMergePatch(base, createMergePatch(base, edited)!)).toEqual(edited);
  });

  it('lists the leaves it touches', () => {
    expect(patchLeaves({ scoring: { date: 0.35 }, category_weights: { priority: ['a'], overrides: { b: null } } })).toEqual([
      '/scoring/date',
      '/category_weights/priority',
      '/category_weights/overrides/b',
    ]);
  });
});

describe('JSON pointers', () => {
  it('escape ~ and / in names', () => {
    expect(pointerOf(['overrides', 'a/b~c'])).toBe('/overrides/a~1b~0c');
    expect(segments('#/overrides/a~1b~0c')).toEqual(['overrides', 'a/b~c']);
  });

  it('read and write nested values', () => {
    const doc: JsonObject = {};
    setAt(doc, '/a/b', 1);
    expect(getAt(doc, '/a/b')).toBe(1);
    expect(getAt(doc, '/a/c')).toBeUndefined();
  });
});
