// Turning problem+json answers into words the reader understands and into form field errors.
import { i18n, translateDynamic } from './i18n';
import type { ApiError, FieldProblem } from './api-client';

/** The sentence for an error code: `errors.<code>` when we know it, else a generic one naming the code. */
export const errorCodeMessage = (code: string): string =>
  translateDynamic(`errors.${code}`, i18n.t('errors.generic', { code }));

const CODE_LIKE = /^[a-z][a-z0-9_]*$/;

/** zod issue codes (too_small …) and our refinement codes, which the server may carry in `code` or in `message`. */
export const validationMessage = (problem: Pick<FieldProblem, 'code' | 'message'>): string => {
  const byCode = translateDynamic(`validation.${problem.code}`, '');
  if (problem.code !== 'custom' && byCode) return byCode;
  if (CODE_LIKE.test(problem.message)) {
    const byMessage = translateDynamic(`validation.${problem.message}`, '');
    if (byMessage) return byMessage;
  }
  return byCode || i18n.t('validation.invalid');
};

export type FieldPath = (string | number)[];

/** `customFields.region` → ['customFields','region']; `tags.3` → ['tags'] (the select shows one error for the list). */
export const toFieldPath = (path: string): FieldPath => {
  const segments = path
    .split(/[./]/)
    .filter(Boolean)
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
  while (segments.length > 1 && typeof segments[segments.length - 1] === 'number') segments.pop();
  return segments;
};

export type FieldErrors = { name: FieldPath; errors: string[] }[];

export const toFormFieldErrors = (error: ApiError): FieldErrors => {
  const grouped = new Map<string, { name: FieldPath; errors: string[] }>();
  for (const problem of error.fieldErrors) {
    const name = toFieldPath(problem.path);
    if (name.length === 0) continue;
    const key = name.join('.');
    const entry = grouped.get(key) ?? { name, errors: [] };
    entry.errors.push(validationMessage(problem));
    grouped.set(key, entry);
  }
  return [...grouped.values()];
};
