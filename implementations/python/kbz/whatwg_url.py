"""The parts of the WHATWG URL Standard that chapter 12 relies on, written out in Python.

Chapter 12 reads and writes room links "per the WHATWG URL Standard" (LINK-03, LINK-11,
LINK-13) and with its `application/x-www-form-urlencoded` parser and serializer (LINK-02,
LINK-04, LINK-11), and names ECMAScript's `encodeURIComponent` / `decodeURIComponent` (LINK-01,
LINK-03). None of these is in Python's standard library: `urllib.parse` follows RFC 3986 and
differs from the WHATWG parser in many places (it does not trim C0 controls and spaces, does not
remove tabs and newlines, does not lower-case or IDNA-encode hosts, does not resolve `..`
segments, does not percent-encode, accepts relative references, keeps default ports, and has no
notion of special schemes). So the standard's state machine is transcribed here, state by
state, with the names it uses.

The edition followed is the current living standard as Chromium 156 implements it. Node 20's
URL implementation (Ada), on which the reference and the harness's models run, differs in two
places found by differential testing: it leaves `^` unencoded in paths, and it does not remove
`.` and `..` segments that follow a segment beginning with a dot and another character
(`http://aa/a/.0/.` keeps `/a/.0/.`; the standard and Chromium give `/a/.0/`). Both are recorded
in AMBIGUITIES.md (ADM-whatwg).

What is NOT complete:
- Host names that are not ASCII go through UTS #46 in the standard. Python's standard library
  has no UTS #46 mapping table (its `idna` codec is IDNA 2003). The mapping is approximated with
  NFKC and full case folding, keeping UTS #46's four deviation characters, dropping its
  "ignored" code points and refusing unassigned, private-use, surrogate and control code points;
  CheckBidi is not applied, and CheckJoiners only by its virama rule. Honest links (ASCII hosts, common IDNs such as
  `bücher.example`) are unaffected.
- Only UTF-8 is supported as the query encoding (the only one URL objects and links use).
- Validation errors are not reported; only failures matter here.

Strings are Python `str` holding code points; a lone surrogate (possible in JSON input) is
UTF-8 encoded as U+FFFD, as the standard's USVString conversion does.
"""

from . import text as _text

# ---- code point classes and percent-encode sets -----------------------------------------------

_ASCII_DIGITS = "0123456789"
_ASCII_HEX = "0123456789abcdefABCDEF"
_ASCII_ALPHA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ASCII_ALNUM = _ASCII_ALPHA + _ASCII_DIGITS

SPECIAL_SCHEMES = {"ftp": 21, "file": None, "http": 80, "https": 443, "ws": 80, "wss": 443}


def _c0_control(cp):
    return cp <= 0x1F


def _in_c0_control_set(cp):
    # C0 control percent-encode set: C0 controls and every code point above U+007E.
    return cp <= 0x1F or cp > 0x7E


_FRAGMENT_EXTRA = frozenset(map(ord, ' "<>`'))
_QUERY_EXTRA = frozenset(map(ord, ' "#<>'))
_SPECIAL_QUERY_EXTRA = _QUERY_EXTRA | {ord("'")}
# The path percent-encode set of the current URL Standard, which includes U+005E (^) as
# Chromium 156 does; Node 20's URL implementation (the reference's platform) leaves `^` as is
# (AMBIGUITIES.md, ADM-whatwg).
_PATH_EXTRA = _QUERY_EXTRA | frozenset(map(ord, "?^`{}"))
_USERINFO_EXTRA = _PATH_EXTRA | frozenset(map(ord, "/:;=@[\\]^|"))
_COMPONENT_EXTRA = _USERINFO_EXTRA | frozenset(map(ord, "$%&+,"))
_FORM_EXTRA = _COMPONENT_EXTRA | frozenset(map(ord, "!'()~"))


def _set(extra):
    return lambda cp: _in_c0_control_set(cp) or cp in extra


C0_CONTROL_SET = _in_c0_control_set
FRAGMENT_SET = _set(_FRAGMENT_EXTRA)
QUERY_SET = _set(_QUERY_EXTRA)
SPECIAL_QUERY_SET = _set(_SPECIAL_QUERY_EXTRA)
PATH_SET = _set(_PATH_EXTRA)
USERINFO_SET = _set(_USERINFO_EXTRA)
COMPONENT_SET = _set(_COMPONENT_EXTRA)
FORM_URLENCODED_SET = _set(_FORM_EXTRA)

