"""Migrations that keep people's details in the form the app writes them: LinkedIn links,
tags, and the labels of phone numbers and e-mail addresses."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy import text
from sqlalchemy.engine import Engine

from goodword import migrate


def test_linkedin_links_saved_percent_encoded_are_decoded(empty_engine: Engine) -> None:
    """0011: a profile link an earlier import kept as LinkedIn's CSV writes it is rewritten
    to the one address Goodword keeps now, its provenance key too, and a person's second
    copy of the same profile goes; an import then finds them by that profile."""
    from datetime import date

    from alembic import command

    import factories as f
    from goodword.db import make_session_factory, transaction
    from goodword.importers.records import Upload
    from goodword.importers.report import Outcome
    from goodword.importers.service import import_files
    from goodword.people.models import PersonSource, PersonUrl
    from goodword.workspaces import service as workspaces

    encoded = "https://www.linkedin.com/in/jos%c3%a9-m%c3%bcller-4b2a1"
    decoded = "https://www.linkedin.com/in/josé-müller-4b2a1"
    migrate.upgrade(empty_engine)
    sessions = make_session_factory(empty_engine)
    with transaction(sessions) as session:
        ws = workspaces.get_or_create(session).id
        jose = f.person(session, ws, "José Müller", given_name="José", family_name="Müller")
        ada = f.person(session, ws, "Ada Lovelace")
        session.add_all(
            [
                # As the old code saved them: the CSV's link, and the phone's plain one.
                PersonUrl(workspace_id=ws, person_id=jose.id, url=encoded, kind="linkedin"),
                PersonUrl(
                    workspace_id=ws, person_id=jose.id, url=decoded, kind="linkedin", position=1
                ),
                PersonUrl(
                    workspace_id=ws, person_id=ada.id, url="https://example.org/100%25", kind="web"
                ),
                PersonSource(
                    workspace_id=ws, person_id=jose.id, source="linkedin", external_key=encoded
                ),
            ]
        )
        ids = {"jose": jose.id, "ada": ada.id}
    config = migrate.alembic_config(empty_engine)
    with empty_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0010")
    migrate.upgrade(empty_engine)

    with empty_engine.connect() as connection:
        urls = connection.execute(
            text("SELECT person_id, url FROM person_urls ORDER BY person_id, position")
        ).all()
        keys = connection.execute(text("SELECT external_key FROM person_sources")).scalars()
        assert urls == [(ids["jose"], decoded), (ids["ada"], "https://example.org/100%25")]
        assert list(keys) == [decoded]
    row = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        "José,Müller,https://www.linkedin.com/in/jos%C3%A9-m%C3%BCller-4b2a1,,,,12 Mar 2024\r\n"
    )
    with transaction(sessions) as session:
        report = import_files(
            session,
            workspace_id=ws,
            paths_or_uploads=[Upload("Connections.csv", row.encode())],
            today=date(2026, 11, 25),
        )
    assert [(r.outcome, r.person_id) for r in report.rows] == [(Outcome.UNCHANGED, ids["jose"])]


def test_tags_with_line_breaks_become_one_tag_per_line(empty_engine: Engine) -> None:
    """0014: a tag or interest an import kept with a line break in it is split into one per
    line (people's and leads'), so the whole-workspace backup takes them back."""
    from alembic import command
    from sqlalchemy import select, update

    import factories as f
    from goodword.db import make_session_factory, transaction
    from goodword.duplicates.models import Merge
    from goodword.exchange import service as exchange
    from goodword.leads.models import Lead, LeadKind
    from goodword.people.models import Person, PersonSource
    from goodword.workspaces import service as workspaces

    migrate.upgrade(empty_engine)
    sessions = make_session_factory(empty_engine)
    with transaction(sessions) as session:
        ws = workspaces.get_or_create(session).id
        ada, bob = f.person(session, ws, "Ada"), f.person(session, ws, "Bob")
        session.add(Lead(workspace_id=ws, kind=LeadKind.EVENT, title="Meetup",
                         tags=["Data\nAI", "Data"]))  # fmt: skip
        session.flush()
        # As imports kept them before this revision (the forms never took such tags).
        session.execute(update(Person).where(Person.id == ada.id).values(
            tags=["Met at\nPyCon", "Maths", "maths\r\nOslo"], interests=["Ski\u2028trip"]
        ))  # fmt: skip
        session.execute(update(Person).where(Person.id == bob.id).values(tags=["Kraków"]))
        # What was kept of a matched record and a merge's snapshot hold such tags too.
        kept = {"v": 1, "line": 2, "fingerprint": 1,
                "record": {"tags": ["Met at\nPyCon"], "notes": "a\nb"},
                "added": {"tags": ["Met at\nPyCon"], "interests": []}}  # fmt: skip
        session.add(PersonSource(workspace_id=ws, person_id=ada.id, source="vcard",
                                 external_key="ada-1", matched=kept))  # fmt: skip
        session.add(Merge(workspace_id=ws, survivor_id=ada.id, absorbed_id=99,
                          snapshot={"people": [{"id": 99, "tags": ["x\ny"]}]}))  # fmt: skip
    config = migrate.alembic_config(empty_engine)
    with empty_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0013")
    migrate.upgrade(empty_engine)

    with transaction(sessions) as session:
        people = session.execute(
            select(Person.display_name, Person.tags, Person.interests).order_by(Person.id)
        ).all()
        leads = session.scalars(select(Lead.tags)).all()
        matched = session.scalars(select(PersonSource.matched)).one()
        snapshot = session.scalars(select(Merge.snapshot)).one()
        backup = exchange.export_workspace(session, workspace_id=ws)
    assert [tuple(row) for row in people] == [
        ("Ada", ["Met at", "PyCon", "Maths", "Oslo"], ["Ski", "trip"]),
        ("Bob", ["Kraków"], []),
    ]
    assert leads == [["Data", "AI"]]
    assert matched == {"v": 1, "line": 2, "fingerprint": 1,
                       "record": {"tags": ["Met at", "PyCon"], "notes": "a\nb"},
                       "added": {"tags": ["Met at", "PyCon"], "interests": []}}  # fmt: skip
    assert snapshot == {"people": [{"id": 99, "tags": ["x", "y"]}]}
    exchange.read_document(backup)  # (refused before: a tag is one line)


def test_phone_labels_kept_before_are_in_one_form(empty_engine: Engine) -> None:
    """0026: a phone label of a well-known kind in any case ("Mobile", "WORK ") is kept in
    its one form; a label of the user's own stays as written."""
    from alembic import command

    import factories as f
    from goodword.db import make_session_factory, transaction
    from goodword.workspaces import service as workspaces

    migrate.upgrade(empty_engine)
    sessions = make_session_factory(empty_engine)
    labels = ["Mobile", "WORK ", "iphone", "Desk, 2nd floor", "mobile"]
    # (People are added at the head, as the models write them, then taken back.)
    with transaction(sessions) as session:
        ws = workspaces.get_or_create(session).id
        ravi = f.person(session, ws, "Ravi Shankar").id
    config = migrate.alembic_config(empty_engine)
    with empty_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0025")
    with transaction(sessions) as session:
        for n, label in enumerate(labels):
            session.execute(
                sa.text(
                    "INSERT INTO person_phones (workspace_id, person_id, number, label, position,"
                    " reversed_digits, created_at, updated_at)"
                    " VALUES (:ws, :person, :number, :label, :n, '', :at, :at)"
                ),
                {"ws": ws, "person": ravi, "number": f"+1415555012{n}", "label": label,
                 "n": n, "at": datetime(2026, 11, 1, tzinfo=UTC)},
            )  # fmt: skip

    migrate.upgrade(empty_engine)

    with empty_engine.begin() as connection:
        kept = connection.execute(text("SELECT label FROM person_phones ORDER BY position"))
        assert [row[0] for row in kept] == ["mobile", "work", "iPhone", "Desk, 2nd floor", "mobile"]


