let logged = false;

/** Hub Lens never throws into the page: errors are caught here and logged once. */
export function logOnce(error: unknown): void {
  if (logged) return;
  logged = true;
  console.warn('Hub Lens: a feature was turned off after an error', error);
}

export function safely<A extends unknown[]>(fn: (...args: A) => unknown) {
  return (...args: A): void => {
    try {
      const result = fn(...args);
      if (result instanceof Promise) result.catch(logOnce);
    } catch (error) {
      logOnce(error);
    }
  };
}

/** Run `fn`; on error log once and return undefined. */
export function attempt<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    logOnce(error);
    return undefined;
  }
}
