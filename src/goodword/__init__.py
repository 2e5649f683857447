"""Goodword: a job search built on introductions, not cold applications."""

__version__ = "0.1.0"
