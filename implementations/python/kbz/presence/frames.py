"""Presence-plane frames (spec 7.4) as the machines read and write them.

Reading. [PRES-03] "A frame is a JSON object whose `t` member is a string." A frame whose `t`
names a kind of chapter 7 but whose members do not have the types chapter 7 gives them is
malformed; a frame whose `t` names no kind is unknown (ignored, [MSG-02]). [MSG-06] An optional
member whose value is null is read exactly like an absent one, so the readers below return the
frame with null optional members removed. [MSG-07] Nothing here fails on any JSON value: only
dict/list/str/bool/number/None can arrive (the adapter parses JSON), and the checks only test
types, never recurse into `meta`.

Which kinds are type-checked depends on the side that receives the frame. [PRES-03] A
coordinator checks the kinds a participant sends (`ClientToCoordinator`, 7.4.1: voice, knock,
ping, leave, mod) and ignores every other kind, `roster`, `lobby`, `kick` and `reset` included,
whatever their members. [PRES-64] A participant checks the kinds a coordinator sends
(`CoordinatorToClient`, 7.4.2: roster, lobby, kick, reset, ping) and ignores every other kind.
(AMBIGUITIES.md P-kinds, resolved by the spec.)

Types are the "type" column of 7.4: `string (non-empty)` counts as a type (CallMember.id), while
the `max N` limits do not (PRES-03 speaks of types; the `mod` token limit has its own code,
hostcmd.oversize, in PRES-07). [PRES-03] "The `token` of `mod` is not checked here: [PRES-07]
judges it" (AMBIGUITIES.md P-mod-token-type). The hardening caps of MSG-22 and MSG-23 are
checked separately by `over_caps`.

Writing. [PRES-18] A roster frame is {t, members, lobby, host, locked}; a member is
{id, name, cam, avatar, meta?}.
"""

from ..jsonutil import stringify

# 7.4.1, 7.4.2
CLIENT_KINDS = frozenset(("voice", "knock", "ping", "leave", "mod"))          # [PRES-03]
COORDINATOR_KINDS = frozenset(("roster", "lobby", "kick", "reset", "ping"))   # [PRES-64]
LOBBY_STATUSES = ("waiting", "admitted", "denied", "locked", "unverified")   # [MSG-27]

OK, MALFORMED, UNKNOWN = "ok", "malformed", "unknown"

# [MSG-22] hardening caps of VoiceMsg/KnockMsg, in code points (7.8: "Lengths count Unicode code
# points"); [MSG-23] `meta` as JSON text.
CAPS = {"name": 256, "avatar": 2048, "voiceId": 256, "token": 512}
META_CAP = 16384


def _is_bool(v):
    return isinstance(v, bool)


def _is_str(v):
    return isinstance(v, str)


def _is_meta(v):
    # presence#/$defs/MemberMeta: an open object; `~kbz` is "any" and never a reason to reject
    # [MSG-29]. A JSON array is not an object.
    return isinstance(v, dict)


# kind -> (required {member: test}, optional {member: test}); optional members may be null.
_OPT_STR = ("avatar", "voiceId", "token", "jwt", "agentAssertion", "agentCredit")
_SHAPES = {
    "voice": ({"on": _is_bool, "cam": _is_bool, "name": _is_str},
              dict({m: _is_str for m in _OPT_STR}, meta=_is_meta)),
    "knock": ({"name": _is_str}, {m: _is_str for m in _OPT_STR}),
    # [PRES-03] the token of `mod` is left to PRES-07 (hostcmd.missing when it is not a
    # non-empty string); it reaches the coordinator as received.
    "mod": ({}, {}),
    "ping": ({}, {}),
    "leave": ({}, {}),
    "kick": ({}, {}),
    "reset": ({}, {}),
    # The enumerated set is part of the type ("string: waiting, admitted, ..."); a status
    # outside it is malformed, which is how MSG-27's "ignore" is reported
    # (AMBIGUITIES.md P-lobby-status).
    "lobby": ({"status": lambda v: v in LOBBY_STATUSES}, {}),
    "roster": ({"members": lambda v: isinstance(v, list) and all(_is_member(m) for m in v)},
               {"lobby": _is_bool, "host": _is_str, "locked": _is_bool}),
}


