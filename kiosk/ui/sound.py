"""Sounds, one after another: the call chime, and the spoken number after it.

Kivy's SDL2 audio plays a sound without blocking the main loop. Sounds queue here and each
starts when the one before has stopped, so two calls a second apart are heard in turn, never
on top of each other. A machine without a sound card (a staff PC in a cupboard, a board
computer on HDMI without audio) still works: the first sound that cannot be loaded or played is
logged once, in one line saying why, and the queue is silent from then on.
"""

from __future__ import annotations

import logging
from collections import deque
from pathlib import Path
from typing import Any

from kivy.core.audio import Sound, SoundLoader

from kiosk.paths import ASSETS

log = logging.getLogger(__name__)

CHIME = ASSETS / "sounds" / "chime.wav"
RECENT_KEPT = 20


class SoundQueue:
    def __init__(self, volume: float = 1.0) -> None:
        self.volume = volume
        # (file, keep loaded): the chime is kept; a one-off sound is unloaded once played.
        self._waiting: deque[tuple[Path, bool]] = deque()
        self._one_offs: dict[Sound, Path] = {}
        self._playing: Sound | None = None
        self._loaded: dict[Path, Sound] = {}
        self._silent_because = ""
        # How many sounds have started playing, and the last few files: what the tests listen for.
        self.started = 0
        self.recent: deque[Path] = deque(maxlen=RECENT_KEPT)

    @property
    def silent_because(self) -> str:
        """Why no sound can play here ("" while sound works)."""
        return self._silent_because

    @property
    def busy(self) -> bool:
        return self._playing is not None or bool(self._waiting)

    def play(self, path: Path, *, keep: bool = True) -> None:
        """Play `path` after whatever is playing or waiting. `keep=False` for a one-off file (a
        spoken number): it is unloaded and deleted once it has played, or at once if it cannot
        play."""
        if self._silent_because:
            if not keep:
                path.unlink(missing_ok=True)
            return
        self._waiting.append((path, keep))
        if self._playing is None:
            self._next()

    def stop(self) -> None:
        """Forget what waits and stop what plays (the app is closing)."""
        for path, keep in self._waiting:
            if not keep:
                path.unlink(missing_ok=True)
        self._waiting.clear()
        playing, self._playing = self._playing, None
        if playing is not None:
            playing.unbind(on_stop=self._stopped)
            playing.stop()
            self._forget(playing)

    def _next(self) -> None:
        while self._waiting:
            path, keep = self._waiting.popleft()
            sound = self._load(path, keep)
            if sound is None:
                continue
            sound.volume = self.volume
            sound.bind(on_stop=self._stopped)
            self._playing = sound
            sound.play()
            if sound.state == "play":
                self.started += 1
                self.recent.append(path)
                return
            sound.unbind(on_stop=self._stopped)
            self._playing = None
            self._forget(sound)
            self._go_silent(f"{sound.source} did not start playing (no audio device?)")

    def _stopped(self, sound: Any) -> None:
        sound.unbind(on_stop=self._stopped)
        self._forget(sound)
        if sound is self._playing:
            self._playing = None
            self._next()

    def _load(self, path: Path, keep: bool) -> Sound | None:
        if path in self._loaded:
            return self._loaded[path]
        sound = SoundLoader.load(str(path)) if path.is_file() else None
        if sound is None:
            # A missing file is ours to fix; it does not silence the other sounds.
            log.error("sound %s could not be loaded; it is skipped", path)
            if not keep:
                path.unlink(missing_ok=True)
            return None
        if keep:
            self._loaded[path] = sound
        else:
            self._one_offs[sound] = path
        return sound

    def _forget(self, sound: Sound) -> None:
        """A one-off sound has played (or never will): unload it and delete its file."""
        path = self._one_offs.pop(sound, None)
        if path is not None:
            sound.unload()
            path.unlink(missing_ok=True)

    def _go_silent(self, reason: str) -> None:
        self._silent_because = reason
        for path, keep in self._waiting:
            if not keep:
                path.unlink(missing_ok=True)
        self._waiting.clear()
        log.warning("sound is off: %s", reason)
