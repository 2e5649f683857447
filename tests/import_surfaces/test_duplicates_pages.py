"""The possible-duplicates queue: scan, side-by-side review, merge with chosen values, undo,
not the same; and other workspaces' pairs and merges are not found."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from sqlalchemy import select

import factories as f
from goodword.duplicates import merging, views
from goodword.duplicates import service as duplicates
from goodword.duplicates.models import CandidateStatus, DuplicateCandidate, Merge
from goodword.people import service as people
from goodword.people.models import Person
from goodword.people.schemas import PositionCreate


def two_johns(session, workspace_id):
    a = f.person(session, workspace_id, "John Smith", given_name="John", family_name="Smith",
                 emails=["john@work.example"], location="Leeds", notes="Met at PyCon.")  # fmt: skip
    b = f.person(session, workspace_id, "John Smith", given_name="John", family_name="Smith",
                 emails=["john@home.example"], location="York", birthday=date(1980, 2, 3),
                 notes="Plays chess.")  # fmt: skip
    return a, b


def queued(session, workspace_id):
    duplicates.find_duplicates(session, workspace_id=workspace_id)
    return session.scalars(
        select(DuplicateCandidate).where(DuplicateCandidate.workspace_id == workspace_id)
    ).one()


def test_the_queue_is_empty_until_a_scan_finds_a_pair(client, session, workspace):
    a, b = two_johns(session, workspace.id)
    page = client.get("/duplicates")
    assert page.status_code == 200
    assert "Nothing to review." in page.text
    scanned = client.post("/duplicates/scan", follow_redirects=False)
    assert scanned.status_code == 303 and scanned.headers["location"] == "/duplicates"
    page = client.get("/duplicates")
    assert "Found 1 new possible duplicate." in page.text
    candidate = session.scalars(select(DuplicateCandidate)).one()
    assert f'href="/duplicates/{candidate.id}"' in page.text
    assert f'<a href="/people/{a.id}">John Smith</a>' in page.text
    assert f'<a href="/people/{b.id}">John Smith</a>' in page.text
    assert "names 100% alike" in page.text
    assert "No new possible duplicates." in client.post("/duplicates/scan").text


def test_the_queue_tells_two_people_of_one_name_apart(client, session, workspace):
    # Under each name, the first of job, place and e-mail address the two both have and
    # differ in (else one has): Leeds and York, not a job one of them lacks.
    a, b = two_johns(session, workspace.id)
    people.add_position(
        session, workspace_id=workspace.id, person_id=b.id,
        data=PositionCreate(organization_name="Globex", title="Recruiter"),
    )  # fmt: skip
    c = f.person(session, workspace.id, "John Smith", emails=["js@third.example"],
                 location="Leeds")  # fmt: skip
    duplicates.find_duplicates(session, workspace_id=workspace.id)
    page = client.get("/duplicates").text

    def shown(one, other) -> tuple[str, str]:
        row = re.search(
            rf'<td data-label="One"><a href="/people/{one.id}">John Smith</a>((?:(?!</td>).)*)</td>'
            rf'\s*<td data-label="The other"><a href="/people/{other.id}">John Smith</a>'
            r"((?:(?!</td>).)*)</td>",
            page, re.S,
        )  # fmt: skip
        assert row, (one.id, other.id)
        small = r'<br><span class="muted small">(.*?)</span>'
        return tuple((m.group(1) if (m := re.search(small, cell)) else "") for cell in row.groups())

    assert shown(a, b) == ("Leeds", "York")
    # Both in Leeds: their e-mail addresses tell them apart.
    assert shown(a, c) == ("john@work.example", "js@third.example")
    assert 'aria-label="Review John Smith (Leeds) and John Smith (York)"' in page


def test_a_pair_told_apart_can_be_put_back_in_the_queue(client, session, workspace):
    two_johns(session, workspace.id)
    candidate = queued(session, workspace.id)
    client.post(f"/duplicates/{candidate.id}/not-same")
    page = client.post(f"/duplicates/{candidate.id}/reopen")
    assert "The pair is back in the queue to review." in page.text
    assert f'href="/duplicates/{candidate.id}"' in page.text
    session.expire_all()
    assert candidate.status is CandidateStatus.OPEN
    # Only a pair told apart can be put back.
    again = client.post(f"/api/v1/duplicates/{candidate.id}/reopen")
    assert again.status_code == 409
    assert "this one is open" in again.json()["error"]["message"]


def test_a_scan_can_merge_the_sure_pairs(client, session, workspace):
    f.person(session, workspace.id, "Ada Lovelace", emails=["ada@x.example"])
    f.person(session, workspace.id, "Ada L.", emails=["ada@x.example"])
    page = client.post("/duplicates/scan", data={"auto_merge": "1"})
    assert "Merged 1 sure pair; undo below." in page.text
    assert people.count(session, workspace_id=workspace.id) == 1
    assert re.search(
        r"<td data-label=\"Merged\">Ada L\.</td>\s*"
        r"<td data-label=\"Into\"><a href=\"/people/\d+\">Ada Lovelace</a>",
        page.text,
    )


def test_the_review_shows_a_birthday_without_its_year_as_a_day_to_choose(
    client, session, workspace
):
    a, _b = two_johns(session, workspace.id)
    a.birthday_no_year = "--02-03"
    session.flush()
    candidate = queued(session, workspace.id)

    page = client.get(f"/duplicates/{candidate.id}")

    assert re.search(r'<span class="visually-hidden">Birthday of A: </span>3 February</label>',
                     page.text)  # fmt: skip
    assert 'id="f-birthday-b" name="birthday" value="b"' in page.text


def test_the_review_shows_both_people_side_by_side(client, session, workspace):
    a, b = two_johns(session, workspace.id)
    candidate = queued(session, workspace.id)
    page = client.get(f"/duplicates/{candidate.id}")
    assert page.status_code == 200
    assert "<h1>Are these one person?</h1>" in page.text
    # Each choice is labelled with its field too, for a screen reader.
    assert re.search(r'id="f-location-a" name="location" value="a" checked>\s*'
                     r'<label for="f-location-a"><span class="visually-hidden">Location of A: '
                     r'</span>Leeds</label>', page.text)  # fmt: skip
    assert re.search(r'id="f-location-b" name="location" value="b" >\s*'
                     r'<label for="f-location-b"><span class="visually-hidden">Location of B: '
                     r'</span>York</label>', page.text)  # fmt: skip
    # Only B has a birthday: it is kept, with no empty value to pick instead.
    assert re.search(
        r'<td colspan="2" class="long-id" data-only="b">\d{4}-\d\d-\d\d <span class="muted '
        r'small">\(only B has one: kept\)</span>\s*<input type="hidden" name="birthday" '
        r'value="b"></td>',
        page.text,
    )
    assert 'name="birthday" value="a"' not in page.text
    assert 'id="f-notes-both" name="notes" value="both" checked' in page.text
    assert (
        '<td class="long-id">john@work.example</td><td class="long-id">john@home.example</td>'
    ) in page.text
    # The name is one choice, the same on both sides here: nothing to pick.
    assert 'name="name" value="a"' in page.text and 'name="given_name"' not in page.text
    assert "John Smith (given John, family Smith)" in page.text
    assert (
        f"A: John Smith (number {a.id})" in page.text
        and f"B: John Smith (number {b.id})" in page.text
    )


def test_the_review_shows_phone_numbers_as_they_read_with_their_extensions(
    client, session, workspace
):
    f.person(session, workspace.id, "Ravi Shankar", phones=["+1 415 555 0100 ext. 12"])
    f.person(session, workspace.id, "R. Shankar", phones=["(415) 555-0100 x12", "(415) 555-0199"])
    candidate = queued(session, workspace.id)
    assert candidate.reasons == ["same phone number (+1 415-555-0100 ext. 12)"]
    page = client.get(f"/duplicates/{candidate.id}").text
    assert re.search(
        r'<th scope="rowgroup" colspan="2">Phones</th></tr>\s*'
        r'<tr><td class="long-id">\+1 415-555-0100 ext\. 12</td>'
        r'<td class="long-id">\+1 415-555-0100 ext\. 12, \+1 415-555-0199</td>',
        page,
    )


def test_merging_keeps_both_emails_and_the_chosen_values_then_undo_restores(
    client, session, workspace
):
    a, b = two_johns(session, workspace.id)
    a_id, b_id = a.id, b.id
    candidate = queued(session, workspace.id)
    form = {"keep": "a", "location": "b", "birthday": "b", "notes": "a", "display_name": "a"}
    merged = client.post(f"/duplicates/{candidate.id}/merge", data=form, follow_redirects=False)
    assert merged.status_code == 303 and merged.headers["location"] == "/duplicates"
    session.expire_all()
    (john,) = session.scalars(select(Person).where(Person.workspace_id == workspace.id)).all()
    assert john.id == a.id
    assert sorted(e.address for e in john.emails) == ["john@home.example", "john@work.example"]
    assert (john.location, john.birthday, john.notes) == ("York", date(1980, 2, 3), "Met at PyCon.")
    page = client.get("/duplicates")
    assert f"Merged John Smith (number {b_id}) into John Smith (number {a_id}), who stays." in (
        page.text
    )
    record = session.scalars(select(Merge)).one()
    assert f'action="/duplicates/merges/{record.id}/undo"' in page.text
    # The history does not read "John Smith into John Smith" unexplained.
    assert (
        '<td data-label="Merged">John Smith <span class="muted small">(a second record of the '
        "same name)" in page.text
    )
    undone = client.post(f"/duplicates/merges/{record.id}/undo", follow_redirects=False)
    assert undone.status_code == 303
    session.expire_all()
    assert people.count(session, workspace_id=workspace.id) == 2
    restored = people.get(session, workspace_id=workspace.id, person_id=b_id)
    assert [e.address for e in restored.emails] == ["john@home.example"]
    assert people.get(session, workspace_id=workspace.id, person_id=a.id).location == "Leeds"
    history = client.get("/duplicates").text
    assert "is their own person again." in history and "undone" in history
    assert f'action="/duplicates/merges/{record.id}/undo"' not in history


def test_the_name_is_taken_whole_from_the_side_chosen(client, session, workspace):
    a = f.person(session, workspace.id, "Wen Voduru", given_name="Wen", family_name="Voduru",
                 emails=["wen@x.example"])  # fmt: skip
    b = f.person(session, workspace.id, "Wen Vomicuru", given_name="Wen", family_name="Vomicuru",
                 emails=["wen@x.example"])  # fmt: skip
    candidate = queued(session, workspace.id)
    swapped = candidate.person_a_id != a.id
    form = {"keep": "a", "name": "a" if swapped else "b"}  # Vomicuru's name, Voduru's record
    response = client.post(f"/duplicates/{candidate.id}/merge", data=form)
    assert response.status_code in (200, 303)
    session.expire_all()
    (kept,) = session.scalars(select(Person).where(Person.workspace_id == workspace.id)).all()
    assert (kept.display_name, kept.given_name, kept.family_name) == ("Wen Vomicuru", "Wen",
                                                                      "Vomicuru")  # fmt: skip
    # So does a merge that chooses only the name shown (the API's, the CLI's --prefer).
    merging.undo_merge(session, workspace_id=workspace.id,
                       merge_id=session.scalars(select(Merge)).one().id)  # fmt: skip
    ids = sorted(p.id for p in session.scalars(select(Person)))
    first = people.get(session, workspace_id=workspace.id, person_id=ids[0])
    other = people.get(session, workspace_id=workspace.id, person_id=ids[1])
    merging.merge(session, workspace_id=workspace.id, survivor_id=first.id,
                  absorbed_id=other.id, choices={"display_name": "b"})  # fmt: skip
    session.expire_all()
    kept = people.get(session, workspace_id=workspace.id, person_id=first.id)
    assert kept.family_name == kept.display_name.split()[-1]
    del b


def test_the_history_says_same_name_only_of_records_that_bore_one(client, session, workspace):
    bob = f.person(session, workspace.id, "Bob Smith", emails=["bob@x.example"])
    robert = f.person(session, workspace.id, "Robert Smith", emails=["rs@x.example"])
    merging.merge(session, workspace_id=workspace.id, survivor_id=bob.id,
                  absorbed_id=robert.id, choices={"display_name": "b"})  # fmt: skip
    page = client.get("/duplicates").text
    assert '<td data-label="Merged">Robert Smith</td>' in page
    assert "(a second record of the same name)" not in page


def test_keeping_b_keeps_its_record_and_reads_the_choices_as_shown(client, session, workspace):
    _a, b = two_johns(session, workspace.id)
    candidate = queued(session, workspace.id)
    client.post(f"/duplicates/{candidate.id}/merge", data={"keep": "b", "location": "a"})
    session.expire_all()
    (john,) = session.scalars(select(Person).where(Person.workspace_id == workspace.id)).all()
    assert john.id == b.id
    assert john.location == "Leeds"  # A's value, picked on the left
    assert john.notes == "Plays chess.\n\nMet at PyCon."  # no choice: both notes kept


def test_a_tampered_choice_is_shown_on_the_review_page(client, session, workspace):
    two_johns(session, workspace.id)
    candidate = queued(session, workspace.id)
    response = client.post(f"/duplicates/{candidate.id}/merge", data={"location": "c"})
    assert response.status_code == 422
    assert '<a href="#f-location">location</a>' in response.text
    assert people.count(session, workspace_id=workspace.id) == 2


def test_not_the_same_takes_the_pair_off_the_queue_for_good(client, session, workspace):
    two_johns(session, workspace.id)
    candidate = queued(session, workspace.id)
    page = client.post(f"/duplicates/{candidate.id}/not-same")
    assert (
        f"Marked John Smith (number {candidate.person_a_id}) and John Smith (number "
        f"{candidate.person_b_id}) as two different people" in page.text
    )
    assert "Nothing to review." in page.text
    assert f'action="/duplicates/{candidate.id}/reopen"' in page.text  # under Told apart
    session.expire_all()
    assert candidate.status is CandidateStatus.NOT_SAME
    review = client.get(f"/duplicates/{candidate.id}").text
    assert "These are marked as two different people (by you, or by a merge" in review
    assert "Not the same person" not in review
    assert "No new possible duplicates." in client.post("/duplicates/scan").text


def test_other_workspaces_pairs_and_merges_are_not_found(client, session, other_workspace):
    two_johns(session, other_workspace.id)
    candidate = queued(session, other_workspace.id)
    # As a pair merged since: the queue, saying it is no longer waiting, and nothing of it.
    review = client.get(f"/duplicates/{candidate.id}")
    assert review.url.path == "/duplicates"
    assert "That pair is no longer waiting for you" in review.text
    assert "John Smith" not in review.text
    # A button pressed for it is told what a pair gone from this queue is told; nothing changes.
    for action in ("merge", "not-same"):
        page = client.post(f"/duplicates/{candidate.id}/{action}", data={}).text
        assert "That pair is no longer waiting for you" in page
    session.expire_all()
    assert candidate.status is CandidateStatus.OPEN
    record = merging.merge(
        session,
        workspace_id=other_workspace.id,
        survivor_id=candidate.person_a_id,
        absorbed_id=candidate.person_b_id,
    )
    undo = client.post(f"/duplicates/merges/{record.id}/undo").text
    assert f"Nothing was undone. No merge number {record.id}" in undo
    page = client.get("/duplicates").text
    assert "Nothing to review." in page and "No merges yet." in page
    assert record.undone_at is None


def test_the_queue_is_in_the_main_menu(client):
    page = client.get("/duplicates")
    assert '<a href="/duplicates" aria-current="page">Duplicates</a>' in page.text
    icon = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', page.text)
    assert icon and client.get(icon.group(1)).headers["content-type"].startswith("image/svg")


def test_a_merged_away_persons_page_leads_to_whom_they_were_merged_into(
    client, session, workspace, other_workspace
):
    a, b = two_johns(session, workspace.id)
    c = f.person(session, workspace.id, "Johnny Smith", emails=["johnny@example.org"])
    a_id, b_id, c_id = a.id, b.id, c.id
    merging.merge(session, workspace_id=workspace.id, survivor_id=a_id, absorbed_id=b_id)
    later = merging.merge(session, workspace_id=workspace.id, survivor_id=c_id, absorbed_id=a_id)
    session.commit()

    for gone in (b_id, a_id):  # merged into A, which later merged into C
        response = client.get(f"/people/{gone}", follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == f"/people/{c_id}"
    page = client.get(f"/people/{b_id}")
    assert f"John Smith (number {b_id}) was merged into Johnny Smith (number {c_id})." in page.text

    merging.undo_merge(session, workspace_id=workspace.id, merge_id=later.id)
    session.commit()
    assert client.get(f"/people/{a_id}", follow_redirects=False).status_code == 200
    assert client.get(f"/people/{b_id}", follow_redirects=False).headers["location"] == (
        f"/people/{a_id}"
    )
    assert client.get("/people/999999").status_code == 404  # never existed


def test_another_workspaces_merged_person_is_not_found(client, session, other_workspace):
    a, b = two_johns(session, other_workspace.id)
    merging.merge(session, workspace_id=other_workspace.id, survivor_id=a.id, absorbed_id=b.id)
    session.commit()
    assert client.get(f"/people/{b.id}", follow_redirects=False).status_code == 404


def test_undo_gives_the_merged_person_their_number_back_after_someone_is_added(
    client, session, workspace
):
    """The absorbed person was the newest; someone added since gets a number of their own
    (no id is given twice), so the merged person comes back under theirs and the link
    shown before the merge opens them again."""
    a, b = two_johns(session, workspace.id)  # b is the newest person
    old_b = b.id
    record = merging.merge(session, workspace_id=workspace.id, survivor_id=a.id,
                           absorbed_id=b.id)  # fmt: skip
    newcomer = f.person(session, workspace.id, "Jane Doe")
    session.commit()
    assert newcomer.id != old_b

    page = client.post(f"/duplicates/merges/{record.id}/undo").text

    session.expire_all()
    assert f"Undid the merge: John Smith (number {old_b}) is their own person again." in page
    assert "They are number" not in page
    assert session.get(Merge, record.id).absorbed_id == old_b
    assert "John Smith" in client.get(f"/people/{old_b}").text


def test_undo_says_when_the_merged_person_comes_back_under_a_new_number(client, session, workspace):
    """A merge made while SQLite still gave ids out again (before migration 0033): someone
    added after it may hold the absorbed person's number."""
    a, b = two_johns(session, workspace.id)  # b is the newest person
    old_b = b.id
    record = merging.merge(session, workspace_id=workspace.id, survivor_id=a.id,
                           absorbed_id=b.id)  # fmt: skip
    f.give_ids_out_again(session, people=old_b)
    newcomer = f.person(session, workspace.id, "Jane Doe")
    session.commit()
    assert newcomer.id == old_b

    page = client.post(f"/duplicates/merges/{record.id}/undo").text

    session.expire_all()
    restored_id = session.get(Merge, record.id).absorbed_id
    assert f"Undid the merge: John Smith (number {restored_id}) is their own person again." in page
    assert restored_id != old_b
    assert f"They are number {restored_id} now: number {old_b} was given to someone" in page
    assert people.get(session, workspace_id=workspace.id, person_id=newcomer.id).display_name == (
        "Jane Doe"
    )