_FORBIDDEN_HOST = frozenset(map(ord, "\x00\t\n\r #/:<>?@[\\]^|"))
_FORBIDDEN_DOMAIN = _FORBIDDEN_HOST | frozenset(range(0x00, 0x20)) | {0x25, 0x7F}


def utf8(s):
    """UTF-8 of a string; a lone surrogate becomes U+FFFD (USVString conversion, CONV-01)."""
    return _text.utf8(s)


def percent_encode(s, in_set, space_as_plus=False):
    """UTF-8 percent-encode every code point of `s` that is in the set (upper-case hex)."""
    out = []
    for ch in s:
        cp = ord(ch)
        if space_as_plus and cp == 0x20:
            out.append("+")
        elif in_set(cp) or 0xD800 <= cp <= 0xDFFF:
            out.append("".join("%%%02X" % b for b in utf8(ch)))
        else:
            out.append(ch)
    return "".join(out)


def percent_decode_bytes(data):
    """Percent-decode a byte string: %XX with two hex digits becomes that byte; any other `%`
    is kept as is."""
    out = bytearray()
    i, n = 0, len(data)
    while i < n:
        b = data[i]
        if b == 0x25 and i + 2 < n and _is_hex_byte(data[i + 1]) and _is_hex_byte(data[i + 2]):
            out.append(int(data[i + 1:i + 3], 16))
            i += 3
        else:
            out.append(b)
            i += 1
    return bytes(out)


def _is_hex_byte(b):
    return 0x30 <= b <= 0x39 or 0x41 <= b <= 0x46 or 0x61 <= b <= 0x66


def utf8_decode_without_bom(data):
    """WHATWG "UTF-8 decode without BOM": invalid sequences become U+FFFD, one per maximal
    subpart (CPython's 'replace' handler substitutes maximal subparts as the Encoding Standard
    does); a byte-order mark is kept."""
    return data.decode("utf-8", "replace")


def utf8_decode(data):
    """WHATWG "UTF-8 decode": as above, and one leading byte-order mark is removed first."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data.decode("utf-8", "replace")


# ---- application/x-www-form-urlencoded (URL Standard section 5) -------------------------------

def form_parse(s):
    """The application/x-www-form-urlencoded parser: a list of (name, value) pairs.

    The input is UTF-8 encoded, split at `&`, each sequence split at its first `=`, `+` replaced
    by a space, percent-decoded, and UTF-8 decoded without BOM (invalid sequences become U+FFFD,
    a `%` not followed by two hex digits stays). Empty sequences are skipped."""
    out = []
    for seq in utf8(s).split(b"&"):
        if not seq:
            continue
        if b"=" in seq:
            name, value = seq.split(b"=", 1)
        else:
            name, value = seq, b""
        name = name.replace(b"+", b" ")
        value = value.replace(b"+", b" ")
        out.append((utf8_decode_without_bom(percent_decode_bytes(name)),
                    utf8_decode_without_bom(percent_decode_bytes(value))))
    return out


def form_serialize(pairs):
    """The application/x-www-form-urlencoded serializer (URLSearchParams.toString): names and
    values UTF-8 percent-encoded with the application/x-www-form-urlencoded percent-encode set,
    a space as `+`: only ASCII alphanumerics and `*-._` stay as themselves."""
    return "&".join(percent_encode(n, FORM_URLENCODED_SET, True) + "="
                    + percent_encode(v, FORM_URLENCODED_SET, True) for n, v in pairs)


# ---- ECMAScript encodeURIComponent / decodeURIComponent ---------------------------------------

_URI_UNRESERVED = frozenset(_ASCII_ALNUM + "-_.!~*'()")


class URIError(Exception):
    """ECMAScript's URIError: a lone surrogate to encode, or a malformed escape to decode."""


