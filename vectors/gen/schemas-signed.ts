// Signed-payload vectors (spec/07-messages.md, 7.5). The payload is strict at SHOULD level, so the
// vectors for its unknown members cover only [MSG-32] and grade non-strict.
import type { JsonObject } from '../../reference/encoding/json.ts';
import type { Group } from './lib.ts';
import { def, invalid, valid, without, withMember } from './schemas-lib.ts';

const TOKEN = def('signed', 'CompactToken');
const CMD_TOKEN = def('signed', 'HostCommandToken');
const PAYLOAD = def('signed', 'HostCommandPayload');

const FP = 'ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89';
const KICK: JsonObject = {
  k: 'kbz-host-cmd.v1', room: 'standup', fp: FP, op: 'kick', target: '3f2b8c1e-9d4a-4e7b-8a61-0c5d2e9f7b13', iat: 1767225600, jti: '0123456789abcdef01234567',
};
const CLAIM: JsonObject = { k: 'kbz-host-cmd.v1', room: 'standup', fp: FP, op: 'claim', iat: 1767225600, jti: 'fedcba9876543210fedcba98' };
const BODY = 'eyJrIjoia2J6LWhvc3QtY21kLnYxIiwicm9vbSI6InN0YW5kdXAifQ';
const SIG = 'MEYCIQDx3kVz7bEh1pXw0q2Ys8uR5nT4aJ6cK9mL0oP1iU2yTgIhAN5rQ8sV3wX7zB1dF4gH6jK9lM2nP5qR8tU0vW3yZ6aB';

export const signedGroups: Group[] = [
  {
    name: 'signed-compact-token',
    description: 'The compact token envelope on the wire [MSG-31]',
    cases: [
      valid('unpadded', 'body "." signature, both unpadded base64url', TOKEN, `${BODY}.${SIG.slice(0, 86)}`, { covers: ['MSG-31'] }),
      valid('padded', 'Padding on either part is accepted (CONV-05)', TOKEN, `${BODY}==.${SIG.slice(0, 86)}==`, { covers: ['MSG-31', 'CONV-05'] }),
      invalid('no-dot', 'No separator', TOKEN, BODY, 'msg.bad-value', '', { covers: ['MSG-31'], flags: ['bad-value'] }),
      invalid('two-dots', 'A second dot lands in the signature part (TOK-07)', TOKEN, `${BODY}.${SIG.slice(0, 40)}.${SIG.slice(40, 86)}`, 'msg.bad-value', '', { covers: ['MSG-31', 'TOK-07'], flags: ['bad-value'] }),
      invalid('standard-alphabet', '"+" and "/" are not base64url', TOKEN, `${BODY}.ab+cd/ef`, 'msg.bad-value', '', { covers: ['MSG-31'], flags: ['bad-value'] }),
      invalid('empty-signature', 'Both parts are non-empty', TOKEN, `${BODY}.`, 'msg.bad-value', '', { covers: ['MSG-31'], flags: ['bad-value'] }),
      invalid('not-string', 'A token is a string', TOKEN, { body: BODY }, 'msg.wrong-type', '', { covers: ['MSG-31'], flags: ['type-confusion'] }),
      valid('command-token-at-limit', 'A host command token of exactly 8192 characters', CMD_TOKEN, `${'A'.repeat(8192 - 87)}.${'B'.repeat(86)}`, { covers: ['HCMD-12'], flags: ['over-limit'] }),
      invalid('command-token-over-limit', '8193 characters', CMD_TOKEN, `${'A'.repeat(8193 - 87)}.${'B'.repeat(86)}`, 'msg.too-long', '', { covers: ['HCMD-12'], flags: ['over-limit'] }),
    ],
  },
  {
    name: 'signed-host-command',
    description: 'The host command payload [MSG-32], chapter 4',
    cases: [
      valid('kick', 'kick with target and jti, members in signing order', PAYLOAD, KICK, { covers: ['HCMD-03'], flags: ['upstream-shape'] }),
      valid('claim', 'claim without target', PAYLOAD, CLAIM, { covers: ['HCMD-05'] }),
      valid('no-jti', 'A command from a client older than jti', PAYLOAD, without(CLAIM, 'jti'), { covers: ['HCMD-14'] }),
      valid('fractional-iat', 'Any JSON number is a time (CONV-03)', PAYLOAD, withMember(CLAIM, 'iat', 1767225600.5), { covers: ['CONV-03'] }),
      valid('empty-room', 'The empty room id is a room id (chapter 5 warns against it)', PAYLOAD, withMember(CLAIM, 'room', '')),
      invalid('wrong-kind', 'k of another payload kind', PAYLOAD, withMember(KICK, 'k', 'kbz-agent-key.v1'), 'msg.bad-value', '/k', { covers: ['HCMD-02'], flags: ['bad-value'] }),
      invalid('unknown-op', 'op outside the nine host ops', PAYLOAD, withMember(KICK, 'op', 'ban'), 'msg.bad-value', '/op', { covers: ['HCMD-04'], flags: ['bad-value'] }),
      invalid('missing-iat', 'iat is required', PAYLOAD, without(KICK, 'iat'), 'msg.missing-field', '/iat', { flags: ['missing-field'] }),
      invalid('iat-string', 'iat as a string', PAYLOAD, withMember(KICK, 'iat', '1767225600'), 'msg.wrong-type', '/iat', { flags: ['type-confusion'] }),
      invalid('room-not-normalized', 'A room id with capitals can never equal a normalized room', PAYLOAD, withMember(KICK, 'room', 'Standup'), 'msg.bad-value', '/room', { flags: ['bad-value'] }),
      invalid('extra-member', 'An unknown member in the signed body', PAYLOAD, withMember(KICK, 'aud', 'someone'), 'msg.unknown-field', '/aud', { covers: ['MSG-32'], only: true, flags: ['strict-object'] }),
      invalid('jti-upper-case', 'jti is lower-case hex', PAYLOAD, withMember(KICK, 'jti', '0123456789ABCDEF01234567'), 'msg.bad-value', '/jti', { covers: ['MSG-32', 'HCMD-06'], only: true, flags: ['bad-value'] }),
      invalid('jti-number', 'A non-string jti disables the replay guard upstream', PAYLOAD, withMember(KICK, 'jti', 12345), 'msg.wrong-type', '/jti', { covers: ['MSG-32'], only: true, flags: ['type-confusion'] }),
      invalid('target-empty', 'An empty target is omitted, never sent', PAYLOAD, withMember(KICK, 'target', ''), 'msg.bad-value', '/target', { covers: ['MSG-32', 'HCMD-05'], only: true, flags: ['bad-value'] }),
    ],
  },
];