def test_the_queue_says_how_many_pairs_wait(client, session, workspace, other_workspace):
    hub = f.person(session, workspace.id, "Sam Hub")
    others = [f.person(session, workspace.id, f"Sam Spoke {n}") for n in range(52)]
    for n, other in enumerate(others):
        session.add(
            DuplicateCandidate(
                workspace_id=workspace.id, person_a_id=hub.id, person_b_id=other.id,
                score=0.5, reasons=["same given name"],
                status=CandidateStatus.NOT_SAME if n == 0 else CandidateStatus.OPEN,
            )
        )  # fmt: skip
    two_johns(session, other_workspace.id)
    queued(session, other_workspace.id)  # another workspace's pair counts for nobody here
    session.flush()

    page = client.get("/duplicates").text
    assert "51 pairs wait for you, the most likely first (50 a page)." in page
    after = re.search(r'href="/duplicates\?after=([^"]+)"', page).group(1)
    assert "51 pairs wait for you" in client.get(f"/duplicates?after={after}").text

    for candidate in session.scalars(
        select(DuplicateCandidate).where(DuplicateCandidate.person_a_id == hub.id)
    ):
        if candidate.person_b_id != others[1].id:
            candidate.status = CandidateStatus.NOT_SAME
    session.flush()
    page = client.get("/duplicates").text
    assert "1 pair waits for you, the most likely first." in page


