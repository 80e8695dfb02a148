/**
 * Passwords: argon2id (the default of @node-rs/argon2, ~25 ms a hash here). A login for an
 * unknown address still verifies against a dummy hash, so the answer takes as long as
 * for a wrong password and the timing tells nothing about which addresses exist.
 */
import { hash, verify } from '@node-rs/argon2';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

let dummy: Promise<string> | undefined;

export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    dummy ??= hash('not-a-real-password-only-for-timing');
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
