"""The receipt printer: slips built with python-escpos, transports, a virtual printer, a worker.

Nothing here imports Kivy: the touchscreen, the CLI and the tests all print the same way.
Where to start:
- `kiosk.devices.slips`: the bytes of each slip (`ticket_slip`, `help_request_slip`, ...);
- `kiosk.devices.factory`: `make_printer`, `printer_status`;
- `kiosk.devices.print_worker`: `PrintWorker`, `print_now`;
- `kiosk.devices.virtual`: `render_png`, `decode_for` (the bytes read back as text lines).
"""