def encode_uri_component(s):
    """ECMAScript encodeURIComponent: every code point except A-Z a-z 0-9 - _ . ! ~ * ' ( ) is
    written as the %XX (upper-case) of its UTF-8 bytes; a lone surrogate is a URIError."""
    out = []
    for ch in s:
        if ch in _URI_UNRESERVED:
            out.append(ch)
        elif 0xD800 <= ord(ch) <= 0xDFFF:
            raise URIError("lone surrogate")
        else:
            out.append("".join("%%%02X" % b for b in ch.encode("utf-8")))
    return "".join(out)


def decode_uri_component(s):
    """ECMAScript decodeURIComponent (ECMA-262 Decode with an empty reserved set): every %XX is
    decoded; the bytes of one escaped character must form exactly one well-formed UTF-8 sequence
    (no overlongs, no surrogates, nothing above U+10FFFF), otherwise URIError. Characters that
    are not escaped are copied as they are."""
    out = []
    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        if ch != "%":
            out.append(ch)
            i += 1
            continue
        b = _escaped_byte(s, i)
        i += 3
        if b < 0x80:
            out.append(chr(b))
            continue
        if 0xC2 <= b <= 0xDF:
            need = 1
        elif 0xE0 <= b <= 0xEF:
            need = 2
        elif 0xF0 <= b <= 0xF4:
            need = 3
        else:
            raise URIError("invalid UTF-8 lead byte")
        seq = bytearray([b])
        for _ in range(need):
            if i >= n or s[i] != "%":
                raise URIError("truncated UTF-8 sequence")
            seq.append(_escaped_byte(s, i))
            i += 3
        try:
            # Python's strict decoder refuses exactly what ECMA-262 refuses: overlong forms,
            # encoded surrogates and code points above U+10FFFF.
            out.append(bytes(seq).decode("utf-8", "strict"))
        except UnicodeDecodeError:
            raise URIError("invalid UTF-8 sequence")
    return "".join(out)


def _escaped_byte(s, i):
    if i + 2 >= len(s) or s[i + 1] not in _ASCII_HEX or s[i + 2] not in _ASCII_HEX:
        raise URIError("malformed escape")
    return int(s[i + 1:i + 3], 16)


# ---- hosts --------------------------------------------------------------------------------------

class Failure(Exception):
    """The URL parser returned failure."""


class IPv4:
    def __init__(self, value):
        self.value = value

    def serialize(self):
        n = self.value
        return ".".join(str((n >> s) & 0xFF) for s in (24, 16, 8, 0))


class IPv6:
    def __init__(self, pieces):
        self.pieces = pieces

    def serialize(self):
        pieces = self.pieces
        # Compress the first longest run of two or more zero pieces.
        best_start, best_len, i = None, 1, 0
        while i < 8:
            if pieces[i] == 0:
                j = i
                while j < 8 and pieces[j] == 0:
                    j += 1
                if j - i > best_len:
                    best_start, best_len = i, j - i
                i = j
            else:
                i += 1
        out, ignore0, i = "[", False, 0
        while i < 8:
            if ignore0 and pieces[i] == 0:
                i += 1
                continue
            ignore0 = False
            if best_start == i:
                out += "::" if i == 0 else ":"
                ignore0 = True
                i += 1
                continue
            out += "%x" % pieces[i]
            if i != 7:
                out += ":"
            i += 1
        return out + "]"


def serialize_host(host):
    if isinstance(host, (IPv4, IPv6)):
        return host.serialize()
    return host


