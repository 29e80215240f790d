// Property checks of the crypto profile (filled in below).
import type { Check } from './types.ts';

export const CRYPTO_PROPERTIES: Check[] = [];
