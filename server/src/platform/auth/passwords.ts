// argon2id password hashing (PLAT-1).
import { hash, verify } from '@node-rs/argon2';

const options = { algorithm: 2 /* Algorithm.Argon2id: a const enum, unusable under isolatedModules */, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, options);

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  // An unknown user still costs one verification, so timing does not reveal which usernames exist.
  const target = passwordHash ?? (await dummyHash);
  try {
    return (await verify(target, password)) && passwordHash !== null;
  } catch {
    return false;
  }
}

const dummyHash = hash('timing-equaliser-password', options);
