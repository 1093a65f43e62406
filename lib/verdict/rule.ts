// A tiny condition language for the verdict rules, so each rule is written once as data and both
// TypeScript and SQL are derived from it: `compile` turns a rule into a function, `sqlOf` into a
// SQL expression over the columns the caller names. rule.test.ts runs both on PGlite over every
// combination of inputs and checks they agree.
//
// NULL follows SQL: a comparison with NULL is not true, so a CASE arm with one falls through.

export type Scalar = string | number | null;
export type Operand<Input extends string> = { input: Input } | { literal: string | number };
export type Condition<Input extends string> =
  | { op: "isNull"; of: Operand<Input> }
  | { op: "eq" | "ne" | "gt" | "ge"; left: Operand<Input>; right: Operand<Input> }
  | { op: "in"; of: Operand<Input>; values: readonly string[] }
  | { op: "and" | "or"; all: readonly Condition<Input>[] };
/** First matching arm wins, like SQL's CASE. */
export type Rule<Input extends string> = { arms: readonly { when: Condition<Input>; then: Operand<Input> }[]; otherwise: Operand<Input> };

export const input = <Input extends string>(name: Input): Operand<Input> => ({ input: name });
export const literal = (value: string | number): { literal: string | number } => ({ literal: value });
export const isNull = <Input extends string>(of: Operand<Input>): Condition<Input> => ({ op: "isNull", of });
export const eq = <Input extends string>(left: Operand<Input>, right: Operand<Input>): Condition<Input> => ({ op: "eq", left, right });
export const ne = <Input extends string>(left: Operand<Input>, right: Operand<Input>): Condition<Input> => ({ op: "ne", left, right });
export const gt = <Input extends string>(left: Operand<Input>, right: Operand<Input>): Condition<Input> => ({ op: "gt", left, right });
export const ge = <Input extends string>(left: Operand<Input>, right: Operand<Input>): Condition<Input> => ({ op: "ge", left, right });
export const oneOf = <Input extends string>(of: Operand<Input>, values: readonly string[]): Condition<Input> => ({ op: "in", of, values });
export const and = <Input extends string>(...all: Condition<Input>[]): Condition<Input> => ({ op: "and", all });
export const or = <Input extends string>(...all: Condition<Input>[]): Condition<Input> => ({ op: "or", all });

type Values<Input extends string> = Readonly<Record<Input, Scalar>>;
type Read<Input extends string> = (values: Values<Input>) => Scalar;

function compileOperand<Input extends string>(operand: Operand<Input>): Read<Input> {
  if ("literal" in operand) {
    const value = operand.literal;
    return () => value;
  }
  const name = operand.input;
  return (values) => values[name];
}

/** The condition as a TypeScript predicate (built once; the audit calls it per candidate). */
export function compileCondition<Input extends string>(condition: Condition<Input>): (values: Values<Input>) => boolean {
  switch (condition.op) {
    case "isNull": {
      const of = compileOperand(condition.of);
      return (values) => of(values) === null;
    }
    case "in": {
      const of = compileOperand(condition.of);
      const set = new Set<Scalar>(condition.values);
      return (values) => set.has(of(values));
    }
    case "and":
    case "or": {
      const parts = condition.all.map((part) => compileCondition(part));
      return condition.op === "and" ? (values) => parts.every((part) => part(values)) : (values) => parts.some((part) => part(values));
    }
    default: {
      const left = compileOperand(condition.left);
      const right = compileOperand(condition.right);
      const compare = COMPARE[condition.op];
      return (values) => {
        const a = left(values);
        const b = right(values);
        return a !== null && b !== null && compare(a, b);
      };
    }
  }
}

const COMPARE = {
  eq: (a: string | number, b: string | number) => a === b,
  ne: (a: string | number, b: string | number) => a !== b,
  gt: (a: string | number, b: string | number) => a > b,
  ge: (a: string | number, b: string | number) => a >= b,
};

export function compileRule<Input extends string>(rule: Rule<Input>): (values: Values<Input>) => Scalar {
  const arms = rule.arms.map((arm) => ({ when: compileCondition(arm.when), then: compileOperand(arm.then) }));
  const otherwise = compileOperand(rule.otherwise);
  return (values) => {
    for (const arm of arms) if (arm.when(values)) return arm.then(values);
    return otherwise(values);
  };
}

export type Columns<Input extends string> = Readonly<Record<Input, string>>;

const quote = (value: string) => `'${value.replaceAll("'", "''")}'`;
const SQL_OPERATOR = { eq: "=", ne: "<>", gt: ">", ge: ">=" } as const;

function operandSql<Input extends string>(operand: Operand<Input>, columns: Columns<Input>): string {
  if (!("literal" in operand)) return columns[operand.input];
  return typeof operand.literal === "number" ? String(operand.literal) : quote(operand.literal);
}

/** The condition as a SQL boolean expression; `columns` names the SQL expression of each input. */
export function conditionSql<Input extends string>(condition: Condition<Input>, columns: Columns<Input>): string {
  switch (condition.op) {
    case "isNull":
      return `${operandSql(condition.of, columns)} IS NULL`;
    case "in":
      return `${operandSql(condition.of, columns)} IN (${condition.values.map(quote).join(", ")})`;
    case "and":
    case "or":
      return `(${condition.all.map((part) => conditionSql(part, columns)).join(` ${condition.op.toUpperCase()} `)})`;
    default:
      return `${operandSql(condition.left, columns)} ${SQL_OPERATOR[condition.op]} ${operandSql(condition.right, columns)}`;
  }
}

export function ruleSql<Input extends string>(rule: Rule<Input>, columns: Columns<Input>): string {
  const arms = rule.arms.map((arm) => `WHEN ${conditionSql(arm.when, columns)} THEN ${operandSql(arm.then, columns)}`);
  return `CASE ${arms.join(" ")} ELSE ${operandSql(rule.otherwise, columns)} END`;
}
