/**
 * Who is in one level of a column, in the words a retention manager would use ("customers on
 * month-to-month contracts", not "Contract = Month-to-month"): the drivers, the insights, "How they
 * differ" and the segment cards all say it with customersIn(). Plain text: callers render it as text.
 */

const YES = /^(yes|y|true|1)$/i;
const NO = /^(no|n|false|0)$/i;
/** Column words naming a kind of person: "SeniorCitizen" yes -> "senior citizens" (not "with senior citizen"). */
const PERSON = /(citizen|member|student|employee|retiree|veteran|senior|owner|subscriber)$/;
/** Column words naming what a customer is on: "Contract" Month-to-month -> "on month-to-month contracts". */
const ON = /(^| )(contract|plan|subscription|tier|package)$/;

/** A column name as lower-case words: "PaymentMethod" -> "payment method", "is_active_member" ->
 *  "is active member", "CLVBand" -> "CLV band"; all-capital words (acronyms) keep their case. */
export function columnWords(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_\s]+/g, ' ')
    .trim()
    .split(' ')
    .map((w) => (w.length > 1 && w === w.toUpperCase() ? w : w.toLowerCase()))
    .join(' ');
}

const plural = (w: string) => (/s$/.test(w) ? w : `${w}s`);

/** Whether a level reads as yes (true) or no (false) in a yes/no column; null for any other value. */
export function yesNo(level: string): boolean | null {
  const t = level.trim();
  return YES.test(t) ? true : NO.test(t) ? false : null;
}

/** The customers in one level of a column, as a noun phrase starting with "customers":
 *  ("Contract", "Month-to-month") -> "customers on month-to-month contracts";
 *  ("OnlineSecurity", "No") -> "customers without online security";
 *  ("OnlineBackup", "No internet service") -> "customers with no internet service";
 *  ("SeniorCitizen", "1") -> "customers who are senior citizens";
 *  ("IsActiveMember", "0") -> "customers who are not active members";
 *  ("HasCrCard", "1") -> "customers who have cr card";
 *  ("PaymentMethod", "Electronic check") -> "customers whose payment method is Electronic check". */
export function customersIn(column: string, level: string): string {
  const w = columnWords(column);
  const yes = yesNo(level);
  if (yes !== null) {
    const is = /^is (.+)$/.exec(w), has = /^has (.+)$/.exec(w);
    if (is) return `customers who are ${yes ? '' : 'not '}${plural(is[1])}`;
    if (has) return `customers who ${yes ? 'have' : 'do not have'} ${has[1]}`;
    if (PERSON.test(w)) return `customers who are ${yes ? '' : 'not '}${plural(w)}`;
    return `customers ${yes ? 'with' : 'without'} ${w}`;
  }
  if (/^no /i.test(level.trim())) return `customers with ${level.trim().toLowerCase()}`;
  const on = ON.exec(w);
  if (on) {
    const l = level.trim(), words = l === l.toUpperCase() ? l : l.toLowerCase();
    // "Monthly contract" already names the thing: "customers on monthly contracts"
    const named = new RegExp(`(^| )${on[2]}s?$`).test(words.toLowerCase());
    return `customers on ${named ? plural(words) : `${words} ${plural(on[2])}`}`;
  }
  return `customers whose ${w} is ${level}`;
}

/** One customer's yes/no column as a label: ("SeniorCitizen", true) -> "SeniorCitizen: yes". */
export function yesNoLabel(column: string, yes: boolean): string {
  return `${column}: ${yes ? 'yes' : 'no'}`;
}

/** The names of yes/no columns (typed boolean, or every value yes/no, 0/1 or true/false), from the result's column list. */
export function yesNoColumns(columns: readonly { name: string; type?: string; values?: { value: string }[] }[]): Set<string> {
  const out = new Set<string>();
  for (const c of columns)
    if (c.type === 'boolean' || (c.values && c.values.length > 0 && c.values.length <= 2 && c.values.every((v) => yesNo(v.value) !== null))) out.add(c.name);
  return out;
}

/** A churn reason's model name as a phrase about one customer: "Contract=Month-to-month" -> "Contract is
 *  Month-to-month", "tenure (low)" -> "tenure is low"; a yes/no column says yes or no ("SeniorCitizen (high)"
 *  -> "SeniorCitizen: yes", "Partner=No" -> "Partner: no"; a 0/1 column's high side is 1). */
export function reasonWords(name: string, yesNoCols: ReadonlySet<string> = new Set()): string {
  const side = /^(.*) \((low|high)\)$/.exec(name);
  if (side) return yesNoCols.has(side[1]) ? yesNoLabel(side[1], side[2] === 'high') : `${side[1]} is ${side[2]}`;
  const eq = name.indexOf('=');
  if (eq <= 0) return name;
  const column = name.slice(0, eq), level = name.slice(eq + 1), yes = yesNo(level);
  return yes !== null ? yesNoLabel(column, yes) : `${column} is ${level}`;
}
