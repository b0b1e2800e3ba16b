/**
 * Plain statements for the status line: an operation the app refused or could not do ("The spell
 * list could not be read: …"). Any screen may `announce`; the status line shows the latest one
 * until it is dismissed or replaced.
 */
import { useEffect, useState } from 'preact/hooks';

type Listener = (message: string | null) => void;
const listeners = new Set<Listener>();
let latest: string | null = null;

export function announce(message: string): void {
  latest = message;
  for (const listener of listeners) listener(message);
}

export function dismissNotice(): void {
  latest = null;
  for (const listener of listeners) listener(null);
}

/** The latest announced statement, or null. */
export function useNotice(): string | null {
  const [message, setMessage] = useState(latest);
  useEffect(() => {
    listeners.add(setMessage);
    return () => void listeners.delete(setMessage);
  }, []);
  return message;
}
