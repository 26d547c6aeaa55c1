/** An error the person using the app caused and can fix (no such file, not a capture): shown as is, no stack. */
export class UserError extends Error {
  override readonly name = 'UserError';
}