def _parse_ipv6(s):
    address = [0] * 8
    piece_index, compress, pointer, n = 0, None, 0, len(s)

    def c(p):
        return s[p] if p < n else None

    if c(pointer) == ":":
        if c(pointer + 1) != ":":
            raise Failure("ipv6")
        pointer += 2
        piece_index += 1
        compress = piece_index
    while c(pointer) is not None:
        if piece_index == 8:
            raise Failure("ipv6")
        if c(pointer) == ":":
            if compress is not None:
                raise Failure("ipv6")
            pointer += 1
            piece_index += 1
            compress = piece_index
            continue
        value = length = 0
        while length < 4 and c(pointer) is not None and c(pointer) in _ASCII_HEX:
            value = value * 0x10 + int(c(pointer), 16)
            pointer += 1
            length += 1
        if c(pointer) == ".":
            if length == 0:
                raise Failure("ipv6")
            pointer -= length
            if piece_index > 6:
                raise Failure("ipv6")
            numbers_seen = 0
            while c(pointer) is not None:
                ipv4_piece = None
                if numbers_seen > 0:
                    if c(pointer) == "." and numbers_seen < 4:
                        pointer += 1
                    else:
                        raise Failure("ipv6")
                if c(pointer) is None or c(pointer) not in _ASCII_DIGITS:
                    raise Failure("ipv6")
                while c(pointer) is not None and c(pointer) in _ASCII_DIGITS:
                    number = int(c(pointer))
                    if ipv4_piece is None:
                        ipv4_piece = number
                    elif ipv4_piece == 0:
                        raise Failure("ipv6")
                    else:
                        ipv4_piece = ipv4_piece * 10 + number
                    if ipv4_piece > 255:
                        raise Failure("ipv6")
                    pointer += 1
                address[piece_index] = address[piece_index] * 0x100 + ipv4_piece
                numbers_seen += 1
                if numbers_seen in (2, 4):
                    piece_index += 1
            if numbers_seen != 4:
                raise Failure("ipv6")
            break
        elif c(pointer) == ":":
            pointer += 1
            if c(pointer) is None:
                raise Failure("ipv6")
        elif c(pointer) is not None:
            raise Failure("ipv6")
        address[piece_index] = value
        piece_index += 1
    if compress is not None:
        swaps = piece_index - compress
        piece_index = 7
        while piece_index != 0 and swaps > 0:
            address[piece_index], address[compress + swaps - 1] = \
                address[compress + swaps - 1], address[piece_index]
            piece_index -= 1
            swaps -= 1
    elif piece_index != 8:
        raise Failure("ipv6")
    return IPv6(address)


def _parse_ipv4_number(s):
    """Returns the number, or None for failure."""
    if s == "":
        return None
    radix = 10
    if len(s) >= 2 and s[:2] in ("0x", "0X"):
        s, radix = s[2:], 16
    elif len(s) >= 2 and s[0] == "0":
        s, radix = s[1:], 8
    if s == "":
        return 0
    digits = {10: _ASCII_DIGITS, 16: _ASCII_HEX, 8: "01234567"}[radix]
    if any(ch not in digits for ch in s):
        return None
    return int(s, radix)


def _ends_in_a_number(s):
    parts = s.split(".")
    if parts[-1] == "":
        if len(parts) == 1:
            return False
        parts.pop()
    last = parts[-1]
    if last != "" and all(ch in _ASCII_DIGITS for ch in last):
        return True
    return _parse_ipv4_number(last) is not None


def _parse_ipv4(s):
    parts = s.split(".")
    if parts[-1] == "" and len(parts) > 1:
        parts.pop()
    if len(parts) > 4:
        raise Failure("ipv4")
    numbers = []
    for part in parts:
        n = _parse_ipv4_number(part)
        if n is None:
            raise Failure("ipv4")
        numbers.append(n)
    if any(n > 255 for n in numbers[:-1]):
        raise Failure("ipv4")
    if numbers[-1] >= 256 ** (5 - len(numbers)):
        raise Failure("ipv4")
    ipv4 = numbers[-1]
    for i, n in enumerate(numbers[:-1]):
        ipv4 += n * 256 ** (3 - i)
    return IPv4(ipv4)


# UTS #46 approximations (see the module docstring).
_UTS46_IGNORED = frozenset([0x00AD, 0x034F, 0x180B, 0x180C, 0x180D, 0x180F, 0x200B, 0x2060,
                            0x2064, 0xFEFF] + list(range(0xFE00, 0xFE10))
                           + list(range(0x1BCA0, 0x1BCA4)) + list(range(0xE0100, 0xE01F0)))
_UTS46_DEVIATIONS = frozenset([0x00DF, 0x03C2, 0x200C, 0x200D])
_FULL_STOPS = {0x3002: ".", 0xFF0E: ".", 0xFF61: "."}


def _uts46_map(domain):
    import unicodedata
    out = []
    for ch in domain:
        cp = ord(ch)
        if cp < 0x80:
            out.append(ch.lower())
        elif cp in _UTS46_IGNORED:
            continue
        elif cp in _UTS46_DEVIATIONS:
            out.append(ch)          # non-transitional processing keeps them
        elif cp in _FULL_STOPS:
            out.append(".")
        else:
            cat = unicodedata.category(ch)
            if cat in ("Cn", "Cs", "Co", "Cc") or cp in (0xFFFC, 0xFFFD):
                raise Failure("disallowed code point in host")
            out.append(unicodedata.normalize(
                "NFKC", unicodedata.normalize("NFKC", ch).casefold()))
    return unicodedata.normalize("NFC", "".join(out))


