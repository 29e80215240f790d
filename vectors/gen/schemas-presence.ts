// Presence-plane vectors (spec/07-messages.md, 7.4).
import type { JsonObject } from '../../reference/encoding/json.ts';
import type { Group } from './lib.ts';
import { def, invalid, valid, without, withMember } from './schemas-lib.ts';

const C2C = def('presence', 'ClientToCoordinator');
const K2C = def('presence', 'CoordinatorToClient');
const ANY = def('presence', 'PresenceMessage');
const MEMBER = def('presence', 'CallMember');
const ENGINE = def('presence', 'EngineMeta');

const MEDIA_ID = '3f2b8c1e-9d4a-4e7b-8a61-0c5d2e9f7b13';
const OTHER_ID = 'b7e4a0d2-51c6-4f38-9e2a-7d90c1f3a845';
const TAB_TOKEN = 'k3j2h4g5f6d7s8a9q0w1e2';
const ENGINE_META: JsonObject = { v: '0.9.0', b: '2026-06-12T10:31:07Z-4f1c2a9', p: 1, f: ['chat.v1', 'app.v1', 'ink.v1', 'pay.v1', 'caps.v1', 'identity.v1', 'schema.v1', 'xfer.v1', 'xfer.v2', 'widget.v1'] };

/** A participant's announce exactly as upstream's room.ts sends it: unset credentials arrive as null. */
const UPSTREAM_VOICE: JsonObject = {
  t: 'voice', on: true, cam: false, name: 'Ann', avatar: '🦊', voiceId: MEDIA_ID, token: TAB_TOKEN,
  meta: null, jwt: null, agentAssertion: null, agentCredit: null,
};
const UPSTREAM_KNOCK: JsonObject = {
  t: 'knock', name: 'Guest', avatar: '', token: TAB_TOKEN, voiceId: null, jwt: null, agentAssertion: null, agentCredit: null,
};
const MEMBER_ANN: JsonObject = { id: MEDIA_ID, name: 'Ann', cam: false, avatar: '🦊', meta: { '~kbz': ENGINE_META } };
const MEMBER_BOB: JsonObject = { id: OTHER_ID, name: 'Guest', cam: true, avatar: '', meta: null };
const UPSTREAM_ROSTER: JsonObject = { t: 'roster', members: [MEMBER_ANN, MEMBER_BOB], lobby: false, host: '', locked: false };
const up = ['upstream-shape'];

