/**
 * For a panel that copies the analysis's own setting into an input the user may change (the
 * simulator's budget, the churn threshold, the chosen K): `fresh(key)` is true when `key` differs
 * from the last one it saw. Keyed by the analysis (createdAt) and the setting's values, a new
 * analysis or a changed setting resets the input, while a refinement that replaces the result with
 * the same ones leaves what the user set meanwhile.
 */
export function changeGate(): (key: string) => boolean {
  let last: string | null = null;
  return (key) => {
    if (key === last) return false;
    last = key;
    return true;
  };
}
