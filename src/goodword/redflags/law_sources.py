"""Which of a law entry's sources Goodword shows as its link: the strongest, since someone may
quote the law to a recruiter from it. Official government and legislature pages first, then law
firms and legal publishers, then HR vendors and associations, then sites not known here, and
aggregators, news and copies last. A source that is no link (a note on where it came from) is
never shown as one. Pure: it reads the addresses alone, never the web."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

OFFICIAL, LAW_FIRM, HR_VENDOR, UNKNOWN, WEAK, NOT_A_LINK = range(6)

# Governments' own domains: the US's .gov (mass.gov, app.leg.wa.gov, phila.gov), .mil, and
# other countries' (gov.uk, gc.ca, europa.eu).
_OFFICIAL_SUFFIXES = (".gov", ".mil", ".gc.ca", ".canada.ca", ".europa.eu")
_OFFICIAL_PATTERN = re.compile(r"(^|\.)(gov|gouv|gob|govt)\.[a-z]{2}$")
# Governments and legislatures on other domains, and the hosts of official municipal codes and
# council records.
_OFFICIAL_HOSTS = frozenset(
    {
        "canada.ca",
        "princeedwardisland.ca",
        "cityofithaca.org",
        "legistar.com",
        "codelibrary.amlegal.com",
        "legislation.gov.uk",
    }
)
_LAW_FIRMS = frozenset(
    {
        "aghllaw.com", "alilawgroup.com", "bakerdonelson.com", "bipc.com", "bna.com",
        "booklawllp.com", "castegnaro.lu", "cbabc.org", "chicagobusinesslitigationlawyerblog.com",
        "cooley.com", "daypitney.com", "duanemorris.com", "dwt.com", "employmentandlabour.com",
        "esandalaw.com", "fredlaw.com", "frantzward.com", "gtlaw.com", "hapnerlaw.blogspot.com",
        "hlemploymentblog.com", "hrlaw.pl", "jacksonlewis.com", "kaufmandolowich.com",
        "legalbriefs.deloitte.com", "leglobal.law", "lexology.com", "littler.com",
        "mltaikins.com", "mondaq.com", "morganlewis.com", "natlawreview.com", "nixonpeabody.com",
        "nortonrosefulbright.com", "ntlakis.com", "paulhastings.com", "payequityadvisor.com",
        "pfclaw.com", "regulations.justia.com", "sbhlegal.com", "schleylaw.com", "seyfarth.com",
        "sessions.legal", "sheeheyvt.com", "shb.com", "sitepilot10.firmseek.com", "stinson.com",
        "stewartmckelvey.com", "workforcebulletin.com",
    }
)  # fmt: skip
_HR_VENDORS = frozenset(
    {
        "accurate.com", "adpcomprehensiveservicesnewsletter.com", "app.legiplex.com",
        "aspenanalytics.io", "asurint.com", "bctrucking.com", "bxstier.com", "cbiz.com",
        "complianceposter.com", "comptool.com", "ctsi.org", "e2rsolutions.com", "eanj.org",
        "fastdemocracy.com", "fedmanagers.org", "gapsquare.com", "govdocs.com", "grove.hr",
        "hr.northwestern.edu", "hrdailyadvisor.blr.com", "hrlaws.com", "hyring.com",
        "inchecksolutions.com", "kressinc.com", "managease.com", "operationsinc.com",
        "propayhr.com", "rewardset.com", "shrm.org", "sikich.com", "sterlingcheck.com",
        "tagalliances.com", "tcwglobal.com", "trusaic.com", "ukemploymenthub.com", "usafact.com",
        "vensure.com", "xperthr.com",
    }
)  # fmt: skip
# Aggregators, news, press releases, AI answer sites and bare file hosts (a cloudfront.net copy
# says nothing of who published it).
_WEAK = frozenset(
    {
        "businessinsider.com", "cloudfront.net", "collegecareerlife.net", "courtgpt.ai",
        "ddifo.org", "einpresswire.com", "ezel.ai", "instalawyer.io", "lawblog123.com",
        "nabkanews.com", "newsbreak.com", "portal.mybig.net", "wosu.org",
    }
)  # fmt: skip


def _host(url: str) -> str | None:
    """The address's host in lower case, without "www." or a port; None for no web link."""
    if not url.startswith(("http://", "https://")):
        return None
    host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    return host.removeprefix("www.") or None


def _within(host: str, domains: Iterable[str]) -> bool:
    return any(host == domain or host.endswith("." + domain) for domain in domains)


def rank(url: str) -> int:
    """How strong a source is, by its address: lower is stronger.

    >>> rank("https://www.mass.gov/info-details/pay-transparency")
    0
    >>> rank("https://www.littler.com/publication-press/x")
    1
    >>> rank("https://trusaic.com/resources/x")
    2
    >>> rank("https://example.com/x")
    3
    >>> rank("https://ddifo.org/massachusetts-sends-pay-equity-governor/")
    4
    >>> rank("community pay-transparency data file on GitHub")
    5
    """
    host = _host(url)
    if host is None:
        return NOT_A_LINK
    if (
        host.endswith(_OFFICIAL_SUFFIXES)
        or _OFFICIAL_PATTERN.search(host)
        or _within(host, _OFFICIAL_HOSTS)
    ):
        return OFFICIAL
    if _within(host, _WEAK):
        return WEAK
    if _within(host, _LAW_FIRMS) or host.endswith((".law", ".legal")):
        return LAW_FIRM
    if _within(host, _HR_VENDORS):
        return HR_VENDOR
    return UNKNOWN


def strongest_first(primary: str | None, others: Iterable[str]) -> tuple[str | None, list[str]]:
    """The entry's sources with the strongest as the one shown (`source_url`) and the rest
    after it, each tier in the order the data gives them (the recorded primary first among
    equals).

    >>> strongest_first("https://ddifo.org/a", ["https://www.newsbreak.com/b", "https://mass.gov/c"])
    ('https://mass.gov/c', ['https://ddifo.org/a', 'https://www.newsbreak.com/b'])
    >>> strongest_first("https://kressinc.com/a", ["a note, not a link"])
    ('https://kressinc.com/a', ['a note, not a link'])
    >>> strongest_first("a note, not a link", [])
    (None, ['a note, not a link'])
    >>> strongest_first(None, [])
    (None, [])
    """
    sources = [s for s in (primary, *others) if s]
    if not sources:
        return None, []
    ordered = sorted(sources, key=rank)  # (stable: the data's order among equals)
    if rank(ordered[0]) == NOT_A_LINK:
        # Notes alone: no link to show; the notes stay in also_sources.
        return None, ordered
    return ordered[0], ordered[1:]
