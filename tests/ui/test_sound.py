"""The sound queue plays real sounds through SDL's audio (the dummy driver here), in turn."""

from __future__ import annotations

import logging
import subprocess
import sys
import time
import wave
from pathlib import Path

import pytest
from kivy.clock import Clock

from kiosk.ui.sound import CHIME, SoundQueue


def tick_until(condition, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the sound did not get there in time"
        Clock.tick()
        time.sleep(0.01)


def chime_seconds() -> float:
    with wave.open(str(CHIME)) as chime:
        return chime.getnframes() / chime.getframerate()


def test_the_bundled_chime_is_short_and_its_licence_is_recorded() -> None:
    assert 0.5 <= chime_seconds() <= 2.0
    readme = (CHIME.parent / "README.md").read_text(encoding="utf-8")
    assert "chime.wav" in readme and "CC0" in readme


def test_a_chime_plays_to_its_end() -> None:
    sounds = SoundQueue()
    started = time.monotonic()
    sounds.play(CHIME)
    assert sounds.started == 1 and sounds.busy
    tick_until(lambda: not sounds.busy)
    # Played in real time by the audio driver, not dropped at once.
    assert time.monotonic() - started >= chime_seconds() * 0.9
    assert sounds.silent_because == ""


def test_sounds_play_in_turn_never_on_top_of_each_other() -> None:
    sounds = SoundQueue()
    sounds.play(CHIME)
    sounds.play(CHIME)
    assert sounds.started == 1
    first_end = time.monotonic() + chime_seconds() * 0.9
    tick_until(lambda: sounds.started == 2)
    assert time.monotonic() >= first_end
    tick_until(lambda: not sounds.busy)


def test_a_missing_sound_is_skipped_and_the_next_one_plays(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    sounds = SoundQueue()
    with caplog.at_level(logging.ERROR):
        sounds.play(tmp_path / "gone.wav")
        sounds.play(CHIME)
    assert sounds.started == 1
    assert "gone.wav could not be loaded" in caplog.text
    sounds.stop()
    assert not sounds.busy


def test_without_an_audio_device_it_goes_quiet_in_one_log_line(tmp_path: Path) -> None:
    """A separate process, because SDL opens its audio device once per process."""
    program = (
        "import logging, os;"
        "logging.basicConfig(level=logging.WARNING, format='%(name)s: %(message)s');"
        "os.environ['KIVY_LOG_MODE'] = 'PYTHON';"
        "from kiosk.ui.sound import CHIME, SoundQueue;"
        "q = SoundQueue(); q.play(CHIME); q.play(CHIME);"
        "print('STARTED', q.started, 'SILENT', bool(q.silent_because))"
    )
    result = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        timeout=60,
        env={
            "SDL_AUDIODRIVER": "no-such-driver",
            "KIVY_NO_ARGS": "1",
            "KIVY_HOME": str(tmp_path),
            "PATH": "/usr/bin:/bin",
        },
    )
    assert "STARTED 0 SILENT True" in result.stdout, result.stderr
    assert result.stderr.count("kiosk.ui.sound: sound is off") == 1
