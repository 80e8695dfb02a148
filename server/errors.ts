/**
 * Typed errors thrown by services. One error handler (plugins/error-handler.ts) maps them
 * to HTTP statuses; anything else is a 500 whose detail stays in the log.
 */
export class AppError extends Error {
  readonly statusCode: number = 500;
  readonly code: string = 'internal_error';
  /** Safe to show to the client: field-level problems, never internals. */
  readonly details?: unknown;

  constructor(message: string, details?: unknown) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

export class ValidationError extends AppError {
  override readonly statusCode = 400;
  override readonly code = 'validation_error';
}

export class NotFoundError extends AppError {
  override readonly statusCode = 404;
  override readonly code = 'not_found';
}

export class ConflictError extends AppError {
  override readonly statusCode = 409;
  override readonly code = 'conflict';
}

export class ForbiddenError extends AppError {
  override readonly statusCode = 403;
  override readonly code = 'forbidden';
}

export class GoneError extends AppError {
  override readonly statusCode = 410;
  override readonly code = 'gone';
}

/** Nobody is logged in (no session, no valid token): the workspace asks to log in. */
export class UnauthorizedError extends AppError {
  override readonly statusCode = 401;
  override readonly code = 'unauthorized';
}

/** We cannot serve this now (the database restarts, the worker pool is full): try again later. */
export class ServiceUnavailableError extends AppError {
  override readonly statusCode = 503;
  override readonly code = 'unavailable';
  constructor(
    message: string,
    readonly retryAfterSeconds = 60,
  ) {
    super(message);
  }
}

/** Too many failed attempts (wrong links, codes, logins) from one source: slow down. */
export class TooManyRequestsError extends AppError {
  override readonly statusCode = 429;
  override readonly code = 'too_many_requests';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
