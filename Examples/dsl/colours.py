"""Colour and number names for gridkit candidates (star-imported by candidates.py)."""
TWO = 2
GREY = 5
ORANGE = 7