def test_a_merge_from_the_review_page_keeps_a_note_only_one_has(client, session, workspace):
    f.person(session, workspace.id, "Daniel Kim", notes="Old climbing buddy")
    f.person(session, workspace.id, "Daniel Kim")
    session.commit()
    client.post("/duplicates/scan")
    candidate = queued(session, workspace.id)
    page = client.get(f"/duplicates/{candidate.id}").text
    assert 'name="notes" value="b"' not in page  # no empty note to pick over it
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="(\w+)">', page))
    client.post(f"/duplicates/{candidate.id}/merge", data=fields | {"keep": "b"})
    session.expire_all()
    (daniel,) = session.scalars(select(Person).where(Person.workspace_id == workspace.id)).all()
    assert daniel.notes == "Old climbing buddy"


def test_a_pair_gone_in_another_tab_is_said_and_nothing_changes(client, session, workspace):
    two_johns(session, workspace.id)
    candidate = queued(session, workspace.id)
    pair_id = candidate.id
    record = merging.merge(session, workspace_id=workspace.id, survivor_id=candidate.person_a_id,
                           absorbed_id=candidate.person_b_id)  # fmt: skip
    session.commit()
    for action in ("merge", "not-same"):
        page = client.post(f"/duplicates/{pair_id}/{action}")
        assert page.status_code == 200
        assert "That pair is no longer waiting for you: the two were merged" in page.text
    client.post(f"/duplicates/merges/{record.id}/undo")
    again = client.post(f"/duplicates/merges/{record.id}/undo")
    assert again.status_code == 200
    assert f"Nothing was undone. Merge {record.id} was already undone" in again.text
    assert people.count(session, workspace_id=workspace.id) == 2


