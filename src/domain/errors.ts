/** Errors a user can act on. Mapped to HTTP in one place and to Slack messages in another. */
export class DomainError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict' | 'validation' | 'forbidden' | 'unauthorized',
    message: string,
    readonly details?: Record<string, string>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
export class NotFoundError extends DomainError {
  constructor(message: string) {
    super('not_found', message);
  }
}
export class ConflictError extends DomainError {
  constructor(message: string) {
    super('conflict', message);
  }
}
export class ValidationError extends DomainError {
  /** `fields` maps a field (or block id) to what is wrong with it. */
  constructor(message: string, fields?: Record<string, string>) {
    super('validation', message, fields);
  }
}
export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super('forbidden', message);
  }
}
export class UnauthorizedError extends DomainError {
  constructor(message: string) {
    super('unauthorized', message);
  }
}

export const httpStatusOf: Record<DomainError['code'], number> = {
  not_found: 404,
  conflict: 409,
  validation: 400,
  forbidden: 403,
  unauthorized: 401,
};

/** Start-up cannot go on: every problem found in the environment, the config file or what it names. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`dutyloop cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
