// The fields PostgreSQL gives a failed statement (code, constraint, column …), wherever the driver put them: drizzle
// wraps the driver's error as its `cause`; PGlite's thread and node-postgres give them on the error itself.

export type DatabaseErrorFields = { code?: string; constraint?: string; column?: string };

export function databaseError(error: unknown): DatabaseErrorFields | null {
  if (!error || typeof error !== 'object') return null;
  const cause = (error as { cause?: unknown }).cause;
  return (cause && typeof cause === 'object' ? cause : error) as DatabaseErrorFields;
}
