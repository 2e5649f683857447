"""The JSON API routers (all under /api/v1), in the order they are mounted."""

from __future__ import annotations

from fastapi import APIRouter

from goodword.connections import api as connections
from goodword.duplicates import api as duplicates
from goodword.exchange import api as exchange
from goodword.importers import api as importers
from goodword.interactions import api as interactions
from goodword.leads import api as leads
from goodword.network import api as network
from goodword.opportunities import api as opportunities
from goodword.organizations import api as organizations
from goodword.people import api as people
from goodword.playbooks import api as playbooks
from goodword.redflags import api as redflags
from goodword.references import api as references
from goodword.referrals import api as referrals
from goodword.search import api as search
from goodword.tasks import api as tasks

ROUTERS: list[APIRouter] = [
    importers.router,  # before people: /people/export must not be read as a person id
    people.router,
    organizations.router,
    connections.router,
    opportunities.router,
    interactions.router,
    tasks.router,
    search.router,
    redflags.router,
    playbooks.router,
    referrals.router,
    references.router,
    leads.router,
    duplicates.router,
    exchange.router,
    network.router,
]