def test_a_merge_says_which_waiting_pairs_it_told_apart(client, session, workspace):
    dans = [
        f.person(session, workspace.id, "Dan Kim", given_name="Dan", family_name="Kim")
        for _ in range(3)
    ]
    duplicates.find_duplicates(session, workspace_id=workspace.id)
    pairs = {
        (c.person_a_id, c.person_b_id): c for c in session.scalars(select(DuplicateCandidate)).all()
    }
    first, second, third = (d.id for d in dans)
    duplicates.mark_not_same(
        session, workspace_id=workspace.id, candidate_id=pairs[(second, third)].id
    )
    waiting = pairs[(first, third)].id
    session.commit()
    page = client.post(f"/duplicates/{pairs[(first, second)].id}/merge", data={"keep": "a"}).text
    assert (
        f"Merged Dan Kim (number {second}) into Dan Kim (number {first}), who stays. 1 pair of "
        "Dan Kim&#39;s waiting in the queue moved to Told apart, as you had told Dan Kim apart "
        "from that person."
    ) in page
    session.expire_all()
    assert session.get(DuplicateCandidate, waiting).status is CandidateStatus.NOT_SAME


def test_a_name_with_no_family_name_is_kept_whole_by_the_page_s_defaults(
    client, session, workspace
):
    f.person(session, workspace.id, "Cher", given_name="Cher", emails=["cher@x.example"])
    f.person(session, workspace.id, "Cher Sarkisian", given_name="Cher", family_name="Sarkisian",
             emails=["cher@x.example"])  # fmt: skip
    duplicates.find_duplicates(session, workspace_id=workspace.id)
    candidate = session.scalars(select(DuplicateCandidate)).one()
    # The page's defaults: the name of the one on the left, kept.
    page = client.post(f"/duplicates/{candidate.id}/merge", data={"keep": "a", "name": "a"})
    assert page.status_code == 200 and "Merged" in page.text
    session.expire_all()
    (kept,) = session.scalars(select(Person)).all()
    assert (kept.display_name, kept.given_name, kept.family_name) == ("Cher", "Cher", None)


