// What a receiver keeps of a Grant [MSG-38]: chapter 13's sanitizer [GRANT-05], the one there is.
export { sanitizeGrant, type Grant as SanitizedGrant } from '../agents/grant.ts';
