import bcrypt from "bcryptjs";

const COST = 12;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the account does not exist, so a wrong email costs as long as a wrong password.
export const TIMING_DECOY_HASH = "$2b$12$dCv.kkL8He9jQMM41BdN4.OfUAaz0.xgaAcPEw9LmlibLXOT6qERK";