def _check_joiners(label):
    """UTS #46 CheckJoiners (RFC 5892 appendix A.1, A.2): U+200C and U+200D only right after a
    virama (canonical combining class 9). The ZWNJ rule's alternative context, by Joining_Type,
    needs data Python does not ship: kibitz-py refuses those labels (stricter than UTS #46)."""
    import unicodedata
    for i, ch in enumerate(label):
        if ch in ("\u200c", "\u200d"):
            if i == 0 or unicodedata.combining(label[i - 1]) != 9:
                raise Failure("joiner outside its context")


def _domain_to_ascii(domain):
    import unicodedata
    if all(ord(ch) < 0x80 for ch in domain):
        mapped = domain.lower()
    else:
        mapped = _uts46_map(domain)
    labels = []
    for label in mapped.split("."):
        if label.startswith("xn--"):
            # IgnoreInvalidPunycode is false: the label must decode.
            try:
                decoded = label[4:].encode("ascii").decode("punycode")
            except (UnicodeError, ValueError):
                raise Failure("invalid punycode")
            if decoded == "" or all(ord(ch) < 0x80 for ch in decoded):
                raise Failure("punycode label decodes to ASCII")
            # The decoded label must be valid: it maps to itself (lower-case, NFC, nothing
            # disallowed) and does not begin with a combining mark.
            if _uts46_map(decoded) != decoded \
                    or unicodedata.category(decoded[0]).startswith("M"):
                raise Failure("invalid punycode label")
            labels.append(label)
        elif any(ord(ch) >= 0x80 for ch in label):
            if unicodedata.category(label[0]).startswith("M"):
                raise Failure("label begins with a combining mark")
            _check_joiners(label)
            labels.append("xn--" + label.encode("punycode").decode("ascii"))
        else:
            labels.append(label)
    result = ".".join(labels)
    if result == "":
        raise Failure("empty host")
    if any(ord(ch) in _FORBIDDEN_DOMAIN for ch in result):
        raise Failure("forbidden domain code point")
    return result


def _parse_opaque_host(s):
    if any(ord(ch) in _FORBIDDEN_HOST for ch in s):
        raise Failure("forbidden host code point")
    return percent_encode(s, C0_CONTROL_SET)


def parse_host(s, is_opaque):
    if s.startswith("["):
        if not s.endswith("]"):
            raise Failure("unclosed IPv6")
        return _parse_ipv6(s[1:-1])
    if is_opaque:
        return _parse_opaque_host(s)
    domain = utf8_decode_without_bom(percent_decode_bytes(utf8(s)))
    ascii_domain = _domain_to_ascii(domain)
    if _ends_in_a_number(ascii_domain):
        return _parse_ipv4(ascii_domain)
    return ascii_domain


# ---- the URL record and the basic URL parser -----------------------------------------------------

class URL:
    def __init__(self):
        self.scheme = ""
        self.username = ""
        self.password = ""
        self.host = None
        self.port = None
        self.path = []          # a list of segments, or a str for an opaque path
        self.query = None
        self.fragment = None

    @property
    def special(self):
        return self.scheme in SPECIAL_SCHEMES

    @property
    def opaque_path(self):
        return isinstance(self.path, str)

    def includes_credentials(self):
        return self.username != "" or self.password != ""

    # getters of the URL class
    @property
    def hostname(self):
        return "" if self.host is None else serialize_host(self.host)

    @property
    def pathname(self):
        if self.opaque_path:
            return self.path
        return "".join("/" + seg for seg in self.path)

    @property
    def search(self):
        return "" if not self.query else "?" + self.query

    @property
    def hash(self):
        return "" if not self.fragment else "#" + self.fragment

    def href(self, exclude_fragment=False):
        out = self.scheme + ":"
        if self.host is not None:
            out += "//"
            if self.includes_credentials():
                out += self.username
                if self.password != "":
                    out += ":" + self.password
                out += "@"
            out += serialize_host(self.host)
            if self.port is not None:
                out += ":" + str(self.port)
        if self.host is None and not self.opaque_path and len(self.path) > 1 \
                and self.path[0] == "":
            out += "/."
        out += self.pathname
        if self.query is not None:
            out += "?" + self.query
        if not exclude_fragment and self.fragment is not None:
            out += "#" + self.fragment
        return out

    # setters of the URL class
    def set_search(self, value):
        if value == "":
            self.query = None
            return
        if value.startswith("?"):
            value = value[1:]
        self.query = ""
        _basic_parse(value, url=self, state_override="query")

    def set_hash(self, value):
        if value == "":
            self.fragment = None
            return
        if value.startswith("#"):
            value = value[1:]
        self.fragment = ""
        _basic_parse(value, url=self, state_override="fragment")


