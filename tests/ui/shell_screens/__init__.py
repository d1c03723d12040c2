"""The screens of a bare test app on the shell: not the kiosk's, and with no kiosk parts.

Their classes carry the prefix "Bare" (`BareHomeScreen`), so their .kv rules never meet the
kiosk's screens of the same name. `console/` is a sub-package, as another app's screens would
be: never one of this app's.
"""