def test_email_labels_kept_before_are_in_one_form(empty_engine: Engine) -> None:
    """0031: an e-mail label of a well-known kind in any case ("Work", "HOME ") is kept in
    its one form, as 0026 keeps a phone's; a label of the user's own stays as written."""
    from alembic import command

    import factories as f
    from goodword.db import make_session_factory, transaction
    from goodword.workspaces import service as workspaces

    migrate.upgrade(empty_engine)
    config = migrate.alembic_config(empty_engine)
    with empty_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0030")
    sessions = make_session_factory(empty_engine)
    labels = ["Work", "HOME ", "icloud", "Book club", "work"]
    with transaction(sessions) as session:
        ws = workspaces.get_or_create(session).id
        person = f.person(session, ws, "Ravi Shankar")
        for n, label in enumerate(labels):
            session.execute(
                sa.text(
                    "INSERT INTO person_emails (workspace_id, person_id, address, label,"
                    " position, created_at, updated_at)"
                    " VALUES (:ws, :person, :address, :label, :n, :at, :at)"
                ),
                {"ws": ws, "person": person.id, "address": f"ravi{n}@example.com",
                 "label": label, "n": n, "at": datetime(2026, 11, 1, tzinfo=UTC)},
            )  # fmt: skip

    migrate.upgrade(empty_engine)

    with empty_engine.begin() as connection:
        kept = connection.execute(text("SELECT label FROM person_emails ORDER BY position"))
        assert [row[0] for row in kept] == ["work", "home", "iCloud", "Book club", "work"]


