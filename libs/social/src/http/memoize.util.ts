/** One result per key, built on first use (as @nestjs/passport's own, which it does not export). */
export function memoize<T>(build: (key: string) => T): (key: string) => T {
  const built = new Map<string, T>();
  return (key: string) => {
    if (!built.has(key)) built.set(key, build(key));
    return built.get(key)!;
  };
}
