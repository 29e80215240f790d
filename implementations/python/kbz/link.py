"""Room links (spec 12.1): reading, writing and sharing a link, and page rooms.

A room link is an absolute URL whose fragment is `<room name>?<parameters>`; older links carry
the parameters in the query. The URL, the form encoding and encodeURIComponent /
decodeURIComponent come from `whatwg_url` (the standard's algorithms written out; Python's
urllib follows RFC 3986 and would disagree).
"""

from . import b64u, room as roomids
from . import whatwg_url as W
from .errors import ProtocolError
from .jsonutil import parse_utf8_json, stringify
from .text import lower, trim

MODES = ("open", "names", "code", "email", "google", "invite")           # [LINK-05]
# [LINK-04] the names that make a reader use the fragment parameters.
GATE_NAMES = ("g", "gn", "gk", "gm", "ge", "gc", "gt", "gh", "ghk", "ghn", "gho", "gl", "gd",
              "d", "ag", "n")
# [LINK-02] the order a builder writes them in.
BUILD_ORDER = ("g", "gn", "gk", "gm", "ge", "gc", "gh", "ghk", "ghn", "gho", "gl", "gd", "gt",
               "d", "ag", "n")
GATED_ONLY = ("gn", "gk", "gm", "ge")                                    # [LINK-06]
LIST_PARAMS = ("gn", "gd")                                               # [LINK-07]
KEY_PARAMS = ("gk", "gh")                                                # [LINK-08]
STRING_PARAMS = ("gm", "ge", "gc", "gt", "ghk", "ghn", "gho", "d", "ag", "n")
CONTROL_SECRETS = ("mk", "sk", "st")                                     # [LINK-11]


class BadRoom(Exception):
    """encodeURIComponent refused the room (a lone surrogate): ECMAScript throws URIError."""


# ---- reading [LINK-03 .. LINK-09] -------------------------------------------------------------

def _fragment(u):
    # The URL's `hash` without its leading "#" ("" when the fragment is null or empty).
    return u.hash[1:]


def _decode_key(value):
    """[LINK-08] base64url (strict, CONV-05..07), then UTF-8, then JSON (CONV-16); any failure,
    or a JSON value that is not an object, makes the parameter absent (None). The UTF-8 step is
    strict and a byte-order mark fails it (AMBIGUITIES.md, ADM-key-utf8)."""
    try:
        raw = b64u.decode(value)
        obj = parse_utf8_json(raw, "link.bad-key")
    except ProtocolError:
        return None
    return obj if isinstance(obj, dict) else None


def _split_list(value):
    """[LINK-07] split at every ",", trim each entry (CONV-08), drop the empty ones."""
    return [e for e in (trim(x) for x in value.split(",")) if e != ""]


def parse(url):
    """[LINK-03] .. [LINK-09] Returns (room id, params) with the wire names as keys."""
    try:
        u = W.parse(url)
    except W.Failure:
        raise ProtocolError("link.bad-url", "not an absolute URL")
    frag = _fragment(u)
    room_part, has_q, frag_params = frag.partition("?")
    try:
        room_name = W.decode_uri_component(room_part)       # [LINK-03]
    except W.URIError:
        raise ProtocolError("link.bad-room", "the room is not valid percent-encoded UTF-8")
    room_id = roomids.normalize(room_name)                  # [ROOM-01]
    # [LINK-04] the fragment parameters when they name at least one gate parameter, else the
    # query (even when it names none).
    pairs = W.form_parse(frag_params) if has_q else []
    if not any(name in GATE_NAMES for name, _ in pairs):
        pairs = W.form_parse(u.search[1:])
    first = {}
    for name, value in pairs:                               # the first value of a name counts
        first.setdefault(name, value)
    # [LINK-06] an empty value is absent.
    raw = {k: v for k, v in first.items() if v != ""}
    mode = raw.get("g")
    mode = mode if mode in MODES else "open"                # [LINK-05] exact, case-sensitive
    params = {"g": mode}
    for name in GATE_NAMES[1:]:
        if name not in raw:
            continue
        if mode == "open" and name in GATED_ONLY:
            continue                                        # [LINK-06]
        value = raw[name]
        if name in LIST_PARAMS:
            params[name] = _split_list(value)               # [LINK-07]
        elif name in KEY_PARAMS:
            key = _decode_key(value)                        # [LINK-08]
            if key is not None:
                params[name] = key
        elif name == "gl":
            if value == "1":                                # true only for exactly "1"
                params["gl"] = True
        else:
            params[name] = value
    if "ge" in params:
        params.pop("gm", None)                              # [LINK-09] sealed wins
    return room_id, params


