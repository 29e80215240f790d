"""The ledger merge of `ledger` and `chatledger` (spec 14.7.6, CONT-26..CONT-28).

A replica maps keys to entries: an *owned* entry `{kind: "owned", value, author, seq,
expireAt}` is a single-writer register, an *attested* entry `{kind: "attested", adds: [{id,
author, value, expireAt}...], removes: [id...]}` an observed-remove set.
"""

from ..errors import ProtocolError
from .jsonval import json_equal
from .text16 import is_num, utf16_less


def _well_formed(e):
    """[CONT-28] (SHOULD, implemented) an incoming entry is merged only when it is an owned
    entry with a string `author`, numeric `seq` and numeric `expireAt`, or an attested entry
    whose `adds` are objects with string `id` and `author` and numeric `expireAt` and whose
    `removes` are strings. `adds` and `removes` must then be arrays (AMBIGUITIES.md
    D-ledger-skip)."""
    if not isinstance(e, dict):
        return False
    kind = e.get("kind")
    if kind == "owned":
        return isinstance(e.get("author"), str) and is_num(e.get("seq")) \
            and is_num(e.get("expireAt"))
    if kind == "attested":
        adds, removes = e.get("adds"), e.get("removes")
        if not isinstance(adds, list) or not isinstance(removes, list):
            return False
        for a in adds:
            if not (isinstance(a, dict) and isinstance(a.get("id"), str)
                    and isinstance(a.get("author"), str) and is_num(a.get("expireAt"))):
                return False
        return all(isinstance(r, str) for r in removes)
    return False


def _kind(e):
    return e.get("kind") if isinstance(e, dict) else None


def _merge_entry(held, inc):
    """[CONT-27] The merged entry of a held and a (well-formed) incoming entry."""
    hk, ik = _kind(held), _kind(inc)
    if hk == "owned" and ik == "owned":
        hs, is_ = held.get("seq"), inc.get("seq")
        if not is_num(hs):
            return inc              # a held entry without a numeric seq loses (D-ledger-skip)
        if is_ > hs:
            return inc
        if is_ < hs:
            return held
        ha, ia = held.get("author"), inc.get("author")
        if not isinstance(ha, str):
            return inc
        return inc if utf16_less(ha, ia) else held     # held when equal
    if hk == "attested" and ik == "attested":
        adds, pos = [], {}
        for a in list(_list(held.get("adds"))) + list(inc["adds"]):
            aid = a.get("id") if isinstance(a, dict) else None
            if not isinstance(aid, str):
                continue            # a held add without a string id cannot be keyed
            if aid in pos:
                # first occurrence's position, the last occurrence's add (D-ledger-adds)
                adds[pos[aid]] = a
            else:
                pos[aid] = len(adds)
                adds.append(a)
        removes = []
        seen = set()
        for r in list(_list(held.get("removes"))) + list(inc["removes"]):
            if isinstance(r, str) and r not in seen:
                seen.add(r)
                removes.append(r)
        return {"kind": "attested", "adds": adds, "removes": removes}
    if hk == "owned":
        return held                 # owned against attested: the owned one
    if ik == "owned":
        return inc
    return inc                      # a held entry of no known kind is replaced


def _list(v):
    return v if isinstance(v, list) else []


def receive(k, m, replica):
    """[CONT-26] and [CONT-27]: check `m` and answer (view members, the new replica). The view
    members are `op` and either `reply` or `ledger`, `changed` and `skipped?`."""
    if m is None:
        raise ProtocolError("cont.empty", "ledger frame without m")
    # m is an object here (CONT-04 checked its type)
    v = m.get("v")
    if not is_num(v) or v != 1:
        raise ProtocolError("cont.bad-field", "m.v is not 1")
    op = m.get("op")
    if op not in ("request", "state", "update"):
        raise ProtocolError("cont.bad-field", "m.op is not request, state or update")
    if op == "request":
        return {"op": "request", "reply": {"k": k, "m": {"v": 1, "op": "state",
                                                          "state": replica}}}, replica
    state = m.get("state")
    if not isinstance(state, dict):
        raise ProtocolError("cont.bad-field", "m.state is not an object")
    merged = dict(replica)
    changed, skipped = [], []
    for key, inc in state.items():
        if not _well_formed(inc):
            skipped.append(key)
            continue
        if key in merged and _well_formed(merged[key]):
            new = _merge_entry(merged[key], inc)
            if not json_equal(new, merged[key]):
                changed.append(key)
        elif key in merged:
            # [CONT-27] "A held entry that [CONT-28] would skip (an owned one without numeric
            # `seq`, an attested one whose `adds` or `removes` is not an array, an entry of
            # neither kind) is replaced by the incoming one" (AMBIGUITIES.md D-ledger-skip;
            # every held entry CONT-28 would skip, Ra-held-skip).
            new = inc
            if not json_equal(new, merged[key]):
                changed.append(key)
        else:
            new = inc
            changed.append(key)
        merged[key] = new
    key16 = lambda s: s.encode("utf-16-be", "surrogatepass")
    view = {"op": op, "ledger": merged, "changed": sorted(changed, key=key16)}
    if skipped:
        view["skipped"] = sorted(skipped, key=key16)
    return view, merged
