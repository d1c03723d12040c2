"""Spoken numbers with espeak-ng: real speech of a plausible length, in each language."""

from __future__ import annotations

import logging
import shutil
import wave
from pathlib import Path

import pytest

from kiosk.devices.speech import find_speech

needs_espeak = pytest.mark.skipif(
    shutil.which("espeak-ng") is None,
    reason="espeak-ng is not installed (apt install espeak-ng; scripts/run-tests installs it)",
)


def seconds(path: Path) -> float:
    with wave.open(str(path)) as sound:
        return sound.getnframes() / sound.getframerate()


@needs_espeak
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fi", "Numero A 17, luukku 2."),
        ("sv", "Nummer A 17, lucka 2."),
        ("en", "Number A 17, window 2."),
    ],
)
def test_espeak_says_a_call_in_a_couple_of_seconds(
    tmp_path: Path, language: str, words: str
) -> None:
    speech = find_speech(language, tmp_path)
    assert speech is not None
    spoken = speech.synthesize(words)
    # Five or six words at a calm pace: more than a blip, less than a speech.
    assert 1.2 <= seconds(spoken) <= 5.0
    # And not silence: some samples are loud.
    with wave.open(str(spoken)) as sound:
        frames = sound.readframes(sound.getnframes())
    loudest = max(
        abs(int.from_bytes(frames[i : i + 2], "little", signed=True))
        for i in range(0, len(frames), 2)
    )
    assert loudest > 3000


@needs_espeak
def test_each_call_gets_a_file_of_its_own(tmp_path: Path) -> None:
    speech = find_speech("fi", tmp_path)
    assert speech is not None
    first = speech.synthesize("Numero A 17, luukku 2.")
    second = speech.synthesize("Numero A 18, luukku 1.")
    assert first != second and first.is_file() and second.is_file()


def test_without_espeak_there_is_no_speech_and_one_log_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        assert find_speech("fi", tmp_path, program="espeak-ng-not-here") is None
    assert len(caplog.records) == 1
    assert "espeak-ng-not-here is not installed" in caplog.text
