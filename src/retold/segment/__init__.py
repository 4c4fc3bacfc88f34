"""segment: text -> sentences with exact character offsets.

Reads plain text; sets nothing else. ``text[s.start:s.end] == s.text`` holds
for every sentence it returns.
"""

from __future__ import annotations

import logging

from retold.segment.splitter import SegmentOptions, segment

__all__ = ["SegmentOptions", "segment"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
