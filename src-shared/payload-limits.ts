/**
 * Structural limits on anything arriving over IPC, checked before schema validation so that
 * hostile or runaway payloads (huge strings, deep nesting, prototype-pollution keys) are turned
 * away cheaply and uniformly on every channel.
 */
import type { ValidationIssue } from './errors';

export const PAYLOAD_LIMITS = {
  /** Longest string anywhere in a payload (rules text of a long entry fits comfortably). */
  maxStringLength: 100_000,
  /** Longest object key (keys are echoed in validation messages, so they stay short). */
  maxKeyLength: 1_000,
  /** Longest array anywhere in a payload. */
  maxArrayLength: 10_000,
  /** Deepest nesting of arrays and objects. */
  maxDepth: 32,
  /** Most values (strings, numbers, objects …) in one payload. */
  maxNodes: 500_000,
} as const;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The first structural problem of `value`, or undefined if it is within the limits. Runs on the
 * main thread for every call (a 1,000-row batch is ~50,000 values), so it allocates nothing per
 * value: one shared path stack, copied only for the issue it reports.
 */
export function checkPayload(value: unknown, limits = PAYLOAD_LIMITS): ValidationIssue | undefined {
  let nodes = 0;
  const path: (string | number)[] = [];
  const issue = (message: string, key?: string | number): ValidationIssue => ({
    path: key === undefined ? [...path] : [...path, key],
    message,
  });
  const visit = (node: unknown, depth: number): ValidationIssue | undefined => {
    nodes += 1;
    if (nodes > limits.maxNodes) return issue(`payload has more than ${limits.maxNodes} values`);
    if (typeof node === 'string') {
      return node.length > limits.maxStringLength ? issue(`string longer than ${limits.maxStringLength} characters`) : undefined;
    }
    if (typeof node !== 'object' || node === null) return undefined;
    if (depth >= limits.maxDepth) return issue(`nested deeper than ${limits.maxDepth} levels`);
    if (Array.isArray(node)) {
      if (node.length > limits.maxArrayLength) return issue(`array longer than ${limits.maxArrayLength} items`);
      // Structured clone keeps named properties of arrays (`__proto__` included): refuse them.
      // Own keys list the indices first, then `length`, then named keys: a dense array without
      // named keys has exactly length + 1 of them, `length` last.
      const keys = Reflect.ownKeys(node);
      if (keys.length !== node.length + 1 || keys[node.length] !== 'length') {
        for (const key of keys) {
          if (key !== 'length' && !(typeof key === 'string' && isIndex(key, node.length))) {
            return issue('arrays may not carry named properties', String(key).slice(0, limits.maxKeyLength));
          }
        }
      }
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        const found = visit(node[i], depth + 1);
        path.pop();
        if (found) return found;
      }
      return undefined;
    }
    const prototype = Object.getPrototypeOf(node) as unknown;
    if (prototype !== Object.prototype && prototype !== null) {
      return issue('only plain objects, arrays and primitive values are accepted');
    }
    for (const key of Reflect.ownKeys(node)) {
      if (typeof key !== 'string') return issue('symbol keys are not accepted');
      if (key.length > limits.maxKeyLength) return issue(`key longer than ${limits.maxKeyLength} characters`);
      if (FORBIDDEN_KEYS.has(key)) return issue(`key '${key}' is not accepted`, key);
      path.push(key);
      const found = visit((node as Record<string, unknown>)[key], depth + 1);
      path.pop();
      if (found) return found;
    }
    return undefined;
  };
  return visit(value, 0);
}

function isIndex(key: string, length: number): boolean {
  const n = Number(key);
  return Number.isInteger(n) && n >= 0 && n < length && String(n) === key;
}
