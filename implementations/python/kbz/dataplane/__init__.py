"""The data plane (spec chapter 14): content receive rules, transfers and the mesh pair machine.

One module per job:

- `text16`    UTF-16 cut, CONV-08 trim, JSON length (14.1), JavaScript number text.
- `content`   the content receiver: receive steps and every kind's rules (14.6, 14.7).
- `ledger`    the ledger merge (CONT-26..CONT-28).
- `grants`    the caps view's grant sanitizer (MSG-38, CONT-31).
- `chunkhdr`  the transfer chunk header codec (WIRE-48..WIRE-50, XFER-23).
- `b64`       the two base64 readers the data plane uses (CONT-15, XFER-08).
- `xfer`      transfer arithmetic, routes and the sender's frames (XFER-01, 02, 13, 19, 21, 22).
- `receiver`  the transfer receiver machine of `xfer.receive` (XFER-03..XFER-20, XFER-24).
- `control`   sig control frame checks, reported as MSG-39 walks (MSG-34, MSG-35, MESH-07).
- `meshpair`  the pair machine of `meshpair.scenario` (MESH-01..MESH-29).

Everything is pure: frames, events and virtual time in, views and output records out.
"""