def test_labels_with_other_whitespace_are_in_one_form_too(empty_engine: Engine) -> None:
    """0034: a label 0026 and 0031 left because they trim only spaces (a tab, a line break,
    a no-break space, two spaces inside) is in the one form the app keeps it in; one that
    is only whitespace is none; a label of the user's own stays as written."""
    import factories as f
    from goodword.db import make_session_factory, transaction
    from goodword.people.normalize import email_label, phone_label
    from goodword.workspaces import service as workspaces

    migrate.upgrade(empty_engine, "0033")
    sessions = make_session_factory(empty_engine)
    phones = ["work\t", "\u00a0Mobile", "Work\u00a0 Fax", "HOME\nFAX", " \t", "Desk\t2", "mobile"]
    emails = ["Work\t", "\u00a0HOME", "\r\n", "iCloud\u2003", "Book  club", "work"]
    at = datetime(2026, 11, 1, tzinfo=UTC)
    with transaction(sessions) as session:
        ws = workspaces.get_or_create(session).id
        ravi = f.person(session, ws, "Ravi Shankar").id
        for n, label in enumerate(phones):
            session.execute(
                sa.text(
                    "INSERT INTO person_phones (workspace_id, person_id, number, label, position,"
                    " reversed_digits, created_at, updated_at)"
                    " VALUES (:ws, :person, :number, :label, :n, '', :at, :at)"
                ),
                {"ws": ws, "person": ravi, "number": f"+1415555012{n}", "label": label,
                 "n": n, "at": at},
            )  # fmt: skip
        for n, label in enumerate(emails):
            session.execute(
                sa.text(
                    "INSERT INTO person_emails (workspace_id, person_id, address, label,"
                    " position, created_at, updated_at)"
                    " VALUES (:ws, :person, :address, :label, :n, :at, :at)"
                ),
                {"ws": ws, "person": ravi, "address": f"ravi{n}@example.com", "label": label,
                 "n": n, "at": at},
            )  # fmt: skip

    migrate.upgrade(empty_engine)

    with empty_engine.begin() as connection:
        kept_phones = connection.execute(text("SELECT label FROM person_phones ORDER BY position"))
        assert [row[0] for row in kept_phones] == [phone_label(label) for label in phones]
        kept_emails = connection.execute(text("SELECT label FROM person_emails ORDER BY position"))
        assert [row[0] for row in kept_emails] == [email_label(label) for label in emails]
    # (As the app keeps them today:)
    assert [phone_label(label) for label in phones] == [
        "work", "mobile", "work fax", "home fax", None, "Desk\t2", "mobile"
    ]  # fmt: skip
    assert [email_label(label) for label in emails] == [
        "work", "home", None, "iCloud", "Book  club", "work"
    ]  # fmt: skip


def test_apples_built_in_labels_kept_before_read_as_the_app_writes_them(
    empty_engine: Engine,
) -> None:
    """0035: a phone's "HomeFAX", "WorkFAX" or "OtherFAX" and a web address's "HomePage"
    (Apple's built-in labels, kept by name before) are "home fax", "work fax", "other fax"
    and "homepage"; a label of the user's own stays as written."""
    from alembic import command

    import factories as f
    from goodword.db import make_session_factory, transaction
    from goodword.workspaces import service as workspaces

    migrate.upgrade(empty_engine)
    config = migrate.alembic_config(empty_engine)
    with empty_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0034")
    sessions = make_session_factory(empty_engine)
    at = datetime(2026, 11, 1, tzinfo=UTC)
    phones = ["HomeFAX", "WorkFAX", "OtherFAX", "Fax at the lab", "work fax"]
    urls = ["HomePage", "Blog"]
    with transaction(sessions) as session:
        ws = workspaces.get_or_create(session).id
        person = f.person(session, ws, "Ravi Shankar")
        for n, label in enumerate(phones):
            session.execute(
                sa.text(
                    "INSERT INTO person_phones (workspace_id, person_id, number, label, position,"
                    " reversed_digits, created_at, updated_at)"
                    " VALUES (:ws, :person, :number, :label, :n, '', :at, :at)"
                ),
                {"ws": ws, "person": person.id, "number": f"+1415555012{n}", "label": label,
                 "n": n, "at": at},
            )  # fmt: skip
        for n, label in enumerate(urls):
            session.execute(
                sa.text(
                    "INSERT INTO person_urls (workspace_id, person_id, url, kind, label, position,"
                    " created_at, updated_at)"
                    " VALUES (:ws, :person, :url, 'web', :label, :n, :at, :at)"
                ),
                {"ws": ws, "person": person.id, "url": f"https://ravi{n}.example",
                 "label": label, "n": n, "at": at},
            )  # fmt: skip

    migrate.upgrade(empty_engine)

    with empty_engine.begin() as connection:
        kept = connection.execute(text("SELECT label FROM person_phones ORDER BY position"))
        assert [row[0] for row in kept] == [
            "home fax", "work fax", "other fax", "Fax at the lab", "work fax",
        ]  # fmt: skip
        kept = connection.execute(text("SELECT label FROM person_urls ORDER BY position"))
        assert [row[0] for row in kept] == ["homepage", "Blog"]


