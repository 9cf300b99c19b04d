/**
 * Column roles and table kind, detected from names and inferred types; every role can be
 * overridden by the user (AnalysisOptions.roles).
 */
import type { Role, Roles, TableKind } from '../types';
import type { InferredColumn } from './infer';
import { detectRfmRoles } from './rfmRoles';

interface RoleRule {
  role: Role;
  types: InferredColumn['type'][];
  /** name patterns, strongest first */
  names: RegExp[];
  /** names that match a pattern but are not this role ("LoginsPerMonth" is a count, not a charge) */
  not?: (name: string) => boolean;
}

/** Counts of activity per period: never money, even when the name says "per month". */
const MONEY_NAME = /value|amount|fee|charge|revenue|spend|price|cost|bill|payment|income|mrr|arpu|[$€£¥₹]/i;
const COUNT_NAME = /login|logon|visit|session|call|sms|text|message|mail|click|view|download|upload|trip|ticket|complaint|order|purchase|transaction|usage|minute|hour|day|times|count|num(ber)?[ _-]?of|^n[ _-]|frequency|gb|mb|data[ _-]?used/i;
const isCount = (name: string) => COUNT_NAME.test(name) && !MONEY_NAME.test(name);

const CUSTOMER_RULES: RoleRule[] = [
  {
    role: 'id',
    types: ['id', 'text', 'numeric', 'categorical'],
    names: [/^(customer|client|user|account|member|subscriber)[ _-]?(id|no|number|key)$/i, /^customer$/i, /(^|[ _-])id$/i, /^id$/i],
  },
  {
    role: 'target',
    types: ['boolean', 'categorical'],
    names: [
      /^(churn|churned|exited|attrition|attrited|churn[ _-]?(label|flag|status|value)|is[ _-]?churn(ed)?|has[ _-]?churned|left|cancelled|canceled|target)$/i,
      /^attrition[ _-]?flag$/i,
      /churn/i,
    ],
  },
  {
    role: 'tenure',
    types: ['numeric'],
    names: [/^tenure$/i, /tenure|months[ _-]?(on[ _-]?book|as[ _-]?customer|active|with)|customer[ _-]?age|lifetime[ _-]?months/i],
  },
  {
    role: 'monthly',
    types: ['numeric'],
    names: [/^monthly[ _-]?charges?$/i, /monthly|per[ _-]?month|recurring|mrr|arpu|subscription[ _-]?(fee|price)|plan[ _-]?price/i],
    not: isCount,
  },
  {
    role: 'total',
    types: ['numeric'],
    names: [/^total[ _-]?charges?$/i, /total[ _-]?(charges?|spend|revenue|amount|trans[ _-]?amt|value)|lifetime[ _-]?(value|spend)/i],
  },
];

const TRANSACTION_RULES: RoleRule[] = [
  // a log may key its customers by name ("Customer Name"): that groups purchases, it is not a feature
  { role: 'id', types: ['numeric', 'categorical', 'id', 'text', 'personal'], names: [/^(customer|client|user|account)[ _-]?(id|no|number|key)$/i, /customer|client/i] },
  { role: 'date', types: ['date'], names: [/invoice[ _-]?date|order[ _-]?date|transaction[ _-]?date|purchase[ _-]?date/i, /date|time/i] },
  { role: 'invoice', types: ['id', 'numeric', 'categorical', 'text'], names: [/^(invoice|order|transaction|receipt)[ _-]?(no|id|number)?$/i, /invoice|order[ _-]?id/i] },
  { role: 'quantity', types: ['numeric'], names: [/^(quantity|qty|units)$/i, /quantity|qty/i] },
  { role: 'price', types: ['numeric'], names: [/^(unit[ _-]?price|price)$/i, /price/i] },
  { role: 'amount', types: ['numeric'], names: [/^(amount|revenue|sales|total|line[ _-]?total|value)$/i, /amount|revenue|sales/i] },
];