def test_the_review_page_says_when_their_linkedin_profiles_differ(client, session, workspace):
    ann = "https://www.linkedin.com/in/christina-jones"
    other = "https://www.linkedin.com/in/christian-jones-8"
    a = f.person(session, workspace.id, "Christina Jones", urls=[ann])
    b = f.person(session, workspace.id, "Christian Jones", urls=[other, "https://cj.example"])
    c = f.person(session, workspace.id, "Christina Jones", urls=[ann])
    pairs = [(a, b), (a, c)]
    differ, same = (
        DuplicateCandidate(
            workspace_id=workspace.id,
            person_a_id=one.id,
            person_b_id=other.id,
            score=0.9,
            reasons=["names alike"],
        )
        for one, other in pairs
    )
    session.query(DuplicateCandidate).delete()  # (the shared profile queued a and c)
    session.add_all([differ, same])
    session.commit()

    page = client.get(f"/duplicates/{differ.id}").text
    assert (
        f"Their LinkedIn profiles differ (A: {ann}; B: {other}). That is usually two people"
    ) in page
    assert "profiles-differ" not in client.get(f"/duplicates/{same.id}").text


def test_the_queue_tells_the_ticked_pairs_apart_at_once(client, session, workspace):
    hub = f.person(session, workspace.id, "Sam Hub")
    pairs = [
        DuplicateCandidate(
            workspace_id=workspace.id,
            person_a_id=hub.id,
            score=0.5,
            reasons=["names alike"],
            person_b_id=f.person(session, workspace.id, f"Sam Spoke {n}").id,
        )
        for n in range(3)
    ]
    session.add_all(pairs)
    session.commit()
    first, second, third = (p.id for p in pairs)
    page = client.get("/duplicates").text
    assert f'name="pair" value="{first}" form="tell-apart"' in page

    told = client.post("/duplicates/not-same", data={"pair": [str(first), str(third)]})
    assert "Marked 2 pairs as two different people" in told.text
    session.expire_all()
    assert {p.id: p.status for p in session.scalars(select(DuplicateCandidate))} == {
        first: CandidateStatus.NOT_SAME,
        second: CandidateStatus.OPEN,
        third: CandidateStatus.NOT_SAME,
    }
    gone = client.post("/duplicates/not-same", data={"pair": [str(second), "999999"]})
    assert "One of the ticked pairs is no longer waiting" in gone.text
    session.expire_all()
    assert session.get(DuplicateCandidate, second).status is CandidateStatus.OPEN
    assert "Tick the pairs" in client.post("/duplicates/not-same", data={}).text
    for odd in ("²", "1" * 5000, "9" * 20):
        assert "Tick the pairs" in client.post("/duplicates/not-same", data={"pair": odd}).text


