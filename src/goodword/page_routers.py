"""The HTML page routers, in the order they are mounted."""

from __future__ import annotations

from fastapi import APIRouter

from goodword.connections import views as connections
from goodword.dashboard import views as dashboard
from goodword.duplicates import import_views as duplicate_imports
from goodword.duplicates import views as duplicates
from goodword.exchange import views as exchange
from goodword.importers import split_views as splitting
from goodword.importers import views as importers
from goodword.interactions import views as interactions
from goodword.leads import views as leads
from goodword.network import views as network
from goodword.opportunities import views as opportunities
from goodword.organizations import views as organizations
from goodword.people import views as people
from goodword.playbooks import views as playbooks
from goodword.redflags import views as redflags
from goodword.references import views as references
from goodword.referrals import views as referrals
from goodword.search import views as search
from goodword.tasks import views as tasks

ROUTERS: list[APIRouter] = [
    dashboard.router,
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
    importers.router,
    splitting.router,
    exchange.router,
    duplicate_imports.router,
    duplicates.router,
    network.router,
]
