/**
 * What start-up need not pay before the port is open (a module, a registry built from one): made on first use, or
 * by `loadDeferred` right after listen, whichever comes first. The pending list is per process, as modules are.
 */

const pending = new Set<() => unknown>();

/** `make` runs once, on the first call of the returned getter or at `loadDeferred`. */
export function deferred<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  const get = (): T => {
    if (!made) {
      made = { value: make() };
      pending.delete(get);
    }
    return made.value;
  };
  pending.add(get);
  return get;
}

/** Makes everything still deferred, each in a turn of its own, so a request that arrives meanwhile waits for one at most. */
export async function loadDeferred(): Promise<void> {
  for (const get of [...pending]) {
    await new Promise((resolve) => setImmediate(resolve));
    get();
  }
}
