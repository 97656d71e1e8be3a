import { flushSync, mount, tick, unmount, type Component } from 'svelte';
import { afterEach } from 'vitest';

const mounted: { component: ReturnType<typeof mount>; target: HTMLElement }[] = [];

afterEach(() => {
  for (const { component, target } of mounted.splice(0)) {
    unmount(component);
    target.remove();
  }
});

/** Mounts a component into the document; unmounted after each test. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function render<P extends Record<string, any>>(component: Component<P>, props: P): HTMLElement {
  const target = document.createElement('div');
  document.body.append(target);
  mounted.push({ component: mount(component, { target, props }), target });
  flushSync();
  return target;
}

/** Lets pending fetches and the updates they cause finish. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await tick();
  }
}

export function type(input: HTMLInputElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

export function click(element: Element | null | undefined): void {
  if (!element) throw new Error('nothing to click');
  (element as HTMLElement).click();
  flushSync();
}

/** The input a visible label names, found the way a screen reader pairs them. */
export function field(root: HTMLElement, label: string | RegExp, scope: ParentNode = root): HTMLInputElement {
  const labels = [...scope.querySelectorAll('label')].filter((l) =>
    typeof label === 'string' ? l.textContent?.trim() === label : label.test(l.textContent ?? ''),
  );
  if (labels.length !== 1) throw new Error(`${labels.length} labels match ${label}`);
  const input = root.ownerDocument.getElementById(labels[0].htmlFor);
  if (!input) throw new Error(`label ${label} points at nothing`);
  return input as HTMLInputElement;
}

export function button(root: ParentNode, name: string | RegExp): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].filter((b) => {
    const text = b.getAttribute('aria-label') ?? b.textContent?.trim() ?? '';
    return typeof name === 'string' ? text === name : name.test(text);
  });
  if (found.length !== 1) throw new Error(`${found.length} buttons match ${name}`);
  return found[0];
}