def _windows_drive_letter(s, normalized=False):
    return (len(s) == 2 and s[0] in _ASCII_ALPHA
            and (s[1] == ":" or (not normalized and s[1] == "|")))


def _starts_with_windows_drive_letter(cps, pointer):
    rest = cps[pointer:]
    if len(rest) < 2 or rest[0] not in _ASCII_ALPHA or rest[1] not in (":", "|"):
        return False
    return len(rest) == 2 or rest[2] in ("/", "\\", "?", "#")


def _single_dot(s):
    return s == "." or s.lower() == "%2e"


def _double_dot(s):
    return s.lower() in ("..", ".%2e", "%2e.", "%2e%2e")


def _shorten_path(url):
    path = url.path
    if url.scheme == "file" and len(path) == 1 and _windows_drive_letter(path[0], True):
        return
    if path:
        path.pop()


def parse(s):
    """The URL parser without a base: a URL record, or Failure."""
    return _basic_parse(s)


def _basic_parse(s, url=None, state_override=None):
    if url is None:
        url = URL()
        # Leading and trailing C0 control or space removed.
        start, end = 0, len(s)
        while start < end and ord(s[start]) <= 0x20:
            start += 1
        while end > start and ord(s[end - 1]) <= 0x20:
            end -= 1
        s = s[start:end]
    s = s.replace("\t", "").replace("\n", "").replace("\r", "")
    cps = s                     # Python str indexes code points
    n = len(cps)
    state = state_override or "scheme start"
    buf = ""
    at_sign_seen = inside_brackets = password_token_seen = False
    pointer = 0
    while True:
        c = cps[pointer] if pointer < n else None      # None is EOF

        if state == "scheme start":
            if c is not None and c in _ASCII_ALPHA:
                buf += c.lower()
                state = "scheme"
            elif state_override is None:
                state = "no scheme"
                pointer -= 1
            else:
                raise Failure("scheme start")

        elif state == "scheme":
            if c is not None and (c in _ASCII_ALNUM or c in "+-."):
                buf += c.lower()
            elif c == ":":
                url.scheme = buf
                buf = ""
                if url.scheme == "file":
                    state = "file"
                elif url.special:
                    state = "special authority slashes"
                elif cps[pointer + 1:pointer + 2] == "/":
                    state = "path or authority"
                    pointer += 1
                else:
                    url.path = ""
                    state = "opaque path"
            elif state_override is None:
                buf = ""
                state = "no scheme"
                pointer = -1
            else:
                raise Failure("scheme")

        elif state == "no scheme":
            # There is never a base URL here.
            raise Failure("no scheme")

        elif state == "special authority slashes":
            if c == "/" and cps[pointer + 1:pointer + 2] == "/":
                state = "special authority ignore slashes"
                pointer += 1
            else:
                state = "special authority ignore slashes"
                pointer -= 1

        elif state == "path or authority":
            if c == "/":
                state = "authority"
            else:
                state = "path"
                pointer -= 1

        elif state == "special authority ignore slashes":
            if c not in ("/", "\\"):
                state = "authority"
                pointer -= 1

        elif state == "authority":
            if c == "@":
                if at_sign_seen:
                    buf = "%40" + buf
                at_sign_seen = True
                for ch in buf:
                    if ch == ":" and not password_token_seen:
                        password_token_seen = True
                        continue
                    enc = percent_encode(ch, USERINFO_SET)
                    if password_token_seen:
                        url.password += enc
                    else:
                        url.username += enc
                buf = ""
            elif c is None or c in "/?#" or (url.special and c == "\\"):
                if at_sign_seen and buf == "":
                    raise Failure("host missing")
                pointer -= len(buf) + 1
                buf = ""
                state = "host"
            else:
                buf += c

        elif state in ("host", "hostname"):
            if state_override is not None and url.scheme == "file":
                pointer -= 1
                state = "file host"
            elif c == ":" and not inside_brackets:
                if buf == "":
                    raise Failure("host missing")
                url.host = parse_host(buf, not url.special)
                buf = ""
                state = "port"
            elif c is None or c in "/?#" or (url.special and c == "\\"):
                pointer -= 1
                if url.special and buf == "":
                    raise Failure("host missing")
                url.host = parse_host(buf, not url.special)
                buf = ""
                state = "path start"
            else:
                if c == "[":
                    inside_brackets = True
                elif c == "]":
                    inside_brackets = False
                buf += c

        elif state == "port":
            if c is not None and c in _ASCII_DIGITS:
                buf += c
            elif c is None or c in "/?#" or (url.special and c == "\\") \
                    or state_override is not None:
                if buf != "":
                    port = int(buf)
                    if port > 65535:
                        raise Failure("port out of range")
                    url.port = None if SPECIAL_SCHEMES.get(url.scheme, -1) == port else port
                    buf = ""
                state = "path start"
                pointer -= 1
            else:
                raise Failure("invalid port")

        elif state == "file":
            url.scheme = "file"
            url.host = ""
            if c in ("/", "\\"):
                state = "file slash"
            else:
                state = "path"
                pointer -= 1

        elif state == "file slash":
            if c in ("/", "\\"):
                state = "file host"
            else:
                state = "path"
                pointer -= 1

        elif state == "file host":
            if c is None or c in "/\\?#":
                pointer -= 1
                if state_override is None and _windows_drive_letter(buf):
                    # The drive letter quirk: buf is kept and used by the path state.
                    state = "path"
                elif buf == "":
                    url.host = ""
                    state = "path start"
                else:
                    host = parse_host(buf, False)
                    if host == "localhost":
                        host = ""
                    url.host = host
                    buf = ""
                    state = "path start"
            else:
                buf += c

        elif state == "path start":
            if url.special:
                state = "path"
                if c not in ("/", "\\"):
                    pointer -= 1
            elif state_override is None and c == "?":
                url.query = ""
                state = "query"
            elif state_override is None and c == "#":
                url.fragment = ""
                state = "fragment"
            elif c is not None:
                state = "path"
                if c != "/":
                    pointer -= 1

        elif state == "path":
            if c is None or c == "/" or (url.special and c == "\\") \
                    or (state_override is None and c in ("?", "#")):
                slash = c == "/" or (url.special and c == "\\")
                if _double_dot(buf):
                    _shorten_path(url)
                    if not slash:
                        url.path.append("")
                elif _single_dot(buf) and not slash:
                    url.path.append("")
                elif not _single_dot(buf):
                    if url.scheme == "file" and not url.path and _windows_drive_letter(buf):
                        buf = buf[0] + ":"
                    url.path.append(buf)
                buf = ""
                if c == "?":
                    url.query = ""
                    state = "query"
                elif c == "#":
                    url.fragment = ""
                    state = "fragment"
            else:
                buf += percent_encode(c, PATH_SET)

        elif state == "opaque path":
            if c == "?":
                url.query = ""
                state = "query"
            elif c == "#":
                url.fragment = ""
                state = "fragment"
            elif c is not None:
                url.path += percent_encode(c, C0_CONTROL_SET)

        elif state == "query":
            if (state_override is None and c == "#") or c is None:
                url.query += percent_encode(buf, SPECIAL_QUERY_SET if url.special else QUERY_SET)
                buf = ""
                if c == "#":
                    url.fragment = ""
                    state = "fragment"
            else:
                buf += c

        elif state == "fragment":
            if c is not None:
                url.fragment += percent_encode(c, FRAGMENT_SET)

        # "If after a run pointer points to the EOF code point, go to the next step. Otherwise,
        # increase pointer by 1 and continue with the state machine."
        if pointer >= n:
            break
        pointer += 1
    return url
