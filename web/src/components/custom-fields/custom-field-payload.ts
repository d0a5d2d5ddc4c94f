// Form values → request payload for records with custom fields: one meaning for "cleared" and "never filled".

/** Trimmed text, '' as null, and the same inside objects (the `customFields` values), so a cleared field is sent as null. */
export const normalizeFormValue = (value: unknown): unknown => {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (Array.isArray(value)) return value.length === 0 ? [] : value;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, normalizeFormValue(inner)]));
  return value ?? null;
};

export const sameFormValue = (a: unknown, b: unknown) => JSON.stringify(normalizeFormValue(a)) === JSON.stringify(normalizeFormValue(b));

/** A new record's payload: empty values (also empty custom fields) are left out rather than sent. */
export const createFormPayload = (values: Record<string, unknown>): Record<string, unknown> => {
  const payload: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const clean = normalizeFormValue(value);
    if (clean === null) continue;
    if (key === 'customFields' && clean && typeof clean === 'object') {
      payload[key] = Object.fromEntries(Object.entries(clean).filter(([, inner]) => inner !== null && !(Array.isArray(inner) && inner.length === 0)));
      continue;
    }
    payload[key] = clean;
  }
  return payload;
};

/** An edit's payload: only what differs from the record's initial form values, normalised. */
export const changedFormPayload = (values: Record<string, unknown>, initial: Record<string, unknown>): Record<string, unknown> => {
  const payload: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || sameFormValue(value, initial[key])) continue;
    payload[key] = normalizeFormValue(value);
  }
  return payload;
};
