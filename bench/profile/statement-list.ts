/**
 * A statement as better-sqlite3's `verbose` reports it (values filled in, long ones cut with a
 * `/*+N bytes*\/` note), made readable: values become `?`, long column lists a count.
 */
export function normaliseStatement(sql: string): string {
  return sql
    .replace(/\/\*\+\d+ bytes\*\//g, '')
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/\b\d+(?:\.\d+)?\b/g, '?')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/SELECT ((?:(?!SELECT|FROM).)+?) FROM/g, (whole, list: string) => {
      const columns = list.split(',').length;
      return columns > 3 ? `SELECT <${columns} columns> FROM` : whole;
    })
    .replace(
      /^INSERT INTO ("?\w+"?) ?\(([^)]*)\) VALUES \(.*?\)(?= ON CONFLICT| RETURNING|$)/,
      (_whole, table: string, list: string) =>
        `INSERT INTO ${table} (<${list.split(',').length} columns>) VALUES (…)`,
    );
}