def _is_member(m):
    """presence#/$defs/CallMember: {id: non-empty string, name: string, cam: boolean,
    avatar?: string|null, meta?: MemberMeta|null}; open. No length caps [MSG-26]."""
    if not isinstance(m, dict):
        return False
    if not (isinstance(m.get("id"), str) and m["id"] != ""):
        return False
    if not isinstance(m.get("name"), str) or not isinstance(m.get("cam"), bool):
        return False
    if m.get("avatar") is not None and not isinstance(m["avatar"], str):
        return False
    if m.get("meta") is not None and not _is_meta(m["meta"]):
        return False
    return True


def read(msg, kinds):
    """Classify a frame received by the side whose checked kinds are `kinds` (CLIENT_KINDS for a
    coordinator, COORDINATOR_KINDS for a participant): (OK, kind, frame) with null optional
    members removed, (MALFORMED, kind or None, None) or (UNKNOWN, t, None)."""
    if not isinstance(msg, dict) or not isinstance(msg.get("t"), str):
        return MALFORMED, None, None                                      # [PRES-03], [PRES-64]
    kind = msg["t"]
    if kind not in kinds:
        return UNKNOWN, kind, None          # [PRES-03], [PRES-64] ignored, whatever its members
    required, optional = _SHAPES[kind]
    for name, test in required.items():
        # A required member that is absent or null is missing (null means absent, MSG-06).
        if msg.get(name) is None or not test(msg[name]):
            return MALFORMED, kind, None
    frame = {}
    for name, value in msg.items():
        if name in optional:
            if value is None:
                continue                                                  # [MSG-06]
            if not optional[name](value):
                return MALFORMED, kind, None
        frame[name] = value            # unknown members are kept and ignored [MSG-03]
    return OK, kind, frame


def over_caps(frame):
    """[MSG-22] (SHOULD) a voice or knock whose name, avatar, voiceId or token exceeds its cap;
    [MSG-23] (SHOULD) a voice whose meta, written as JSON text, exceeds 16384 characters.
    [PRES-03] "their lengths count code points, and the length of `meta` is that of the text
    [CONV-15] writes for it" (AMBIGUITIES.md P-caps)."""
    for name, cap in CAPS.items():
        v = frame.get(name)
        if isinstance(v, str) and len(v) > cap:           # Python len = code points
            return True
    meta = frame.get("meta")
    if meta is not None:
        # CONV-15's form, as JSON.stringify writes it (a lone surrogate is a 6-character
        # \udxxx escape); a value that cannot be written is dropped [MSG-07].
        try:
            text = stringify(meta)
        except (ValueError, RecursionError):
            return True
        if len(text) > META_CAP:
            return True
    return False


def nonempty(v):
    """A member read as "non-empty": a string other than ""."""
    return isinstance(v, str) and v != ""


def member(voice_id, name, cam, avatar, meta):
    """[PRES-15]/[PRES-18] {id, name: name or "Guest", cam, avatar: avatar or "", meta?}."""
    m = {"id": voice_id, "name": name or "Guest", "cam": cam, "avatar": avatar or ""}
    if meta is not None:
        m["meta"] = meta
    return m


def roster_frame(members, lobby, host, locked):
    """[PRES-18] all three flags present, members in slot-creation order."""
    return {"t": "roster", "members": [dict(m) for m in members], "lobby": lobby,
            "host": host, "locked": locked}


def lobby_frame(status):
    return {"t": "lobby", "status": status}


PING = {"t": "ping"}
KICK = {"t": "kick"}
RESET = {"t": "reset"}
LEAVE = {"t": "leave"}
