"""Warm paths: how strong each tie is, a compact graph of them, and the search for ways in.

`strength`, `snapshot` (apart from its loader) and `paths` are pure: plain data in, plain data
out. `service` is the thin layer that reads the database and writes people-facing answers.
"""
