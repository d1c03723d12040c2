"""How long each slip takes to reach the printer, as text + native QR and as one picture.

Most queue systems draw the whole ticket as a raster image and send that; the kiosk sends text
and the printer's own QR command. This prints both side by side for every slip at both paper
widths: bytes, and seconds on the wire at 9600 and 115200 baud (8N1 = 10 bits a byte).
It also writes each slip's picture to test-artifacts/slips/ for a person to look at.

    .venv/bin/python -m bench.bench_slips [--language fi] [--png-dir test-artifacts/slips]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from escpos.printer import Dummy

from bench.report import Figure, record
from kiosk.devices.slips import SLIP_KINDS, sample_slip
from kiosk.devices.virtual import decode_for, render_png, render_slip
from kiosk.devices.virtual.decoder import Cut, Feed
from kiosk.devices.virtual.renderer import EDGE_DOTS, TOP_DOTS
from kiosk.settings.loader import load_settings
from kiosk.settings.schema import Settings

BAUD_RATES = (9600, 115200)
BITS_PER_BYTE = 10  # start bit, 8 data bits, stop bit
TICKET_MAX_BYTES = 200  # issue 11's target for the slip every client gets


def seconds(size: int, baud: int) -> float:
    return size * BITS_PER_BYTE / baud


def as_one_picture(payload: bytes, settings: Settings) -> bytes:
    """The same slip the way picture-based queue systems send it: GS v 0 of the whole slip.

    The picture is the printed part only (no margins, no feed, no cut mark), so the figures
    compare like with like.
    """
    slip = decode_for(payload, settings.printer)
    slip.blocks = [block for block in slip.blocks if not isinstance(block, Cut | Feed)]
    paper = render_slip(slip)
    printable = paper.crop((EDGE_DOTS, TOP_DOTS, paper.width - EDGE_DOTS, paper.height - TOP_DOTS))
    printer = Dummy(profile=settings.printer.profile)
    printer.hw("INIT")
    printer.image(printable, impl="bitImageRaster")
    printer.cut(feed=False)
    return printer.output


def with_width(settings: Settings, width: int) -> Settings:
    printer = settings.printer.model_copy(update={"paper_width_mm": width})
    return settings.model_copy(update={"printer": printer})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", default="fi", choices=["fi", "sv", "en"])
    parser.add_argument("--png-dir", type=Path, default=Path("test-artifacts/slips"))
    args = parser.parse_args()
    args.png_dir.mkdir(parents=True, exist_ok=True)
    base = load_settings()

    header = (
        f"{'slip':<7} {'paper':>5} | {'text+QR B':>9} {'9600 s':>7} {'115200 s':>8} | "
        f"{'picture B':>9} {'9600 s':>7} {'115200 s':>8} | {'ratio':>5} {'build ms':>8}"
    )
    print(
        f"profile {base.printer.profile}, code page {base.printer.code_page}, "
        f"language {args.language}"
    )
    print(header)
    print("-" * len(header))
    figures: list[Figure] = []
    for width in (58, 80):
        settings = with_width(base, width)
        for kind in SLIP_KINDS:
            started = time.perf_counter()
            runs = 20
            for _ in range(runs):
                payload = sample_slip(kind, settings, args.language)
            build_ms = (time.perf_counter() - started) / runs * 1000
            picture = as_one_picture(payload, settings)
            render_png(payload, settings.printer).save(args.png_dir / f"{kind}-{width}mm.png")
            text_times = [seconds(len(payload), baud) for baud in BAUD_RATES]
            picture_times = [seconds(len(picture), baud) for baud in BAUD_RATES]
            print(
                f"{kind:<7} {width:>3}mm | {len(payload):>9} {text_times[0]:>7.2f} "
                f"{text_times[1]:>8.3f} | {len(picture):>9} {picture_times[0]:>7.2f} "
                f"{picture_times[1]:>8.3f} | {len(picture) / len(payload):>4.0f}x {build_ms:>8.2f}"
            )
            figures.append(
                Figure(
                    f"{kind} slip {width} mm, bytes",
                    len(payload),
                    "B",
                    "the slip as one picture",
                    len(picture),
                    max_value=TICKET_MAX_BYTES if kind == "ticket" else None,
                )
            )
            if kind == "ticket":
                figures += [
                    Figure(
                        f"ticket slip {width} mm, wire at {baud}",
                        ours * 1000,
                        "ms",
                        "the slip as one picture",
                        naive * 1000,
                    )
                    for baud, ours, naive in zip(BAUD_RATES, text_times, picture_times, strict=True)
                ]
    print(f"\npictures of the slips: {args.png_dir}/\n")
    record("slips", figures)


if __name__ == "__main__":
    main()
