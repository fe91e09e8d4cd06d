import { MissingPeerPackageError } from '../social.exceptions.js';

/**
 * Loads an optional peer package with `load` (a dynamic `import()` of it): the module, or
 * `MissingPeerPackageError` naming the package when it is not installed. Other load failures
 * (the package is there but broken) are rethrown as they are.
 */
export async function importPeer<T>(
  packageName: string,
  purpose: string,
  load: () => Promise<T>,
): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isNotFound(error, packageName)) throw new MissingPeerPackageError(packageName, purpose);
    throw error;
  }
}

function isNotFound(error: unknown, packageName: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
      typeof message === 'string' &&
      message.includes(packageName)) ||
    (typeof message === 'string' && message.includes(`Cannot find package '${packageName}'`))
  );
}
