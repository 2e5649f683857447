"""The demo network: a believable, seeded job search to explore Goodword with."""
