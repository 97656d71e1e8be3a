/** A category of the stored listings (GET /api/listings/categories): spellings differing only in case as one. */
export interface StoredCategory {
  name: string;
  count: number;
}

/**
 * A category name as the server compares it: case ignored. Upper then lower case maps "Straße" and "STRASSE"
 * together, as the config domain and the engine's full case folding do.
 */
export function foldCase(name: string): string {
  return name.toUpperCase().toLowerCase();
}

/** The stored category a name applies to, or undefined when no stored listing carries it. */
export function storedMatch(name: string, stored: readonly StoredCategory[]): StoredCategory | undefined {
  const folded = foldCase(name.trim());
  return stored.find((c) => foldCase(c.name) === folded);
}

export function listings(count: number): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? 'listing' : 'listings'}`;
}

export const NO_STORED_LISTING = 'No stored listing has this category.';
