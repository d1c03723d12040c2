"""The receipt printer: slips built with python-escpos, transports, a virtual printer, a worker.

Nothing here imports Kivy: the touchscreen, the CLI and the tests all print the same way.
Where to start:
- `kiosk.devices.slips`: the bytes of each slip (`ticket_slip`, `help_request_slip`, ...);
- `kiosk.devices.factory`: `make_printer`, `printer_status`;
- `kiosk.devices.print_worker`: `PrintWorker`, `print_now`;
- `kiosk.devices.virtual`: `render_png`, `decode_for` (the bytes read back as text lines).
"""

import os as _os

from kiosk.paths import cache_dir as _cache_dir

# python-escpos keeps its printer database as a pickle in a new temporary folder each time it is
# imported (about 0.5 s to rebuild, and a folder left behind in /tmp every run); a folder that
# stays makes it a 60 ms load. Set before any module here imports escpos.
_os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", str(_cache_dir("escpos")))
