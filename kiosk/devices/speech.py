"""Spoken numbers: espeak-ng turns "Numero A 17, luukku 2." into a WAV file, offline.

espeak-ng is a system program (`apt install espeak-ng`), not a Python package; it speaks
Finnish, Swedish and English without a network, in a fraction of a second. A board without it
works on: `find_speech` logs one line saying so and returns None, and the board only chimes.
A file is made per call and deleted by whoever plays it. No Kivy here: this runs on the
announcer's own thread.
"""

from __future__ import annotations

import itertools
import logging
import shutil
import subprocess
from pathlib import Path

log = logging.getLogger(__name__)

PROGRAM = "espeak-ng"
# espeak-ng's voice for each of the board's languages.
VOICES = {"fi": "fi", "sv": "sv", "en": "en"}
# Words per minute: a little slower than espeak-ng's 175, for a noisy lounge and for listeners
# whose Finnish is new.
WORDS_PER_MINUTE = 140
TIMEOUT_S = 10.0


class SpeechFailed(Exception):
    """espeak-ng ran but made no speech."""


class Speech:
    def __init__(self, program: str, language: str, folder: Path) -> None:
        self.program = program
        self.voice = VOICES[language]
        self.folder = folder
        self._numbers = itertools.count(1)

    def synthesize(self, text: str) -> Path:
        """A WAV file of `text` spoken, in `folder`; raises SpeechFailed."""
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"call-{next(self._numbers)}.wav"
        command = [self.program, "-v", self.voice, "-s", str(WORDS_PER_MINUTE), "-w", str(path)]
        try:
            result = subprocess.run(
                [*command, text], capture_output=True, text=True, timeout=TIMEOUT_S, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise SpeechFailed(f"{self.program} did not run: {error}") from error
        if result.returncode != 0 or not path.is_file():
            reason = result.stderr.strip().splitlines()[:1] or [f"exit code {result.returncode}"]
            raise SpeechFailed(f"{self.program} made no speech: {reason[0]}")
        return path


def find_speech(language: str, folder: Path, program: str = PROGRAM) -> Speech | None:
    """espeak-ng for `language`, or None (logged once) when it is not installed."""
    found = shutil.which(program)
    if found is None:
        log.warning(
            "numbers are not spoken: %s is not installed (apt install espeak-ng); the board "
            "chimes only",
            program,
        )
        return None
    return Speech(found, language, folder)
