"""Aula: the waiting-lounge kiosk for opioid-substitution-treatment clinics."""

__version__ = "0.1.0"