/** Detect the table kind and the column for each role. */
export function detectRoles(cols: InferredColumn[], nRows: number): { kind: TableKind; roles: Roles } {
  const trans = cols.length > 0 && cols.every((c) => GENERIC.test(c.name)) ? rolesFromValues(cols, nRows) : match(TRANSACTION_RULES, cols);
  const idCol = trans.id ? cols.find((c) => c.name === trans.id) : undefined;
  const repeats = idCol ? idCol.unique < (nRows - idCol.missing) * 0.8 : false;
  if (trans.id && trans.date && (trans.amount || (trans.quantity && trans.price)) && repeats)
    return { kind: 'transactions', roles: trans };
  const generic = cols.length > 0 && cols.every((c) => GENERIC.test(c.name));
  let roles = generic ? customerRolesFromValues(cols) : match(CUSTOMER_RULES, cols);
  // an RFM summary for the lifetime models takes its columns first ("customer age" is T there, not tenure)
  const rfm = generic ? {} : detectRfmRoles(cols, Boolean(roles.target));
  if (Object.keys(rfm).length > 0) {
    const taken = new Set(Object.values(rfm));
    roles = { ...match(CUSTOMER_RULES, cols.filter((c) => !taken.has(c.name))), ...rfm };
  }
  // A target must have exactly two classes (a third stray value is tolerated and reported).
  if (roles.target) {
    const t = cols.find((c) => c.name === roles.target)!;
    if (t.type === 'categorical' && t.unique > 4) delete roles.target;
  }
  if (!roles.id) {
    const id = cols.find((c) => c.type === 'id');
    if (id) roles.id = id.name;
  }
  return { kind: 'customers', roles };
}

const GENERIC = /^Column \d+$/;

/** A file without a header has no names to go by: a log is a date column, a repeating id before
 *  it, and numbers after it (the most varied is the amount, a less varied one the quantity). */
function rolesFromValues(cols: InferredColumn[], nRows: number): Roles {
  const roles: Roles = {};
  const dateAt = cols.findIndex((c) => c.type === 'date');
  if (dateAt < 0) return roles;
  roles.date = cols[dateAt].name;
  const id = cols.find((c, i) => i !== dateAt && c.type !== 'date' && c.unique > 1 && c.unique < (nRows - c.missing) * 0.8);
  if (id) roles.id = id.name;
  const nums = cols.filter((c, i) => i > dateAt && c.type === 'numeric' && c.name !== roles.id).sort((a, b) => b.unique - a.unique);
  if (nums[0]) roles.amount = nums[0].name;
  if (nums[1]) roles.quantity = nums[1].name;
  return roles;
}

/** Without a header: the id is the first identifier column, the churn flag the last Yes/No column. */
function customerRolesFromValues(cols: InferredColumn[]): Roles {
  const roles: Roles = {};
  const id = cols.find((c) => c.type === 'id');
  if (id) roles.id = id.name;
  const flag = [...cols].reverse().find((c) => c.type === 'boolean' && c.unique === 2);
  if (flag) roles.target = flag.name;
  return roles;
}

function match(rules: RoleRule[], cols: InferredColumn[]): Roles {
  const roles: Roles = {};
  const used = new Set<string>();
  for (const rule of rules) {
    outer: for (const re of rule.names) {
      for (const c of cols) {
        if (used.has(c.name) || !rule.types.includes(c.type) || rule.not?.(c.name)) continue;
        if (re.test(c.name.trim())) {
          roles[rule.role] = c.name;
          used.add(c.name);
          break outer;
        }
      }
    }
  }
  return roles;
}

/** Apply user overrides: a name sets the role, null unsets it. Unknown names are reported. */
export function applyRoleOverrides(
  detected: Roles,
  overrides: Partial<Record<Role, string | null>> | undefined,
  columnNames: string[],
): { roles: Roles; unknown: string[] } {
  const roles: Roles = { ...detected };
  const unknown: string[] = [];
  for (const [role, name] of Object.entries(overrides ?? {}) as [Role, string | null | undefined][]) {
    if (name === undefined) continue;
    if (name === null || name === '') delete roles[role];
    else if (columnNames.includes(name)) {
      // A column plays one role: take it away from any other role first.
      for (const r of Object.keys(roles) as Role[]) if (roles[r] === name) delete roles[r];
      roles[role] = name;
    } else unknown.push(name);
  }
  return { roles, unknown };
}
