"""The four faces in words and pictures: the kiosk's buttons and the statistics chart say them
the same way. A face is never a colour or a picture alone."""

from __future__ import annotations

from kiosk.core.feedback import FACES
from kiosk.ui.catalogs import N_

QUESTION = N_("How did your visit go today?")
# face id -> (words, Material Design icon), in the order of FACES
FACE_WORDS: dict[str, tuple[str, str]] = {
    "very_good": (N_("Well"), "emoticon-excited-outline"),
    "good": (N_("Quite well"), "emoticon-happy-outline"),
    "bad": (N_("Badly"), "emoticon-sad-outline"),
    "very_bad": (N_("Very badly"), "emoticon-cry-outline"),
}
assert tuple(FACE_WORDS) == FACES
# (face, (words, icon)) in order: the kiosk's buttons, one per face.
FACES_SHOWN = tuple(FACE_WORDS.items())
