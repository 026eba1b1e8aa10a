// ServiceNow's encoded queries (sysparm_query) as the Table API docs define them (c_TableAPI.md of
// ServiceNow/ServiceNowDocs): `<col_name><operator><value>` conditions joined by `^` (AND) and `^OR` (OR, binding
// only the conditions either side of it, as the ServiceNow SDK's encoded query guide puts it), `ORDERBY<col>` /
// `ORDERBYDESC<col>` clauses, and column names, operators and values all case-sensitive. Operators: = != LIKE
// STARTSWITH ENDSWITH of that page, and IN, NOT IN, < <= > >= of ServiceNow's list of encoded query operators
// ("Supported query operations"). A condition on a column the table lacks is ignored, as an instance does by
// default (glide.invalid_query.returns_no_rows false). Not faked: ^NQ, dot-walking, javascript: values, other operators.

type Operator = '=' | '!=' | 'LIKE' | 'STARTSWITH' | 'ENDSWITH' | 'IN' | 'NOT IN' | '<' | '<=' | '>' | '>=';

interface Condition {
  readonly column: string;
  readonly operator: Operator;
  readonly value: string;
}

export interface EncodedQuery {
  /** Conditions ANDed; each group's conditions ORed. */
  readonly groups: readonly (readonly Condition[])[];
  readonly order: readonly { readonly column: string; readonly descending: boolean }[];
}

/** Longest operators first, so `!=` is not read as `=` and `NOT IN` not as `IN`. */
const CONDITION = /^([a-z0-9_]+)(!=|<=|>=|=|<|>|LIKE|STARTSWITH|ENDSWITH|NOT IN|IN)(.*)$/s;

/** Parses a query, keeping only conditions and orderings on `columns`. */
export function parseEncodedQuery(query: string, columns: readonly string[]): EncodedQuery {
  const groups: Condition[][] = [];
  const order: { column: string; descending: boolean }[] = [];
  for (const part of query.split('^')) {
    const descending = part.startsWith('ORDERBYDESC');
    if (descending || part.startsWith('ORDERBY')) {
      const column = part.slice(descending ? 'ORDERBYDESC'.length : 'ORDERBY'.length);
      if (columns.includes(column)) order.push({ column, descending });
      continue;
    }
    const or = part.startsWith('OR');
    const match = CONDITION.exec(or ? part.slice(2) : part);
    if (!match || !columns.includes(match[1] ?? '')) continue;
    const condition: Condition = { column: match[1] ?? '', operator: match[2] as Operator, value: match[3] ?? '' };
    const last = groups.at(-1);
    if (or && last) last.push(condition);
    else groups.push([condition]);
  }
  return { groups, order };
}

export function matches(query: EncodedQuery, value: (column: string) => string): boolean {
  return query.groups.every((group) => group.some((c) => test(c, value(c.column))));
}

/** Sorts in place by the ORDERBY clauses, in their order; numbers as numbers, anything else as text. */
export function sortRows<T>(rows: T[], query: EncodedQuery, value: (row: T, column: string) => string): T[] {
  return rows.sort((a, b) => {
    for (const { column, descending } of query.order) {
      const c = compare(value(a, column), value(b, column));
      if (c !== 0) return descending ? -c : c;
    }
    return 0;
  });
}

function test({ operator, value: wanted }: Condition, actual: string): boolean {
  switch (operator) {
    case '=':
      return actual === wanted;
    case '!=':
      return actual !== wanted;
    case 'LIKE':
      return actual.includes(wanted);
    case 'STARTSWITH':
      return actual.startsWith(wanted);
    case 'ENDSWITH':
      return actual.endsWith(wanted);
    case 'IN':
      return wanted.split(',').includes(actual);
    case 'NOT IN':
      return !wanted.split(',').includes(actual);
    case '<':
      return compare(actual, wanted) < 0;
    case '<=':
      return compare(actual, wanted) <= 0;
    case '>':
      return compare(actual, wanted) > 0;
    case '>=':
      return compare(actual, wanted) >= 0;
  }
}

function compare(a: string, b: string): number {
  const numeric = /^-?\d+(\.\d+)?$/;
  if (numeric.test(a) && numeric.test(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}
