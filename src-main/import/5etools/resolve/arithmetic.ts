/**
 * Evaluates the arithmetic 5etools writes in copy formulas (`"8 + 3 * 2"`, `"-1/2"`): numbers,
 * `+ - * /`, unary signs, usual precedence. 5etools strips every other character and `eval`s the
 * rest (`variableResolver.getCleanMathExpression`); this reads the same text without `eval`.
 */
import { ModError } from './errors';

export function evaluateArithmetic(expression: string): number {
  const text = expression.replace(/[^-+/*0-9.]+/g, '');
  let at = 0;
  const peek = () => text[at];
  const number = (): number => {
    const sign = peek() === '-' ? -1 : 1;
    if (peek() === '-' || peek() === '+') {
      at += 1;
      return sign * number();
    }
    const match = /^\d*\.?\d+|^\d+\.?/.exec(text.slice(at));
    if (!match) throw new ModError(`"${expression}" is not arithmetic`);
    at += match[0].length;
    return Number(match[0]);
  };
  const term = (): number => {
    let value = number();
    while (peek() === '*' || peek() === '/') {
      const op = peek();
      at += 1;
      const right = number();
      value = op === '*' ? value * right : value / right;
    }
    return value;
  };
  let value = term();
  while (peek() === '+' || peek() === '-') {
    const op = peek();
    at += 1;
    const right = term();
    value = op === '+' ? value + right : value - right;
  }
  if (at !== text.length || !Number.isFinite(value)) throw new ModError(`"${expression}" is not arithmetic`);
  return value;
}
