"""The case-volume tracker: monthly case statistics for Swedish municipal social services."""

__version__ = "0.1.0"
