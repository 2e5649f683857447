"""The demo network: a believable, seeded job search to explore Goodword with."""

from goodword.demo.generator import DemoSummary, build, fits

__all__ = ["DemoSummary", "build", "fits"]
