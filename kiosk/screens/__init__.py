"""The kiosk's screens: each is `kiosk/screens/<name>.py` beside `kiosk/screens/<name>.kv`.

Adding a screen is adding those two files; nothing else needs to change:
- the module defines `class <Name>Screen(KioskScreen)` (`worker_sign_in.py` →
  `WorkerSignInScreen`), from `kiosk.ui.screen`; a peer worker's own screen derives from
  `WorkerScreen` (`kiosk.ui.worker_screen`), which holds their pass;
- the `.kv` file holds its rule `<WorkerSignInScreen>:`; it is loaded the first time the screen
  is shown, so a screen nobody opens costs nothing at start;
- any screen opens it with `self.app.show("worker_sign_in", **kwargs)`; the kwargs reach the
  new screen's `prepare(**kwargs)` before it appears. `self.app.go_home()` returns home.

Sub-packages hold other apps' screens (the staff console's, the board's) and are never the
kiosk's. `self.app` is what a screen may use of its app (`kiosk.ui.host.KioskHost`): `ctx` (the
use cases' Context), `runner`, `printer`, `settings`, and the sizes and theme the `.kv` rules use
(`app.font_body`, `app.button`, ...). Background work goes through `self.ask(work, done,
refused)` (`kiosk.ui.screen`): never call the database or wait for the printer on the main loop.
"""
