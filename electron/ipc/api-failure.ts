import type { ApiError } from '../../shared/ipc/contract';

/** A refusal a handler means the user to read; the dispatcher turns it into `{ ok: false, error }`. */
export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}
