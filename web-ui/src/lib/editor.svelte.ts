import { ApiError, NetworkError, type ConfigApi } from './api';
import { fillNullables, fromDraft, toDraft } from './draft';
import { applyMergePatch, clone, createMergePatch, getAt, isObject, patchLeaves, segments, setAt } from './json';
import { checkRules } from './rules';
import { schemaAt } from './schema';
import type { ConfigView, HistoryEntry, Json, JsonObject, Preview, SchemaNode } from './types';

/** What "Test key" says: the key worked, or why not. */
export interface KeyTestOutcome {
  ok: boolean;
  text: string;
}

export interface Notice {
  kind: 'success' | 'error' | 'info';
  text: string;
}

/** Someone else saved while the operator was editing (412/409). */
export interface Conflict {
  theirs: ConfigView;
  /** Their versions after the one this page started from, newest first. */
  changes: HistoryEntry[];
  /** Fields both sides changed; the operator's value wins when re-applied. */
  overlap: string[];
}

/** DOM id of the input for a JSON Pointer; ids stay valid whatever a category is called. */
export function fieldId(pointer: string): string {
  return 'f' + pointer.replace(/[^A-Za-z0-9_-]/g, (c) => `-${c.charCodeAt(0).toString(16)}-`);
}

function sameOrInside(pointer: string, other: string): boolean {
  return pointer === other || pointer.startsWith(other + '/') || other.startsWith(pointer + '/');
}

/**
 * The config form's state: the saved version (`base`), the operator's working copy (`draft`) and everything derived
 * from the two: parse errors, the merge patch that Save sends and which fields are changed.
 */
export class ConfigEditor {
  base: ConfigView = $state.raw() as unknown as ConfigView;
  defaults: JsonObject = $state.raw({});
  draft: JsonObject = $state({});
  serverErrors: Record<string, string> = $state({});
  saving = $state(false);
  notice: Notice | null = $state(null);
  conflict: Conflict | null = $state(null);
  /** The last impact preview, what it was asked for (the patch as JSON, against which saved version). */
  preview: Preview | null = $state.raw(null);
  previewing = $state(false);
  private previewedPatch = $state('');
  private previewedVersion = $state(-1);

  readonly parsed = $derived.by(() => {
    const errors: Record<string, string> = {};
    const value = fromDraft(this.draft, this.schema, '', errors) as JsonObject;
    // the domain's cross-field rules, as the schema publishes them; a field's own parse error comes first
    const broken = checkRules(this.schema['x-rules'] ?? [], value, this.schema);
    for (const [pointer, message] of Object.entries(broken)) errors[pointer] ??= message;
    return { value, errors };
  });
  /** The merge patch Save sends: only what differs from the saved version. */
  readonly patch = $derived(createMergePatch(this.base.document, this.parsed.value) as JsonObject | undefined);
  readonly changed = $derived(patchLeaves(this.patch));
  readonly clientErrors = $derived(this.parsed.errors);
  readonly isDirty = $derived(this.patch !== undefined);
  /** The draft or the saved version moved on since the preview: its figures describe another candidate. */
  readonly previewStale = $derived(
    this.preview !== null &&
      (this.previewedVersion !== this.base.version || this.previewedPatch !== JSON.stringify(this.patch ?? {})),
  );
  /** F1 candidate minus current in the last preview against this saved version; null without ground truth. */
  readonly f1Delta = $derived.by(() => {
    const p = this.preview;
    if (!p || this.previewedVersion !== this.base.version || !p.current.quality || !p.candidate.quality) return null;
    return p.candidate.quality.f1 - p.current.quality.f1;
  });

  /** For panels that talk to the server themselves (suggestions). */
  readonly api: ConfigApi;
  readonly schema: SchemaNode;

  constructor(api: ConfigApi, schema: SchemaNode, view: ConfigView, defaults: JsonObject) {
    this.api = api;
    this.schema = schema;
    this.base = view;
    this.defaults = defaults;
    this.draft = this.draftOf(view.document);
  }

  value(pointer: string): Json | undefined {
    return getAt(this.draft, pointer);
  }

  savedValue(pointer: string): Json | undefined {
    return getAt(this.base.document, pointer);
  }

  defaultValue(pointer: string): Json | undefined {
    return getAt(this.defaults, pointer);
  }

  set(pointer: string, value: Json): void {
    setAt(this.draft, pointer, value);
    // a server message about this field (or the weight set it belongs to) no longer describes what is there
    for (const key of Object.keys(this.serverErrors)) {
      if (sameOrInside(pointer, key)) delete this.serverErrors[key];
    }
    if (this.notice?.kind === 'success') this.notice = null;
  }