def test_web_address_labels_of_a_kind_kept_before_are_in_one_form(empty_engine: Engine) -> None:
    """0037: a web address's "Home", "Work" or "Other" (Apple's built-in labels kept by name
    before 0035, LinkedIn's OTHER) is "home", "work" or "other", as the app keeps them now;
    a label of the user's own stays as written, and so do phones' (0034 and 0035's)."""
    from alembic import command

    import factories as f
    from goodword.db import make_session_factory, transaction
    from goodword.workspaces import service as workspaces

    migrate.upgrade(empty_engine)
    config = migrate.alembic_config(empty_engine)
    with empty_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0036")
    sessions = make_session_factory(empty_engine)
    at = datetime(2026, 11, 1, tzinfo=UTC)
    urls = ["Home", "Work", "Other", " OTHER ", "other", "Portfolio", "LinkedIn", "Home office"]
    with transaction(sessions) as session:
        ws = workspaces.get_or_create(session).id
        person = f.person(session, ws, "Ravi Shankar")
        for n, label in enumerate(urls):
            session.execute(
                sa.text(
                    "INSERT INTO person_urls (workspace_id, person_id, url, kind, label, position,"
                    " created_at, updated_at)"
                    " VALUES (:ws, :person, :url, 'web', :label, :n, :at, :at)"
                ),
                {"ws": ws, "person": person.id, "url": f"https://ravi{n}.example",
                 "label": label, "n": n, "at": at},
            )  # fmt: skip

    migrate.upgrade(empty_engine)

    with empty_engine.begin() as connection:
        kept = connection.execute(text("SELECT label FROM person_urls ORDER BY position"))
        assert [row[0] for row in kept] == [
            "home", "work", "other", "other", "other", "Portfolio", "LinkedIn", "Home office",
        ]  # fmt: skip


def test_personal_web_pages_kept_before_are_home_ones(empty_engine: Engine) -> None:
    """0038: a web address labelled "personal" (Outlook's) or "Personal" (LinkedIn's) is
    "home", as the app keeps it now; other labels stay as they were."""
    from alembic import command

    import factories as f
    from goodword.db import make_session_factory, transaction
    from goodword.workspaces import service as workspaces

    migrate.upgrade(empty_engine)
    config = migrate.alembic_config(empty_engine)
    with empty_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0037")
    sessions = make_session_factory(empty_engine)
    at = datetime(2026, 11, 1, tzinfo=UTC)
    urls = ["personal", "Personal", " PERSONAL ", "home", "work", "Personal blog"]
    with transaction(sessions) as session:
        ws = workspaces.get_or_create(session).id
        person = f.person(session, ws, "Ravi Shankar")
        for n, label in enumerate(urls):
            session.execute(
                sa.text(
                    "INSERT INTO person_urls (workspace_id, person_id, url, kind, label, position,"
                    " created_at, updated_at)"
                    " VALUES (:ws, :person, :url, 'web', :label, :n, :at, :at)"
                ),
                {"ws": ws, "person": person.id, "url": f"https://ravi{n}.example",
                 "label": label, "n": n, "at": at},
            )  # fmt: skip

    migrate.upgrade(empty_engine)

    with empty_engine.begin() as connection:
        kept = connection.execute(text("SELECT label FROM person_urls ORDER BY position"))
        assert [row[0] for row in kept] == [
            "home", "home", "home", "home", "work", "Personal blog",
        ]  # fmt: skip
