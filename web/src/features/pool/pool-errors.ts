// Pool and lead refusals name their numbers (`params`): the sentence is written here with them, dates formatted.
import { isApiError } from '../../lib/api-client';
import { translateDynamic } from '../../lib/i18n';
import type { Formatter } from '../../lib/format';

const namespaces = ['pool.errors', 'leads.errors'];

/** The translated sentence for a pool or lead refusal; null when the error is not one of ours. */
export const poolErrorMessage = (error: unknown, format: Formatter): string | null => {
  if (!isApiError(error)) return null;
  const params: Record<string, unknown> = { ...(error.problem.params ?? {}) };
  if (typeof params.claimableAt === 'string') params.claimableAt = format.dateTime(params.claimableAt);
  for (const namespace of namespaces) {
    const text = translateDynamic(`${namespace}.${error.code}`, '', params);
    if (text && !text.includes('{{')) return text;
  }
  return null;
};
