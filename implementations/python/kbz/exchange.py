"""The peer-to-peer ID-token exchange (spec 12.7, RGATE-07 to RGATE-09), as a pure machine fed
events and answering outputs (the `idtoken.exchange` op of 12.8).

Events: roster {members}, signin {jwt}, receive {from, msg}, link {peer, fp}, query {peer},
verified {peer, jwt, fp, identity}. Outputs: send {to, msg}, verify {peer, jwt, fp},
identity {peer, identity}.
"""

from .text import utf16_length

MAX_JWT = 8192          # [RGATE-08], counted in UTF-16 code units [CONV-17]


class Exchange:
    def __init__(self, self_id):
        self.self_id = self_id
        self.token = None           # this peer's own ID token, or None
        self.sent = set()           # members the current token was sent to [RGATE-07]
        self.roster = []            # the current roster's media ids, in roster order
        self.received = {}          # sender -> last valid token [RGATE-08]
        self.fps = {}               # peer -> live data-connection fingerprint (or None)
        self.verdicts = {}          # peer -> the last verdict given: (jwt, fp, identity) [RGATE-09]
        self.out = []

    def take(self):
        out, self.out = self.out, []
        return out

    # [RGATE-07] ---------------------------------------------------------------------------
    def _send_pending(self):
        if self.token is None:
            return
        for member in self.roster:
            if member != self.self_id and member not in self.sent:
                self.sent.add(member)
                self.out.append({"type": "send", "to": member,
                                 "msg": {"k": "idtoken", "jwt": self.token}})

    def on_roster(self, members):
        # For members it has not yet sent the current token to, in roster order. A member who
        # left and came back is not sent it again (12.7 Interoperability).
        self.roster = list(members)
        self._send_pending()

    def on_signin(self, jwt):
        # Every sign-in obtains the token anew: it goes to every member again, also when it is
        # the same token as before (upstream remembers to whom it sent its token only until it
        # signs in again; the harness's model agrees). An empty jwt means this peer holds no
        # token (AMBIGUITIES.md, ADM-signin).
        self.sent = set()
        self.token = jwt if jwt != "" else None
        self._send_pending()

    # [RGATE-08] ---------------------------------------------------------------------------
    def on_receive(self, sender, msg):
        if not isinstance(msg, dict) or msg.get("k") != "idtoken":
            return
        jwt = msg.get("jwt")
        if not isinstance(jwt, str) or jwt == "" or utf16_length(jwt) > MAX_JWT:
            return                  # any other jwt: the message is ignored
        # Replaces the previous token and discards the verdict, even for the same token again
        # (vector admissiongate.exchange.same-token-again).
        self.received[sender] = jwt
        self.verdicts.pop(sender, None)

    # [RGATE-09] ---------------------------------------------------------------------------
    def on_link(self, peer, fp):
        # The live fingerprint only: the verdict kept is not discarded, so a fingerprint that
        # changes and changes back finds it again (AMBIGUITIES.md, ADM-verdict-match).
        self.fps[peer] = fp

    def _readable_fp(self, peer):
        fp = self.fps.get(peer)
        # "no readable fingerprint yet (null or the empty string; a fingerprint of only spaces
        # is readable here and the verifier refuses it, BIND-05)".
        if not isinstance(fp, str) or fp == "":
            return None
        return fp

    def on_query(self, peer):
        identity = None
        jwt, fp = self.received.get(peer), self._readable_fp(peer)
        if jwt is not None and fp is not None:
            v = self.verdicts.get(peer)
            if v is not None and v[0] == jwt and v[1] == fp:
                # Reused exactly when both equal the current token and fingerprint (compared as
                # exact strings: a fingerprint this peer read itself, 6.4).
                identity = v[2]
            else:
                # Lazily, when the identity is needed: one request per need, with no memory of
                # requests in flight (AMBIGUITIES.md, ADM-verify-repeat).
                self.out.append({"type": "verify", "peer": peer, "jwt": jwt, "fp": fp})
        self.out.append({"type": "identity", "peer": peer, "identity": identity})

    def on_verified(self, peer, jwt, fp, identity):
        # "A peer keeps, per other peer, the last verdict it was given, together with the token
        # and fingerprint it was given for, whether or not it asked for it": it replaces the one
        # kept, whatever token and fingerprint it is for; on_query decides whether it applies
        # (AMBIGUITIES.md, ADM-verdict-match).
        self.verdicts[peer] = (jwt, fp, identity)
