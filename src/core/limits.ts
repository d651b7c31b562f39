// Lengths the contract allows (CONTRACT §4), in a module without zod so the panel can read them too.
export const LIMITS = { email: 254, displayName: 100, bio: 1000, welcomeMessage: 2000, username: 64, search: 254 } as const;
