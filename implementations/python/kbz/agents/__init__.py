"""Agents and capability grants (spec chapter 13), one job per module:

- `assertion.py`: agent key assertions: signing, verification, the key thumbprint (13.2,
  AGT-01 to AGT-11);
- `presenter.py`: the agent's re-signing clock (AGT-04, AGT-12);
- `credit.py`: credit credentials (13.3, CRED-01 to CRED-04);
- `grants.py`: grants, their defaults, sanitizing, intersection, expiry and the grant in force
  (13.4, GRANT-01 to GRANT-08);
- `travel.py`: how grants travel: the `caps` frame sent, received, merged, and manifest caps
  bound to a certificate (13.5, CAPS-01 to CAPS-08);
- `enforce.py`: enforcement: who a sender sends to, what a receiver accepts, what a media lane
  carries, and the media gate (13.6, 13.7, CAPS-09 to CAPS-16).

The coordinator's door for agents (8.10) is in `kbz/presence/`; the op table is
`kbz/ops_agents.py`.
"""
