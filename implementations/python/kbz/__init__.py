"""kibitz-py: an independent Python implementation of the Kibitz (kbz-v1) crypto core.

Written from the specification text in spec/*.md only. Each module cites the requirement IDs it
implements, so a reader can check every rule against the chapter that states it.
"""

NAME = "kibitz-py"
VERSION = "0.1.0"
