"""Error types shared by every module.

The specification names every failing verification step with an `area.name` code (spec 1.9) and
requires the code of the FIRST failing step to be reported [ADP-06]. Modules raise ProtocolError
with that code; the adapter turns it into {"ok":false,"error":{...}}.
"""


class ProtocolError(Exception):
    """A protocol-level rejection carrying the spec's error code (e.g. `token.bad-signature`)."""

    def __init__(self, code, message=""):
        super().__init__(message or code)
        self.code = code
        self.message = message or code


class Unsupported(Exception):
    """The op exists but this input needs a feature the implementation does not have; the
    adapter answers `unsupported: true` rather than guess [ADP-07]."""


class InputInvalid(ProtocolError):
    """An adapter op received input of the wrong shape [ADP-08]."""

    def __init__(self, message):
        super().__init__("input.invalid", message)
