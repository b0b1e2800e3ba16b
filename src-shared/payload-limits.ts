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

/** The first structural problem of `value`, or undefined if it is within the limits. */
export function checkPayload(value: unknown, limits = PAYLOAD_LIMITS): ValidationIssue | undefined {
  let nodes = 0;
  const visit = (node: unknown, path: (string | number)[], depth: number): ValidationIssue | undefined => {
    nodes += 1;
    if (nodes > limits.maxNodes) return { path, message: `payload has more than ${limits.maxNodes} values` };
    if (typeof node === 'string') {
      return node.length > limits.maxStringLength
        ? { path, message: `string longer than ${limits.maxStringLength} characters` }
        : undefined;
    }
    if (typeof node !== 'object' || node === null) return undefined;
    if (depth >= limits.maxDepth) return { path, message: `nested deeper than ${limits.maxDepth} levels` };
    if (Array.isArray(node)) {
      if (node.length > limits.maxArrayLength) {
        return { path, message: `array longer than ${limits.maxArrayLength} items` };
      }
      // Structured clone keeps named properties of arrays (`__proto__` included): refuse them.
      for (const key of Reflect.ownKeys(node)) {
        if (key !== 'length' && !(typeof key === 'string' && isIndex(key, node.length))) {
          const name = String(key).slice(0, limits.maxKeyLength);
          return { path: [...path, name], message: 'arrays may not carry named properties' };
        }
      }
      for (let i = 0; i < node.length; i++) {
        const issue = visit(node[i], [...path, i], depth + 1);
        if (issue) return issue;
      }
      return undefined;
    }
    const prototype = Object.getPrototypeOf(node) as unknown;
    if (prototype !== Object.prototype && prototype !== null) {
      return { path, message: 'only plain objects, arrays and primitive values are accepted' };
    }
    for (const key of Reflect.ownKeys(node)) {
      if (typeof key !== 'string') return { path, message: 'symbol keys are not accepted' };
      if (key.length > limits.maxKeyLength) {
        return { path, message: `key longer than ${limits.maxKeyLength} characters` };
      }
      if (FORBIDDEN_KEYS.has(key)) return { path: [...path, key], message: `key '${key}' is not accepted` };
      const issue = visit((node as Record<string, unknown>)[key], [...path, key], depth + 1);
      if (issue) return issue;
    }
    return undefined;
  };
  return visit(value, [], 0);
}

function isIndex(key: string, length: number): boolean {
  const n = Number(key);
  return Number.isInteger(n) && n >= 0 && n < length && String(n) === key;
}
