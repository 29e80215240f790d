"""What the application has told the presence plane (local ops of 8.8), kept across roles.

A room machine keeps one AppState and hands it to each role it takes, so that a new
coordinator can "apply its own last announcement, if any, as its own slot" [PRES-51] and a new
participant knocks with the current name, token and ID token [PRES-35].
"""


class AppState:
    def __init__(self, token=None):
        self.token = token          # the stable identity token (participant/room config)
        self.ann = None             # last `self` announcement: {on, cam, name, avatar, voiceId, meta?}
        self.join_at = None         # when the application last put us in the call [PRES-40]
        self.knock_name = None      # `knock {name, avatar}` [PRES-35]
        self.knock_avatar = None
        self.jwt = None             # `identity {jwt}` [PRES-35]
        self.assertion = None       # `agent {assertion}` [PRES-110]
        self.credit = None          # `credit {credential}` [PRES-110]

    def announce(self, now, ann):
        """Record a `self` op. Returns True when it puts us in the call (a join) [PRES-40]."""
        was_in = self.in_call()
        self.ann = dict(ann)
        if self.in_call() and not was_in:
            self.join_at = now
            return True
        if not self.in_call():
            self.join_at = None
        return False

    def in_call(self):
        return self.ann is not None and self.ann.get("on") is True

    def voice_id(self):
        """Our media id, once the application gave one (any `self` op) [PRES-35]."""
        v = self.ann.get("voiceId") if self.ann else None
        return v if isinstance(v, str) and v != "" else None
