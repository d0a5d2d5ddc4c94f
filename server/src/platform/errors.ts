// The one error type of the server. A code is a stable word the web app translates; its status comes from here.
export const errorStatus = {
  invalid_input: 400,
  not_signed_in: 401,
  invalid_credentials: 401,
  session_expired: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  stale_version: 409,
  conflict: 409,
  duplicate_organization: 409,
  duplicate_contact: 409,
  already_exists: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  account_locked: 429,
  business_rule: 422,
  account_departed: 403,
  reset_token_invalid: 422,
  password_wrong: 422,
  cycle_in_tree: 422,
  in_use: 422,
  builtin_protected: 422,
  rate_limited: 429,
  record_locked: 422,
  approval_not_actionable: 409,
  no_approval_flow: 422,
  no_approver: 422,
  // Public pool (CUS-5) and lead hand-over (CUS-8): the rule refusing is named, its numbers travel in `params`.
  not_in_pool: 409,
  pool_limit_reached: 422,
  claim_limit_reached: 422,
  claim_cooldown: 422,
  no_pool: 422,
  lead_not_pending: 409,
  duplicate_tie: 409,
  self_tie: 422,
  // Stage gates (PRJ-3): every unmet criterion of every stage passed travels in `unmet`.
  stage_gate_unmet: 422,
} as const;
export type ErrorCode = keyof typeof errorStatus;

export type FieldProblem = { path: string; code: string; message: string };

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly errors?: FieldProblem[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail ?? code);
    this.status = errorStatus[code];
  }
}

export const notFound = (detail = 'Record not found') => new AppError('not_found', detail);
export const forbidden = (detail = 'Not allowed') => new AppError('forbidden', detail);
export const staleVersion = () => new AppError('stale_version', 'The record was changed by someone else; reload it');
export const invalidField = (path: string, code: string, message = code) =>
  new AppError('invalid_input', 'Invalid input', [{ path, code, message }]);
