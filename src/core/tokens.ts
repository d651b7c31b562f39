// Secret tokens for sessions, invitations and sign-in links: random, and stored only as hashes.
const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/** 160 random bits in lowercase base32: URL- and cookie-safe. */
export function generateToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

export async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

export const newId = (): string => crypto.randomUUID();
