import { describe, expect, it } from 'vitest';
import { fromDraft, normalise, parseNumber, sumAccepted, toDraft, weightSum } from '../src/lib/draft';
import type { JsonObject } from '../src/lib/types';
import { defaults, schema } from './fake-server';

const weight = schema.properties!.scoring.properties!.date;
const minutes = schema.properties!.date.properties!.time_tolerance_minutes;

describe('number fields', () => {
  it('never turn an empty field into 0', () => {
    expect(parseNumber('', weight)).toEqual({ error: 'Enter a value.' });
    expect(parseNumber('   ', weight).value).toBeUndefined();
  });

  it('accept a decimal comma', () => {
    expect(parseNumber('0,25', weight)).toEqual({ value: 0.25 });
  });

  it('reject what is not a number, or not whole where whole numbers are needed', () => {
    expect(parseNumber('0.2.5', weight).error).toMatch(/number/);
    expect(parseNumber('abc', weight).error).toMatch(/number/);
    expect(parseNumber('12.5', minutes).error).toMatch(/whole number/);
  });

  it('check the range of the schema', () => {
    expect(parseNumber('1.5', weight).error).toBe('Must be at most 1.');
    expect(parseNumber('-0.1', weight).error).toBe('Must be at least 0.');
    expect(parseNumber('0', minutes).error).toBe('Must be greater than 0.');
  });
});

describe('drafts', () => {
  it('hold numbers as text and give them back as numbers', () => {
    const draft = toDraft(defaults, schema) as JsonObject;
    expect((draft.scoring as JsonObject).date).toBe('0.3');
    const errors: Record<string, string> = {};
    expect(fromDraft(draft, schema, '', errors)).toEqual(defaults);
    expect(errors).toEqual({});
  });

  it('keep what was typed in a field that does not parse, and name it', () => {
    const draft = toDraft(defaults, schema) as JsonObject;
    (draft.scoring as JsonObject).date = '';
    (draft.ai as JsonObject).model = ' ';
    const errors: Record<string, string> = {};
    const doc = fromDraft(draft, schema, '', errors) as JsonObject;
    expect((doc.scoring as JsonObject).date).toBe('');
    expect(errors).toEqual({ '/scoring/date': 'Enter a value.', '/ai/model': 'Must not be empty.' });
  });

  it('type category overrides through the map schema', () => {
    const draft = toDraft(defaults, schema) as JsonObject;
    const overrides = (draft.category_weights as JsonObject).overrides as JsonObject;
    expect((overrides.fasnacht as JsonObject).date).toBe('0.3');
  });
});

describe('weight sets', () => {
  const scoring = schema.properties!.scoring;

  it('sum while every weight parses', () => {
    expect(weightSum({ date: '0.5', geo: '0.25', title: '0.3', description: '0.15' }, scoring)).toBeCloseTo(1.2);
    expect(weightSum({ date: '', geo: '0.25', title: '0.3', description: '0.15' }, scoring)).toBeNull();
  });

  it('are accepted within ± 0.01 of the target', () => {
    expect(sumAccepted(1.009, 1)).toBe(true);
    expect(sumAccepted(1.2, 1)).toBe(false);
  });

  it('normalise to exactly the target, keeping proportions', () => {
    const result = normalise([0.5, 0.25, 0.3, 0.15]);
    expect(result).toEqual([0.4167, 0.2083, 0.25, 0.125]);
    expect(result.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(normalise([0, 0, 0, 0])).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(normalise([1, 1, 1]).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });
});
