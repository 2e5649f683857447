"""Importers: one module per format behind a small registry, and the import service."""
