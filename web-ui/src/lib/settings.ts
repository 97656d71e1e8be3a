/** Per-browser preferences of the operator, kept in localStorage (absent or blocked storage: the defaults). */
const CONFIRM_LOWER_F1 = 'event-dedup.confirm-lower-f1';

export function confirmLowerF1(): boolean {
  try {
    return localStorage.getItem(CONFIRM_LOWER_F1) === 'true';
  } catch {
    return false;
  }
}

export function setConfirmLowerF1(on: boolean): void {
  try {
    localStorage.setItem(CONFIRM_LOWER_F1, String(on));
  } catch {
    // storage blocked (private mode, policy): the setting lasts for this page only
  }
}
