/**
 * Checks the domain's cross-field rules while the operator types. The rules are not written here: the schema
 * publishes them (`x-rules`, from the domain's `ConfigRules`) and this module only interprets their four kinds, the
 * same way the server does (`CrossFieldRule`), so the page and the server cannot disagree about a rule or its words.
 */
import { child, isObject, segments } from './json';
import { isInteger, schemaAt } from './schema';
import type { CrossFieldRule, Json, JsonObject, SchemaNode } from './types';

/** How a value appears in a message: whole-number fields plainly, others with at least 2 decimals (0.70). */
export function formatRuleValue(value: number, whole: boolean): string {
  const text = String(Number(value.toFixed(whole ? 2 : 4)));
  if (whole) return text;
  const decimals = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
  return decimals < 2 ? Number(text).toFixed(2) : text;
}

/** The objects a scope names, by pointer: `*` expands to each map entry; missing or null objects are skipped. */
function objectsAt(root: JsonObject, scope: string): [string, JsonObject][] {
  let found: [string, JsonObject][] = [['', root]];
  for (const segment of scope.slice(1).split('/')) {
    const next: [string, JsonObject][] = [];
    for (const [pointer, object] of found) {
      if (segment === '*') {
        for (const [key, value] of Object.entries(object)) if (isObject(value)) next.push([child(pointer, key), value]);
      } else if (isObject(object[segment])) {
        next.push([`${pointer}/${segment}`, object[segment] as JsonObject]);
      }
    }
    found = next;
  }
  return found;
}

function isNumber(v: Json | undefined): v is number {
  return typeof v === 'number';
}

/**
 * The broken rules of a parsed document, by the JSON Pointer the server would name. A rule whose fields do not all
 * parse yet is skipped: the field's own message says what to fix first.
 */
export function checkRules(rules: CrossFieldRule[], doc: JsonObject, schema: SchemaNode): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rule of rules) {
    for (const [at, object] of objectsAt(doc, rule.scope)) {
      if (rule.kind === 'sum') {
        const values = Object.values(object);
        if (!values.every(isNumber)) continue;
        const sum = values.reduce((a, b) => a + b, 0);
        if (Math.abs(sum - (rule.target ?? 1)) > (rule.tolerance ?? 0) + 1e-12) {
          out[at] ??= rule.message.replace('{sum}', formatRuleValue(sum, false));
        }
      } else if (rule.kind === 'positive_sum') {
        const values = rule.fields.map((f) => object[f]);
        if (!values.every(isNumber)) continue;
        if (values.reduce((a, b) => a + b, 0) <= 0) out[`${at}/${rule.fields[0]}`] ??= rule.message;
      } else {
        const [leftKey, rightKey] = rule.fields;
        const left = object[leftKey];
        const right = object[rightKey];
        if (!isNumber(left) || !isNumber(right)) continue;
        const limit = (rule.factor ?? 1) * right;
        const ok = rule.kind === 'less_than' ? left < limit : left <= limit;
        if (ok) continue;
        const leftSchema = schemaAt(schema, segments(`${at}/${leftKey}`));
        const whole = leftSchema !== undefined && isInteger(leftSchema);
        out[`${at}/${leftKey}`] ??= rule.message.replace('{right}', formatRuleValue(limit, whole));
      }
    }
  }
  return out;
}