def _pager(page: str, label: str) -> dict[str, str]:
    """The links of the pager so labelled, by their words."""
    nav = re.search(rf'<nav class="pager" aria-label="{label}">(.*?)</nav>', page, re.S)
    if not nav:
        return {}
    return {
        words: html.unescape(href)
        for href, words in re.findall(r'<a (?:rel="\w+" )?href="([^"]*)">([^<]*)</a>', nav[1])
    }


def _section_rows(page: str, table: str) -> list[str]:
    body = page.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr>(.*?)</tr>", body, re.S)[1:]


@pytest.mark.parametrize(
    ("label", "table"),
    [
        ("Pages of pairs to review", "duplicate-queue"),
        ("Pages of pairs told apart", "told-apart"),
        ("Pages of the merge history", "merge-history"),
    ],
)
def test_each_list_of_the_queue_pages_forward_and_back(
    client, session, workspace, monkeypatch, label, table
):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    monkeypatch.setattr(views, "HISTORY_SIZE", 2)
    hub = f.person(session, workspace.id, "Sam Hub")
    for n in range(5):
        for status in (CandidateStatus.OPEN, CandidateStatus.NOT_SAME):
            spoke = f.person(session, workspace.id, f"Sam Spoke {status.value} {n}")
            session.add(
                DuplicateCandidate(
                    workspace_id=workspace.id, person_a_id=hub.id, person_b_id=spoke.id,
                    score=0.5 + n / 100, reasons=["same given name"], status=status,
                )
            )  # fmt: skip
        kept = f.person(session, workspace.id, f"Kept {n}")
        gone = f.person(session, workspace.id, f"Merged {n}")
        merging.merge(session, workspace_id=workspace.id, survivor_id=kept.id, absorbed_id=gone.id)
    session.flush()

    page = client.get("/duplicates").text
    assert "Previous page" not in _pager(page, label)
    pages = [_section_rows(page, table)]
    while "Next page →" in _pager(page, label):
        page = client.get(_pager(page, label)["Next page →"]).text
        pages.append(_section_rows(page, table))
    assert [len(rows) for rows in pages] == [2, 2, 1]
    assert len({row for rows in pages for row in rows}) == 5
    back = [pages[-1]]
    while "← Previous page" in _pager(page, label):
        page = client.get(_pager(page, label)["← Previous page"]).text
        back.append(_section_rows(page, table))
    assert back[::-1] == pages
    # A list's links go to its own part of the page.
    part = {"duplicate-queue": "", "told-apart": "#apart-heading"}.get(table, "#history-heading")
    assert _pager(page, label)["Next page →"].endswith(part)


