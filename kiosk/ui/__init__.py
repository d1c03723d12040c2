"""The Kivy side of the kiosk: the app shell and what every screen shares.

Only this package and `kiosk.screens` import Kivy. Modules here that do not need it (theme,
sizing, icons, catalogues, formatting, printing) stay free of it, so their tests need no display.
"""
