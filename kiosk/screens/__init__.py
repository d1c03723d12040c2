"""The kiosk's screens: each is `kiosk/screens/<name>.py` beside `kiosk/screens/<name>.kv`.

Adding a screen is adding those two files; nothing else needs to change:
- the module defines `class <Name>Screen(KioskScreen)` (`worker_sign_in.py` →
  `WorkerSignInScreen`), from `kiosk.ui.screen`;
- the `.kv` file holds its rule `<WorkerSignInScreen>:`; it is loaded the first time the screen
  is shown, so a screen nobody opens costs nothing at start;
- any screen opens it with `self.app.show("worker_sign_in", **kwargs)`; the kwargs reach the
  new screen's `prepare(**kwargs)` before it appears. `self.app.go_home()` returns home.

`self.app` gives what a screen needs: `ctx` (the use cases' Context), `runner` (background
work; never call the database on the main loop), `printer`, `settings`, and the sizes and
theme the `.kv` rules use (`app.font_body`, `app.button`, ... see `kiosk.ui.app.KioskApp`).
"""
