"""A picker with too many people to list: find someone by name, and the form takes them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from goodword import pickers
from goodword.db import make_engine, make_session_factory
from goodword.people import service as people
from goodword.people.models import Person
from goodword.people.schemas import PersonCreate
from goodword.tasks.models import Task
from goodword.workspaces import service as workspaces

pytestmark = pytest.mark.browser


def test_a_task_is_linked_to_someone_found_by_name(
    page: Page, live_server, monkeypatch: pytest.MonkeyPatch
):
    # The server runs in this process: two people are already "too many to list".
    monkeypatch.setattr(pickers, "CHOICE_LIMIT", 1)
    engine = make_engine(live_server.database_url)
    factory = make_session_factory(engine)
    with factory() as session:
        workspace_id = workspaces.get_or_create(session).id
        for name in ("Ada Lovelace", "Grace Hopper", "Grace Kelly"):
            people.create(session, workspace_id=workspace_id, data=PersonCreate(display_name=name))
        session.commit()
        hopper = session.scalar(select(Person).where(Person.display_name == "Grace Hopper"))
        assert hopper is not None

    page.goto(live_server.url + "/tasks/new")
    page.get_by_label(re.compile("^What to do")).fill("Ask Grace about the conference")
    number_box = page.get_by_label("Person (number)")
    expect(number_box).to_have_value("")
    page.get_by_label("Find a person by name").fill("grace ho")
    choice = page.get_by_role("button", name="Grace Hopper")
    expect(choice).to_be_visible()
    expect(page.get_by_role("button", name="Grace Kelly")).to_have_count(0)
    choice.click()
    expect(number_box).to_have_value(str(hopper.id))
    expect(page.get_by_text("Chosen: Grace Hopper")).to_be_visible()
    page.get_by_role("button", name=re.compile("save|add", re.I)).first.click()
    expect(page.get_by_text("Task added.")).to_be_visible()

    with factory() as session:
        task = session.scalars(select(Task)).one()
        assert (task.title, task.person_id) == ("Ask Grace about the conference", hopper.id)
    engine.dispose()


def test_a_long_list_of_people_is_searched_and_the_list_takes_the_one_found(
    page: Page, live_server, monkeypatch: pytest.MonkeyPatch
):
    # Two people are already "a long list": it keeps them all, with a search box beside it.
    monkeypatch.setattr(pickers, "FIND_FROM", 1)
    engine = make_engine(live_server.database_url)
    factory = make_session_factory(engine)
    with factory() as session:
        workspace_id = workspaces.get_or_create(session).id
        for name in ("Ada Lovelace", "Grace Hopper", "Grace Kelly"):
            people.create(session, workspace_id=workspace_id, data=PersonCreate(display_name=name))
        session.commit()
        hopper = session.scalar(select(Person).where(Person.display_name == "Grace Hopper"))
        assert hopper is not None

    page.goto(live_server.url + "/tasks/new")
    page.get_by_label(re.compile("^What to do")).fill("Ask Grace about the conference")
    chooser = page.get_by_label("Person", exact=True)
    expect(chooser).to_have_value("")
    expect(chooser.locator("option")).to_have_count(4)  # (no one, and everyone)
    page.get_by_label("Find a person by name").fill("grace ho")
    choice = page.get_by_role("button", name="Grace Hopper")
    expect(choice).to_be_visible()
    expect(page.get_by_role("button", name="Grace Kelly")).to_have_count(0)
    choice.click()
    expect(chooser).to_have_value(str(hopper.id))
    expect(chooser).to_be_focused()
    expect(page.get_by_text("Chosen: Grace Hopper")).to_be_visible()
    page.get_by_role("button", name=re.compile("save|add", re.I)).first.click()
    expect(page.get_by_text("Task added.")).to_be_visible()

    with factory() as session:
        task = session.scalars(select(Task)).one()
        assert (task.title, task.person_id) == ("Ask Grace about the conference", hopper.id)
    engine.dispose()


def test_without_javascript_a_long_list_works_alone(
    browser, live_server, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(pickers, "FIND_FROM", 1)
    engine = make_engine(live_server.database_url)
    factory = make_session_factory(engine)
    with factory() as session:
        workspace_id = workspaces.get_or_create(session).id
        for name in ("Ada Lovelace", "Grace Hopper"):
            people.create(session, workspace_id=workspace_id, data=PersonCreate(display_name=name))
        session.commit()
    engine.dispose()

    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/tasks/new")
        expect(page.get_by_label("Person", exact=True)).to_be_visible()
        # (A search box that could do nothing is not shown.)
        expect(page.get_by_label("Find a person by name")).to_be_hidden()
        page.get_by_label(re.compile("^What to do")).fill("Call Grace")
        page.get_by_label("Person", exact=True).select_option(label="Grace Hopper")
        page.get_by_role("button", name=re.compile("save|add", re.I)).first.click()
        expect(page.get_by_text("Task added.")).to_be_visible()
    finally:
        context.close()
