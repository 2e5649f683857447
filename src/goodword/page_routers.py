"""The HTML page routers, in the order they are mounted."""

from __future__ import annotations

from fastapi import APIRouter

ROUTERS: list[APIRouter] = []