# ---- writing [LINK-01, LINK-02] -----------------------------------------------------------------

def build(base, room, params):
    """[LINK-01] base, "#", encodeURIComponent(room), then "?" and the parameters when there is
    at least one, all in the fragment. [LINK-02] in BUILD_ORDER, form-encoded; absent or empty
    parameters are not written (a list is empty when it has no entries), `g` not for open, `gl` as "1" only when true; list entries with
    "," are refused (link.bad-param); gk and gh as B64U(UTF-8(JSON)) in the given member order.
    `params` has been shape-checked (null values already removed)."""
    for name in LIST_PARAMS:
        for entry in params.get(name) or []:
            if "," in entry:
                raise ProtocolError("link.bad-param", "a %s entry contains ','" % name)
    pairs = []
    for name in BUILD_ORDER:
        v = params.get(name)
        if v is None:
            continue
        if name == "g":
            value = "" if v == "open" else v
        elif name in LIST_PARAMS:
            # A list is "empty" when it has no entries; a list of empty entries is written
            # (["" ] gives "gn="): AMBIGUITIES.md, ADM-empty-list.
            if not v:
                continue
            pairs.append((name, ",".join(v)))
            continue
        elif name in KEY_PARAMS:
            value = b64u.encode(W.utf8(stringify(v)))       # [CONV-15] members as given
        elif name == "gl":
            value = "1" if v is True else ""
        else:
            value = v
        if value != "":
            pairs.append((name, value))
    try:
        encoded_room = W.encode_uri_component(room)
    except W.URIError:
        raise BadRoom("the room holds a lone surrogate")
    url = base + "#" + encoded_room
    if pairs:
        url += "?" + W.form_serialize(pairs)
    return url


# ---- sharing [LINK-11, LINK-12] ------------------------------------------------------------------

def _clean(text, strip):
    """Parse a parameter text, drop the stripped names, and re-serialise what remains with the
    URLSearchParams serializer; a repeated name keeps one entry, at its first position, with its
    last value [LINK-11]."""
    kept = {}
    for name, value in W.form_parse(text):
        if name not in strip:
            kept[name] = value          # a dict keeps the first position and the last value
    return W.form_serialize(kept.items())


def share(url, strip_invite=True):
    """[LINK-11] remove mk, sk and st from the query and the fragment; [LINK-12] and gt. A link
    that does not parse is copied unchanged."""
    try:
        u = W.parse(url)
    except W.Failure:
        return url
    strip = CONTROL_SECRETS + (("gt",) if strip_invite else ())
    query = _clean(u.query or "", strip)
    room_part, _, frag_params = _fragment(u).partition("?")
    frag_params = _clean(frag_params, strip)
    u.set_search(query)                     # written only when non-empty
    # "Only a non-empty fragment is rewritten: an empty one (a bare `#`, whose `hash` is the
    # empty string) is kept as the URL Standard serialises it" (AMBIGUITIES.md ADM-share-room).
    if _fragment(u) != "":
        fragment = room_part + ("?" + frag_params if frag_params else "")
        # "#<room>?<params>", "#<room>" or nothing. The hash setter drops one leading "#" of
        # what it is given, so the "#" is written first: a room part that itself starts with
        # "#" stays as it stands (vector admissionlink.share.room-starts-with-hash).
        u.set_hash("#" + fragment if fragment else "")
    return u.href()


# ---- page rooms [LINK-13] --------------------------------------------------------------------------

def _base36(n):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out


def fnv1a32(s):
    """FNV-1a-32 over the UTF-16 code units of s."""
    h = 0x811C9DC5
    units = s.encode("utf-16-le", "surrogatepass")
    for i in range(0, len(units), 2):
        h ^= units[i] | (units[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def page_room(url):
    """[LINK-13] the room of a page URL."""
    try:
        u = W.parse(url)
    except W.Failure:
        raise ProtocolError("link.bad-url", "not an absolute URL")
    host = u.hostname
    if host.startswith("www."):
        host = host[4:]                                     # one leading "www."
    key = host + lower(u.pathname.rstrip("/"))              # every trailing "/" removed
    tag = _base36(fnv1a32(key))
    cut = roomids.normalize(host)[:38 - len(tag)]
    return roomids.normalize(cut + "-" + tag)