  /** Puts suggested values into the draft, as if typed: preview and save work on them as usual. */
  applySuggestion(changes: { path: string; after: Json }[]): void {
    for (const change of changes) {
      this.set(change.path, toDraft(change.after, schemaAt(this.schema, segments(change.path))));
    }
  }

  /** Puts the effective default (YAML over built-ins) into a field. */
  resetToDefault(pointer: string): void {
    const value = this.defaultValue(pointer);
    if (value !== undefined) this.set(pointer, toDraft(value, schemaAt(this.schema, segments(pointer))));
  }

  errorAt(pointer: string): string | undefined {
    return this.clientErrors[pointer] ?? this.serverErrors[pointer];
  }

  /** Whether the field (or anything inside it) differs from the saved version. */
  isChanged(pointer: string): boolean {
    return this.changed.some((p) => p === pointer || p.startsWith(pointer + '/'));
  }

  discard(): void {
    this.draft = this.draftOf(this.base.document);
    this.serverErrors = {};
    this.conflict = null;
    this.notice = { kind: 'info', text: 'Your changes were discarded.' };
  }

  async save(): Promise<void> {
    const invalid = Object.keys(this.clientErrors);
    if (invalid.length > 0) {
      this.notice = { kind: 'error', text: `${count(invalid.length, 'field needs', 'fields need')} attention before saving.` };
      focusField(invalid[0]);
      return;
    }
    const patch = this.patch;
    if (!patch || this.saving) return;
    this.saving = true;
    this.notice = null;
    try {
      const view = await this.api.patch(patch, this.base.version);
      this.adopt(view);
      // the preview compared the old version with a draft that is now saved: it describes nothing current
      this.preview = null;
      this.notice = { kind: 'success', text: `Saved as version ${view.version}.` };
    } catch (e) {
      await this.failed(e, 'save');
    } finally {
      this.saving = false;
    }
  }

  /** Asks the server what the draft would change (never saves); the comparison lands in `preview`. */
  async runPreview(): Promise<boolean> {
    const invalid = Object.keys(this.clientErrors);
    if (invalid.length > 0) {
      this.notice = { kind: 'error', text: `${count(invalid.length, 'field needs', 'fields need')} attention before a preview.` };
      focusField(invalid[0]);
      return false;
    }
    if (this.previewing) return false;
    const patch = this.patch ?? {};
    const version = this.base.version;
    this.previewing = true;
    try {
      const preview = await this.api.preview(patch);
      this.preview = preview;
      this.previewedPatch = JSON.stringify(patch);
      this.previewedVersion = version;
      if (this.notice?.kind === 'error') this.notice = null;
      return true;
    } catch (e) {
      await this.failed(e, 'preview');
      return false;
    } finally {
      this.previewing = false;
    }
  }

  closePreview(): void {
    this.preview = null;
  }

  async setApiKey(key: string): Promise<boolean> {
    return this.keyChange(() => this.api.setApiKey(key, this.base.version), 'The API key is stored.');
  }

  async removeApiKey(): Promise<boolean> {
    return this.keyChange(() => this.api.removeApiKey(this.base.version), 'The API key was removed.');
  }

