"""The four faces of "How did your visit go today?", best first.

Each face is shown with its words, never as a colour or a picture alone. The ids are what the
statistics store and export; the words are the screens' (gettext).
"""

from __future__ import annotations

FACES: tuple[str, ...] = ("very_good", "good", "bad", "very_bad")