def test_paging_one_list_of_the_queue_keeps_the_others_where_they_are(
    client, session, workspace, monkeypatch
):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    monkeypatch.setattr(views, "HISTORY_SIZE", 2)
    hub = f.person(session, workspace.id, "Sam Hub")
    for n in range(5):
        for status in (CandidateStatus.OPEN, CandidateStatus.NOT_SAME):
            spoke = f.person(session, workspace.id, f"Sam Spoke {status.value} {n}")
            session.add(
                DuplicateCandidate(
                    workspace_id=workspace.id, person_a_id=hub.id, person_b_id=spoke.id,
                    score=0.5 + n / 100, reasons=["same given name"], status=status,
                )
            )  # fmt: skip
        kept = f.person(session, workspace.id, f"Kept {n}")
        gone = f.person(session, workspace.id, f"Merged {n}")
        merging.merge(session, workspace_id=workspace.id, survivor_id=kept.id, absorbed_id=gone.id)
    session.flush()

    first = client.get("/duplicates").text
    queue_second = client.get(_pager(first, "Pages of pairs to review")["Next page →"]).text
    apart_second = client.get(_pager(queue_second, "Pages of pairs told apart")["Next page →"]).text
    history_second = client.get(
        _pager(apart_second, "Pages of the merge history")["Next page →"]
    ).text
    # Each list moved on once, and the two others stayed where they were.
    for table, page in (
        ("duplicate-queue", queue_second),
        ("told-apart", apart_second),
        ("merge-history", history_second),
    ):
        assert _section_rows(history_second, table) == _section_rows(page, table)
        assert _section_rows(history_second, table) != _section_rows(first, table)


def test_the_pairs_from_picker_marks_an_undone_import(client):
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alan Turing\r\nEND:VCARD\r\n"
    kept = client.post("/api/v1/imports", files=[("files", ("a.vcf", card.encode(), "text/vcard"))])
    other = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nEND:VCARD\r\n"
    undone = client.post(
        "/api/v1/imports", files=[("files", ("b.vcf", other.encode(), "text/vcard"))]
    ).json()["id"]
    assert client.post(f"/api/v1/imports/{undone}/undo").status_code == 200

    picker = client.get("/duplicates").text.split('id="f-import"')[1].split("</select>")[0]

    options = re.findall(r'<option value="(\d+)">([^<]*)</option>', picker)
    assert [(int(i), text.split(", ")[0]) for i, text in options] == [
        (undone, f"import {undone} (undone)"),
        (kept.json()["id"], f"import {kept.json()['id']}"),
    ]