export const presenceGroups: Group[] = [
  {
    name: 'presence-voice',
    description: 'voice: announce or withdraw call membership [MSG-19], [MSG-21], [MSG-22]',
    cases: [
      valid('upstream-join', 'Join announce as upstream sends it; unset credentials and meta are null', C2C, UPSTREAM_VOICE, { covers: ['MSG-06'], flags: [...up, 'binarypack-null'] }),
      valid('minimal-leave-call', 'on:false with only the required members', C2C, { t: 'voice', on: false, cam: false, name: 'Ann' }),
      valid('on-without-voice-id', 'on:true without voiceId is well-formed; the coordinator treats it as a withdrawal [MSG-19]', C2C, without(UPSTREAM_VOICE, 'voiceId'), { covers: ['MSG-19'] }),
      valid('empty-name', 'An empty name is well-formed; it is shown as Guest [MSG-20]', C2C, withMember(UPSTREAM_VOICE, 'name', ''), { covers: ['MSG-20'] }),
      valid('with-engine-meta', 'meta carries the reserved ~kbz record and app keys', C2C, withMember(UPSTREAM_VOICE, 'meta', { '~kbz': ENGINE_META, role: 'agent', backend: 'example-llm' }), { covers: ['MSG-28'] }),
      valid('garbage-engine-meta', 'A malformed ~kbz is no reason to reject the frame [MSG-29]', C2C, withMember(UPSTREAM_VOICE, 'meta', { '~kbz': 'v9' }), { covers: ['MSG-29'] }),
      valid('unknown-member', 'An unknown member is ignored (open object)', C2C, withMember(UPSTREAM_VOICE, 'mic', true), { covers: ['MSG-03', 'MSG-04'], flags: ['forward-compat'] }),
      valid('credentials-present', 'Identity token, agent assertion and credit credential present', C2C, { ...UPSTREAM_VOICE, jwt: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln', agentAssertion: 'eyJrIjoia2J6LWFnZW50LWtleS52MSJ9.c2ln', agentCredit: 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln' }),
      valid('oversize-jwt-frame', 'An 8193-character jwt does not make the frame invalid: the gate refuses the credential [MSG-21]', C2C, withMember(UPSTREAM_VOICE, 'jwt', 'e'.repeat(8193)), { covers: ['MSG-21'], flags: ['over-limit'] }),
      valid('oversize-assertion-frame', 'A 2049-character agentAssertion is the gate\'s business too [MSG-21]', C2C, withMember(UPSTREAM_VOICE, 'agentAssertion', 'a'.repeat(2049)), { covers: ['MSG-21'], flags: ['over-limit'] }),
      valid('name-at-cap', 'A 256-character name is at the hardening cap', C2C, withMember(UPSTREAM_VOICE, 'name', 'n'.repeat(256)), { covers: ['MSG-22'], flags: ['hardening-cap'] }),
      valid('name-astral-at-cap', '256 astral characters (512 UTF-16 units) are 256 code points', C2C, withMember(UPSTREAM_VOICE, 'name', '😀'.repeat(256)), { covers: ['MSG-22'], flags: ['hardening-cap', 'code-points'] }),
      invalid('missing-on', 'on is required', C2C, without(UPSTREAM_VOICE, 'on'), 'msg.missing-field', '/on', { flags: ['missing-field'] }),
      invalid('missing-name', 'name is required', C2C, without(UPSTREAM_VOICE, 'name'), 'msg.missing-field', '/name', { flags: ['missing-field'] }),
      invalid('cam-string', 'cam as the string "false"', C2C, withMember(UPSTREAM_VOICE, 'cam', 'false'), 'msg.wrong-type', '/cam', { flags: ['type-confusion'] }),
      invalid('on-number', 'on as 1', C2C, withMember(UPSTREAM_VOICE, 'on', 1), 'msg.wrong-type', '/on', { flags: ['type-confusion'] }),
      invalid('meta-array', 'meta must be an object or null', C2C, withMember(UPSTREAM_VOICE, 'meta', ['seat', 3]), 'msg.wrong-type', '/meta', { flags: ['type-confusion'] }),
      invalid('jwt-number', 'jwt must be a string or null', C2C, withMember(UPSTREAM_VOICE, 'jwt', 42), 'msg.wrong-type', '/jwt', { flags: ['type-confusion'] }),
      invalid('name-over-cap', 'A 257-character name exceeds the hardening cap', C2C, withMember(UPSTREAM_VOICE, 'name', 'n'.repeat(257)), 'msg.too-long', '/name', { covers: ['MSG-22'], only: true, flags: ['hardening-cap'] }),
      invalid('avatar-over-cap', 'A 2049-character avatar exceeds the hardening cap', C2C, withMember(UPSTREAM_VOICE, 'avatar', 'x'.repeat(2049)), 'msg.too-long', '/avatar', { covers: ['MSG-22'], only: true, flags: ['hardening-cap'] }),
      invalid('voice-id-over-cap', 'A 257-character voiceId exceeds the hardening cap', C2C, withMember(UPSTREAM_VOICE, 'voiceId', 'v'.repeat(257)), 'msg.too-long', '/voiceId', { covers: ['MSG-22'], only: true, flags: ['hardening-cap'] }),
      invalid('token-over-cap', 'A 513-character token exceeds the hardening cap', C2C, withMember(UPSTREAM_VOICE, 'token', 't'.repeat(513)), 'msg.too-long', '/token', { covers: ['MSG-22'], only: true, flags: ['hardening-cap'] }),
    ],
  },
  {
    name: 'presence-knock',
    description: 'knock: ask to be let in [MSG-20], [MSG-22]',
    cases: [
      valid('upstream-first-knock', 'Connect-time knock before joining the call: voiceId and credentials are null', C2C, UPSTREAM_KNOCK, { covers: ['MSG-06'], flags: [...up, 'binarypack-null'] }),
      valid('with-voice-id', 'A knock after joining carries the media id (grandfathering after migration)', C2C, withMember(UPSTREAM_KNOCK, 'voiceId', MEDIA_ID)),
      valid('minimal', 'Only t and name', C2C, { t: 'knock', name: 'Guest' }),
      invalid('missing-name', 'name is required', C2C, without(UPSTREAM_KNOCK, 'name'), 'msg.missing-field', '/name', { flags: ['missing-field'] }),
      invalid('name-number', 'name must be a string', C2C, withMember(UPSTREAM_KNOCK, 'name', 7), 'msg.wrong-type', '/name', { flags: ['type-confusion'] }),
      invalid('token-object', 'token must be a string or null', C2C, withMember(UPSTREAM_KNOCK, 'token', { id: TAB_TOKEN }), 'msg.wrong-type', '/token', { flags: ['type-confusion'] }),
      invalid('name-over-cap', 'A 257-character knock name exceeds the hardening cap', C2C, withMember(UPSTREAM_KNOCK, 'name', 'k'.repeat(257)), 'msg.too-long', '/name', { covers: ['MSG-22'], only: true, flags: ['hardening-cap'] }),
    ],
  },
  {
    name: 'presence-beacons',
    description: 'ping and leave carry nothing but their tag',
    cases: [
      valid('ping', 'Participant liveness beacon', C2C, { t: 'ping' }, { flags: up }),
      valid('leave', 'Participant leaving', C2C, { t: 'leave' }, { flags: up }),
      valid('ping-from-coordinator', 'The coordinator\'s ping has the same shape', K2C, { t: 'ping' }, { flags: up }),
      valid('ping-extra-member', 'Unknown members are ignored', C2C, { t: 'ping', seq: 4 }, { covers: ['MSG-03'], flags: ['forward-compat'] }),
      invalid('leave-to-participant', 'leave is not a coordinator-to-participant kind', K2C, { t: 'leave' }, 'msg.unknown-type', '/t', { covers: ['MSG-02'], flags: ['bad-discriminator'] }),
    ],
  },
  {
    name: 'presence-mod',
    description: 'mod: a relayed signed host command, at most 8192 characters [MSG-24]',
    cases: [
      valid('token', 'A host command token', C2C, { t: 'mod', token: 'eyJrIjoia2J6LWhvc3QtY21kLnYxIn0.' + 'A'.repeat(86) }),
      valid('token-at-limit', 'Exactly 8192 characters', C2C, { t: 'mod', token: 'm'.repeat(8192) }, { covers: ['MSG-24', 'HCMD-12'], flags: ['over-limit'] }),
      valid('empty-token', 'An empty token is a well-formed frame; chapter 4 rejects the command (hostcmd.missing)', C2C, { t: 'mod', token: '' }),
      invalid('token-over-limit', '8193 characters: dropped unverified', C2C, { t: 'mod', token: 'm'.repeat(8193) }, 'msg.too-long', '/token', { covers: ['MSG-24', 'HCMD-12'], flags: ['over-limit'] }),
      invalid('missing-token', 'token is required', C2C, { t: 'mod' }, 'msg.missing-field', '/token', { flags: ['missing-field'] }),
      invalid('token-null', 'token is required, so null is a wrong type, not an absence', C2C, { t: 'mod', token: null }, 'msg.wrong-type', '/token', { flags: ['type-confusion'] }),
    ],
  },
  {
    name: 'presence-roster',
    description: 'roster and its CallMember records [MSG-25], [MSG-26]',
    cases: [
      valid('upstream', 'Roster as an upstream coordinator broadcasts it (flags always present, meta null for a member that sent none)', K2C, UPSTREAM_ROSTER, { covers: ['MSG-06'], flags: [...up, 'binarypack-null'] }),
      valid('empty', 'A fresh coordinator\'s empty roster', K2C, { t: 'roster', members: [], lobby: false, host: '', locked: false }, { flags: up }),
      valid('flags-absent', 'Flags absent: read as false / "" [MSG-25]', K2C, { t: 'roster', members: [MEMBER_BOB] }, { covers: ['MSG-25'] }),
      valid('flags-null', 'Flags null: read as false / "" [MSG-25]', K2C, { t: 'roster', members: [MEMBER_BOB], lobby: null, host: null, locked: null }, { covers: ['MSG-25', 'MSG-06'], flags: ['binarypack-null'] }),
      valid('long-member-name', 'Roster members carry no hardening caps: a 300-character name passes [MSG-26]', K2C, { t: 'roster', members: [withMember(MEMBER_BOB, 'name', 'n'.repeat(300))] }, { covers: ['MSG-26'] }),
      valid('member-minimal', 'A member with only id, name and cam', MEMBER, { id: MEDIA_ID, name: 'Ann', cam: true }),
      invalid('missing-members', 'members is required', K2C, { t: 'roster', lobby: true }, 'msg.missing-field', '/members', { flags: ['missing-field'] }),
      invalid('members-object', 'members must be an array', K2C, { t: 'roster', members: { [MEDIA_ID]: MEMBER_ANN } }, 'msg.wrong-type', '/members', { flags: ['type-confusion'] }),
      invalid('lobby-string', 'lobby must be a boolean or null', K2C, withMember(UPSTREAM_ROSTER, 'lobby', 'true'), 'msg.wrong-type', '/lobby', { flags: ['type-confusion'] }),
      invalid('member-missing-cam', 'The second member lacks cam', K2C, { t: 'roster', members: [MEMBER_ANN, without(MEMBER_BOB, 'cam')] }, 'msg.missing-field', '/members/1/cam', { flags: ['missing-field'] }),
      invalid('member-empty-id', 'A member id must not be empty', MEMBER, withMember(MEMBER_BOB, 'id', ''), 'msg.bad-value', '/id', { flags: ['bad-value'] }),
      invalid('member-meta-string', 'Member meta must be an object or null', MEMBER, withMember(MEMBER_BOB, 'meta', 'seat=3'), 'msg.wrong-type', '/meta', { flags: ['type-confusion'] }),
    ],
  },
  {
    name: 'presence-engine-meta',
    description: 'The reserved ~kbz record a sender publishes [MSG-28]',
    cases: [
      valid('upstream', 'Engine record with version, build, protocol 1 and feature tags', ENGINE, ENGINE_META, { covers: ['MSG-28'], flags: up }),
      valid('unknown-tag', 'An unknown feature tag is well-formed (and ignored) [MSG-30]', ENGINE, withMember(ENGINE_META, 'f', ['chat.v1', 'teleport.v9']), { covers: ['MSG-28', 'MSG-30'], flags: ['forward-compat'] }),
      invalid('protocol-zero', 'p is at least 1', ENGINE, withMember(ENGINE_META, 'p', 0), 'msg.bad-value', '/p', { covers: ['MSG-28'], flags: ['bad-value'] }),
      invalid('protocol-fraction', 'p is an integer', ENGINE, withMember(ENGINE_META, 'p', 1.5), 'msg.wrong-type', '/p', { covers: ['MSG-28'], flags: ['type-confusion'] }),
      invalid('protocol-string', 'p as the string "1"', ENGINE, withMember(ENGINE_META, 'p', '1'), 'msg.wrong-type', '/p', { covers: ['MSG-28'], flags: ['type-confusion'] }),
      invalid('features-not-strings', 'f holds only strings', ENGINE, withMember(ENGINE_META, 'f', ['chat.v1', 2]), 'msg.wrong-type', '/f/1', { covers: ['MSG-28'], flags: ['type-confusion'] }),
      invalid('missing-build', 'b is required', ENGINE, without(ENGINE_META, 'b'), 'msg.missing-field', '/b', { covers: ['MSG-28'], flags: ['missing-field'] }),
    ],
  },
  {
    name: 'presence-lobby',
    description: 'lobby: the five statuses [MSG-27]',
    cases: [
      ...['waiting', 'admitted', 'denied', 'locked', 'unverified'].map((status) =>
        valid(status, `lobby ${status}`, K2C, { t: 'lobby', status }, { covers: ['MSG-27'], flags: up }),
      ),
      invalid('unknown-status', 'A status this version does not define', K2C, { t: 'lobby', status: 'paused' }, 'msg.bad-value', '/status', { covers: ['MSG-27'], flags: ['forward-compat'] }),
      invalid('status-case', 'Statuses are case-sensitive', K2C, { t: 'lobby', status: 'Waiting' }, 'msg.bad-value', '/status', { covers: ['MSG-27'], flags: ['bad-value'] }),
      invalid('missing-status', 'status is required', K2C, { t: 'lobby' }, 'msg.missing-field', '/status', { flags: ['missing-field'] }),
    ],
  },
  {
    name: 'presence-kick-reset',
    description: 'kick and reset carry nothing but their tag',
    cases: [
      valid('kick', 'Removed by the host', K2C, { t: 'kick' }, { flags: up }),
      valid('reset', 'Room reset', K2C, { t: 'reset' }, { flags: up }),
      invalid('kick-to-coordinator', 'kick is not a participant-to-coordinator kind', C2C, { t: 'kick' }, 'msg.unknown-type', '/t', { covers: ['MSG-02'], flags: ['bad-discriminator'] }),
    ],
  },
  {
    name: 'presence-union',
    description: 'Discriminator handling and non-objects [MSG-02], [MSG-07]',
    cases: [
      invalid('unknown-t', 'A kind a later version might add', ANY, { t: 'typing', on: true }, 'msg.unknown-type', '/t', { covers: ['MSG-02', 'MSG-04'], flags: ['forward-compat', 'bad-discriminator'] }),
      invalid('missing-t', 'No discriminator', ANY, { on: true, cam: false, name: 'Ann' }, 'msg.missing-field', '/t', { flags: ['bad-discriminator'] }),
      invalid('t-number', 'Discriminator not a string', ANY, { t: 1 }, 'msg.wrong-type', '/t', { flags: ['bad-discriminator'] }),
      invalid('t-case', 'Discriminators are case-sensitive', ANY, { t: 'Voice', on: true, cam: false, name: 'Ann' }, 'msg.unknown-type', '/t', { flags: ['bad-discriminator'] }),
      invalid('t-null', 'A null discriminator is a wrong type', ANY, { t: null }, 'msg.wrong-type', '/t', { covers: ['MSG-06'], flags: ['bad-discriminator'] }),
      invalid('array', 'An array is not a frame', ANY, [{ t: 'ping' }], 'msg.wrong-type', '', { covers: ['MSG-07'], flags: ['not-object'] }),
      invalid('string', 'A JSON string is not a frame', ANY, '{"t":"ping"}', 'msg.wrong-type', '', { covers: ['MSG-07'], flags: ['not-object'] }),
      invalid('null', 'null is not a frame', ANY, null, 'msg.wrong-type', '', { covers: ['MSG-07'], flags: ['not-object'] }),
      invalid('voice-as-knock', 'A voice frame checked against the knock definition', def('presence', 'KnockMsg'), UPSTREAM_VOICE, 'msg.bad-value', '/t', { flags: ['bad-discriminator'] }),
    ],
  },
];
