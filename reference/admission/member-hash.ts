// The hashed roster entry [MAN-05]: B64U(SHA-256(UTF-8(canonical(identity) "|" room))). The room
// is the manifest's `room` (the room id). Upstream's golden value: alice@acme.com in standup is
// TutGnM0TOGVPG7s_K53tYqMBp0ZsSLPALCjoxSR5TCk.
import { sha256 } from '@noble/hashes/sha2.js';
import { encodeBase64url } from '../encoding/base64url.ts';
import { utf8 } from '../encoding/text.ts';
import { canonicalIdentity } from './identity.ts';

export const memberHash = (identity: string, room: string): string => encodeBase64url(sha256(utf8(`${canonicalIdentity(identity)}|${room}`)));
