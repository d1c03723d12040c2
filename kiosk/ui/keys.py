"""Kivy's key codes for the keys the screens answer, named once."""

from __future__ import annotations

KEY_BACKSPACE = 8
KEY_TAB = 9
KEY_ESCAPE = 27
KEY_ENTER = (13, 271)  # Return, keypad Enter
KEY_UP = 273
KEY_DOWN = 274
KEY_RIGHT = 275
KEY_LEFT = 276
KEY_HOME = 278
KEY_END = 279
KEY_F1 = 282
KEY_F2 = 283
KEY_F5 = 286
