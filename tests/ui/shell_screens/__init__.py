"""The screens of a bare test app on the shell: not the kiosk's, and with no kiosk parts.

`console/` is a sub-package, as another app's screens would be: never one of this app's.
"""