  /** Tests the stored key; never throws, the outcome is what the panel shows (the key itself never comes back). */
  async testApiKey(): Promise<KeyTestOutcome> {
    try {
      const result = await this.api.testApiKey();
      if (result.ok) return { ok: true, text: `Key works — model ${result.model} answered in ${result.latency_ms} ms.` };
      const message = result.message?.trim() || 'no message';
      return {
        ok: false,
        text: typeof result.status === 'number'
          ? `The provider refused the key test (HTTP ${result.status}): ${message}`
          : `The key test failed: ${message}`,
      };
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        // removed meanwhile, or stored but undecryptable: the server's detail says which
        return { ok: false, text: e.problem.detail ? `No key stored — ${e.problem.detail}` : 'No key stored.' };
      }
      if (e instanceof ApiError && e.status === 403) return { ok: false, text: 'Testing the key needs the editor role.' };
      return { ok: false, text: `The key test failed: ${messageOf(e)}` };
    }
  }

  /** After a restore from History: the restored version becomes the base, unsaved edits stay on top of it. */
  restored(view: ConfigView): void {
    if (this.isDirty) {
      this.rebaseOnto(view);
      this.notice = { kind: 'info', text: `Version ${view.version} is restored; your unsaved edits are kept on top of it.` };
    } else {
      this.adopt(view);
      this.notice = { kind: 'success', text: `Restored as version ${view.version}.` };
    }
  }

  /** Re-applies the operator's edits on top of the version someone else saved. */
  reapply(): void {
    if (!this.conflict) return;
    const theirs = this.conflict.theirs;
    this.rebaseOnto(theirs);
    this.conflict = null;
    this.notice = {
      kind: 'info',
      text: `Your edits are now on top of version ${theirs.version}. Check the marked fields, then save again.`,
    };
  }

  /** Drops the operator's edits and shows the version someone else saved. */
  takeTheirs(): void {
    if (!this.conflict) return;
    this.adopt(this.conflict.theirs);
    this.conflict = null;
    this.notice = { kind: 'info', text: `Showing version ${this.base.version}; your edits were dropped.` };
  }

  /** Loads the newest version and explains what changed since this page's base. */
  async detectConflict(): Promise<void> {
    const theirs = await this.api.config();
    if (theirs.version === this.base.version) return;
    let changes: HistoryEntry[] = [];
    try {
      changes = (await this.api.history(50)).filter((h) => h.version > this.base.version);
    } catch {
      // the explanation is a nicety; the re-apply works without it
    }
    const theirPaths = changes.flatMap((h) => h.changes.map((c) => c.path));
    const overlap = this.changed.filter((mine) => theirPaths.some((p) => sameOrInside(mine, p)));
    if (!this.isDirty) {
      this.adopt(theirs);
      return;
    }
    this.conflict = { theirs, changes, overlap };
  }

  private async keyChange(write: () => Promise<void>, done: string): Promise<boolean> {
    try {
      await write();
    } catch (e) {
      await this.failed(e, 'key');
      return false;
    }
    // the key is not part of the document: a new version with the same document; edits stay as they are
    const view = await this.api.config();
    if (this.isDirty) this.rebaseOnto(view);
    else this.adopt(view);
    this.notice = { kind: 'success', text: done };
    return true;
  }

  private async failed(e: unknown, what: 'save' | 'key' | 'preview'): Promise<void> {
    const verb = what === 'save' ? 'Not saved' : what === 'preview' ? 'No preview' : 'The key was not changed';
    if (what !== 'preview' && e instanceof ApiError && e.isConflict) {
      this.notice = {
        kind: 'error',
        text: 'Not saved: someone else saved first. Your edits are kept.',
      };
      try {
        await this.detectConflict();
      } catch (inner) {
        this.notice = { kind: 'error', text: messageOf(inner) };
      }
      return;
    }
    // PATCH names the fields in `errors`; accept `violations` (the preview contract's word) the same way
    const list = e instanceof ApiError ? (e.problem.errors ?? e.problem.violations) : undefined;
    if (e instanceof ApiError && e.status === 422 && list) {
      const errors: Record<string, string> = {};
      for (const { pointer, detail } of list) {
        const key = pointer.replace(/^#/, '');
        errors[key] = errors[key] ? `${errors[key]} ${detail}` : detail;
      }
      this.serverErrors = errors;
      const n = list.length;
      this.notice = { kind: 'error', text: `${verb}: the server found ${count(n, 'problem', 'problems')}. See the marked ${n === 1 ? 'field' : 'fields'}.` };
      focusField(Object.keys(errors)[0]);
      return;
    }
    this.notice = { kind: 'error', text: `${verb}: ${messageOf(e)}` };
  }

  private adopt(view: ConfigView): void {
    this.base = view;
    this.draft = this.draftOf(view.document);
    this.serverErrors = {};
  }

  private rebaseOnto(view: ConfigView): void {
    const mine = createMergePatch(this.draftOf(this.base.document), clone(this.draft));
    const draft = (mine === undefined ? this.draftOf(view.document) : applyMergePatch(this.draftOf(view.document), mine)) as JsonObject;
    fillNullables(draft, this.schema);
    this.base = view;
    this.draft = draft;
    this.serverErrors = {};
  }

  private draftOf(document: JsonObject): JsonObject {
    const draft = toDraft(document, this.schema);
    return isObject(draft) ? draft : {};
  }
}

export function messageOf(e: unknown): string {
  if (e instanceof NetworkError) return 'the server cannot be reached. Check that it is running, then try again.';
  if (e instanceof ApiError) return e.problem.detail ?? e.message;
  return e instanceof Error ? e.message : String(e);
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function focusField(pointer: string | undefined): void {
  if (pointer === undefined || typeof document === 'undefined') return;
  // the field itself, else the nearest enclosing group that has an id (e.g. a weight set)
  let p = pointer;
  while (p) {
    const el = document.getElementById(fieldId(p));
    if (el) {
      el.focus();
      return;
    }
    p = p.slice(0, p.lastIndexOf('/'));
  }
}
