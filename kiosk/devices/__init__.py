"""The receipt printer: slips built with python-escpos, transports, a virtual printer, a worker.

Nothing here imports Kivy: the touchscreen, the CLI and the tests all print the same way.
Where to start:
- `kiosk.devices.slips`: the bytes of each slip (`ticket_slip`, `help_request_slip`, ...);
- `kiosk.devices.factory`: `make_printer`, `printer_status`;
- `kiosk.devices.print_worker`: `PrintWorker`, `print_now`;
- `kiosk.devices.virtual`: `render_png`, `decode_for` (the bytes read back as text lines).
"""

import os as _os
import shutil as _shutil
import tempfile as _tempfile

from kiosk.paths import cache_dir as _cache_dir

# python-escpos keeps its printer database as a pickle in a folder it makes with mkdtemp() each
# time it is imported, even when told where the pickle lives: about 0.5 s to rebuild, and a
# folder left in /tmp by every `kiosk` command, for years. The pickle goes to a cache folder
# that stays (a 60 ms load), and the folder mkdtemp() insists on making is made in a scratch
# folder of ours and removed at once.
_os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", str(_cache_dir("escpos")))
_scratch = _cache_dir("escpos-scratch")
_tempdir, _tempfile.tempdir = _tempfile.tempdir, str(_scratch)
try:
    import escpos.capabilities  # noqa: F401  (loaded here, once, for the reason above)
finally:
    _tempfile.tempdir = _tempdir
    _shutil.rmtree(_scratch, ignore_errors=True)
