// The one door to the HTTP API: cookies, CSRF double-submit, problem+json errors, 401 handling.
import type { Problem } from '@openpsm/contracts';

export const API_BASE = '/api/v1';
const CSRF_COOKIE = 'psm_csrf';

export type FieldProblem = NonNullable<Problem['errors']>[number];

/** An HTTP error answered by the server (or a network failure, status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? problem.code);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
  }

  get fieldErrors(): FieldProblem[] {
    return this.problem.errors ?? [];
  }

  get candidates(): unknown[] {
    return this.problem.candidates ?? [];
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler = () => undefined;

/** The app decides what "signed out" means (clear cache, go to /login); the client only reports it. */
export const setUnauthorizedHandler = (handler: UnauthorizedHandler) => {
  onUnauthorized = handler;
};

export const readCookie = (name: string): string | null => {
  const prefix = `${name}=`;
  for (const part of document.cookie.split(';')) {
    const trimmed = part.trim();
    if (trimmed.startsWith(prefix)) return decodeURIComponent(trimmed.slice(prefix.length));
  }
  return null;
};

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

export const toQueryString = (params?: QueryParams): string => {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
};

type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: QueryParams;
  signal?: AbortSignal;
  /** Login and password-reset screens answer 401 themselves instead of being redirected. */
  redirectOnUnauthorized?: boolean;
};

const networkProblem = (detail: string): Problem => ({ type: 'about:blank', title: 'Network error', status: 0, code: 'network_error', detail });

const readProblem = async (response: Response): Promise<Problem> => {
  const fallback: Problem = { type: 'about:blank', title: response.statusText, status: response.status, code: `http_${response.status}` };
  try {
    const body = (await response.json()) as Partial<Problem> | null;
    if (body && typeof body === 'object' && typeof body.code === 'string') {
      return { ...fallback, ...body, status: body.status ?? response.status } as Problem;
    }
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): keep the generic problem.
  }
  return fallback;
};

export const apiRequest = async <T>(path: string, options: RequestOptions = {}): Promise<T> => {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }

  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}${toQueryString(options.query)}`, {
      method,
      headers,
      credentials: 'include',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(networkProblem(error instanceof Error ? error.message : String(error)));
  }

  if (!response.ok) {
    const problem = await readProblem(response);
    if (response.status === 401 && options.redirectOnUnauthorized !== false) onUnauthorized();
    throw new ApiError(problem);
  }
  if (response.status === 204) return undefined as T;
  // 202 (accepted for approval, say) may carry a body the caller needs, or none.
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
};

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'POST', body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
  /** A body only where the resource takes one (the reason of a deletion that goes to approval). */
  delete: <T = void>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'DELETE', body }),
};
