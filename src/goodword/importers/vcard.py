"""vCard 2.1, 3.0 and 4.0: one file holding many cards, or many files (groups: `vcard_groups`).

Reading is a small streaming line reader rather than vobject: vobject builds an object per
property and reads about 2,000 cards a second, a tenth of what a large address book needs.
Writing (exports, in `importers/export.py`) is Goodword's own too; the tests read what it
writes with vobject, and check this reader against what vobject writes.
"""

from __future__ import annotations

from goodword.importers.address_book import key_by_name, whole_address
from goodword.importers.cleaning import (
    HEADLINE,
    clean_name,
    clean_organization,
    clean_whole_name,
    honorific_name,
    keep_in_touch_days,
    looks_like_email,
    name_as_keyed,
    profile_url,
    split_suffix,
)
from goodword.importers.dates import parse_date, read_birthday
from goodword.importers.own_exports import kept_jobs
from goodword.importers.particles import with_middle
from goodword.importers.reading import Document
from goodword.importers.records import (
    IncomingPerson,
    IncomingPosition,
    Labeled,
    LineWarning,
    Parsed,
    Skipped,
)
from goodword.importers.vcard_groups import not_a_person, settle_groups
from goodword.importers.vcard_text import (
    IGNORED,
    Card,
    Property,
    card_decoding,
    cards,
    split_escaped,
    text_of,
)
from goodword.importers.vcard_values import (
    address_label,
    agent_name,
    android_note,
    apple_label,
    capital,
    chat_handle,
    date_of,
    gender_in_words,
    group_of,
    jobs_of,
    label_of,
    own_position,
    phone_label,
    shown_date,
)
from goodword.records import shown, unify_line_breaks

SOURCE = "vcard"
# Not read in the main pass: VERSION is read by `parse`, X-ABLABEL before the others.
_NOT_READ = IGNORED | {"VERSION", "X-ABLABEL"}


def _person(
    document: Document, card: Card, parsed: Parsed, unread: dict[str, int]
) -> IncomingPerson | None:
    """The card's person (None for one with nothing to name them by, reported as skipped);
    `unread` counts the properties with a value that no field or note keeps."""
    person = IncomingPerson(source=SOURCE, file_name=document.name, line=card.line)
    # One pass finds both whether the card is our own and its group labels (item1.X-ABLabel).
    own = False
    label_props: list[tuple[str, Property]] = []
    encoded = False
    for prop in card.properties:
        # (A photo's or key's encoded bytes are never read as text.)
        encoded = encoded or ("ENCODING" in prop.params and prop.name not in IGNORED)
        if prop.name == "X-ABLABEL":
            if prop.group:
                label_props.append((prop.group, prop))
        elif prop.name.startswith("X-GOODWORD-") or (
            prop.name == "UID" and prop.value.startswith("goodword-")
        ):
            own = True
    # (Only a card with encoded values needs to know how to read them.)
    decoding = card_decoding(card, person.warnings) if encoded else None
    labels: dict[str, str] = {}
    for group, prop in label_props:
        # A label is text, escaped as any other ("Work\\, London").
        label = split_escaped(text_of(prop, own=own, decoding=decoding), "\x00")[0].strip()
        labels[group.lower()] = apple_label(label)
    notes: list[str] = []
    impp: list[str] = []  # (IMPP handles, their scheme left out, folded)
    chats: list[tuple[str, str]] = []  # (service, handle) of X-JABBER and the like
    # Each with its group (item1.ORG + item1.TITLE are one job's), or None.
    orgs: list[tuple[str | None, str, str | None]] = []
    titles: list[tuple[str | None, str]] = []
    roles: list[str] = []
    addresses: list[str] = []  # an address's notes ("Home address: 12 Elm Street, …")
    first_place = ""  # the place of the first address that gives one
    own_positions: list[IncomingPosition] = []
    given = family = prefix = generational = ""
    for prop in card.properties:
        name = prop.name
        if name in _NOT_READ:
            continue
        text = text_of(prop, own=own, decoding=decoding)
        if name == "FN":
            person.display_name = split_escaped(text, "\x00")[0].strip() or None
        elif name == "N":
            parts = [*split_escaped(text, ";"), "", "", "", "", ""]
            # Given and additional names, those not blank (filter keeps them unstripped).
            # (Several additional names are separated by commas: "Philip,Paul".)
            additional = " ".join(n.strip() for n in parts[2].split(",") if n.strip())
            given, family = (parts[1] if parts[1].strip() else ""), parts[0].strip()
            if additional:  # (only particles, "van der", they begin the family name)
                given, family = with_middle(given, additional, family)
            prefix = parts[3].strip()
            # "Jr." is part of the whole name; the rest of N's suffix ("M.D.,A.C.P.") is
            # credentials, known or not, which go to the notes.
            generational, credentials = split_suffix(parts[4])
            if credentials and not own:  # (our export's notes hold them already)
                notes.append(f"Credentials: {credentials}")
        elif name == "NICKNAME":
            notes.append("Goes by " + ", ".join(split_escaped(text, ",")))
        elif name == "EMAIL":
            address = split_escaped(text, "\x00")[0].strip()
            if address.lower().startswith("mailto:"):
                address = address[7:]
            if looks_like_email(address):
                person.emails.append(Labeled(address, label_of(prop, labels)))
            elif address:
                person.warnings.append(
                    LineWarning(f"'{shown(address)}' is not an e-mail address; not kept", prop.line)
                )
        elif name in ("TEL", "X-MS-TEL"):  # (Outlook's assistant, company, callback...)
            number = split_escaped(text, "\x00")[0].strip()
            number = number[4:] if number.lower().startswith("tel:") else number
            if number:
                person.phones.append(Labeled(number, phone_label(prop, labels), prop.line))
        elif name in ("URL", "X-SOCIALPROFILE"):
            raw = split_escaped(text, "\x00")[0].strip()
            try:
                url, kind = profile_url(raw)
            except ValueError:
                handle = next(iter(prop.params.get("X-USER", ())), "").strip()
                if name == "X-SOCIALPROFILE" and handle:
                    # Apple's "x-apple:ngozi_data", the handle in its x-user parameter.
                    network = label_of(prop, labels) or "social profile"
                    notes.append(f"{capital(network)}: {handle}")
                    continue
                person.warnings.append(
                    LineWarning(f"'{shown(raw)}' is not a web address; not kept", prop.line)
                )
                continue
            url_label = label_of(prop, labels)
            if kind == "linkedin" and not own:
                url_label = "LinkedIn"
            person.urls.append(Labeled(url, url_label))
        elif name == "ORG":
            parts = list(map(str.strip, split_escaped(text, ";")))
            if parts[0]:
                department = ", ".join(filter(None, parts[1:]))
                orgs.append((group_of(prop), clean_organization(parts[0]), department))
        elif name == "TITLE":
            titles.append((group_of(prop), split_escaped(text, "\x00")[0].strip()))
        elif name == "ROLE":
            role = split_escaped(text, "\x00")[0].strip()
            if role:
                roles.append(role)
        elif name == "AGENT":
            agent, from_card = agent_name(document, prop, text, decoding)
            if agent:
                notes.append(f"Agent: {agent}")
            if from_card:
                person.warnings.append(
                    LineWarning(
                        f"the agent's card ({agent}) is another person's; only their name is "
                        "kept, in the notes"
                        if agent
                        else "the agent's card (another person's) gives no name; not kept",
                        prop.line,
                    )
                )
        elif name == "X-GOODWORD-POSITION":
            own_positions.append(own_position(text))
        elif name == "BDAY":
            said, day = date_of(prop, text)
            born = read_birthday(said, parse_date(day), notes)
            person.birthday, person.birthday_no_year, unkept = born
            if unkept:
                person.warnings.append(LineWarning(unkept, prop.line))
        elif name in ("ANNIVERSARY", "X-ABDATE"):
            # Apple's dates carry their label in the group: item1.X-ABLabel:_$!<Anniversary>!$_.
            said = shown_date(*date_of(prop, text))
            date_label = label_of(prop, labels) if name == "X-ABDATE" else None
            if said:
                default = "anniversary" if name == "ANNIVERSARY" else "date"
                notes.append(f"{capital(date_label or default)}: {said}")
        elif name in ("RELATED", "X-ABRELATEDNAMES"):
            related = split_escaped(text, "\x00")[0].strip()
            if related:
                notes.append(f"{capital(label_of(prop, labels) or 'related')}: {related}")
                person.relations.append(notes[-1])
        elif name == "IMPP":
            address = split_escaped(text, "\x00")[0].strip()
            if address:
                notes.append(f"IM: {address}")
                impp.append(chat_handle(address))
        elif name in _IM_SERVICES:
            handle = split_escaped(text, "\x00")[0].strip()
            if handle:
                chats.append((_IM_SERVICES[name], handle))
        elif name == "GENDER":
            gender = gender_in_words(text)
            if gender:
                notes.append(f"Gender: {gender}")
        elif name == "NOTE":
            # (Phones write a quoted-printable line break as =0D=0A: one line break.)
            note = split_escaped(text, "\x00")[0]
            for more_line, more in prop.more:
                # Decoded as the note's first line is (its encoding, then its escapes).
                piece = Property(prop.group, name, prop.params, more, more_line)
                # A line ending in an encoded break ("=0D=0A") had its break already.
                note += "" if note.endswith(("\n", "\r")) else "\n"
                note += split_escaped(text_of(piece, own=own, decoding=decoding), "\x00")[0]
                person.warnings.append(
                    LineWarning(
                        f"'{more[:60]}' is not a vCard property (the note before it was not "
                        "folded as vCard folds lines); read as part of that note",
                        more_line,
                    )
                )
            notes.append(unify_line_breaks(note))
        elif name == "CATEGORIES":
            categories = [t.strip() for t in split_escaped(text, ",") if t.strip()]
            if "myContacts" in categories:
                # Google's own groups, not the user's labels (as its CSV's "* myContacts").
                categories = [t for t in categories if t not in _GOOGLE_GROUPS]
            person.tags.extend(categories)
        elif name == "X-GROUP-MEMBERSHIP":
            person.tags.extend(t.strip() for t in split_escaped(text, ",") if t.strip())
        elif name == "X-GOODWORD-LOCATION":
            person.location = split_escaped(text, "\x00")[0] or None
        elif name == "ADR":
            # Post office box, extended address, street, city, region, postal code, country.
            parts = [p.strip() for p in [*split_escaped(text, ";"), "", "", "", "", "", "", ""]]
            place = ", ".join(filter(None, (parts[3], parts[4], parts[6])))
            whole = whole_address(
                [parts[2], parts[1], parts[0]], parts[3], parts[4], parts[5], parts[6]
            )
            person.location = person.location or place or None
            # An address that says more than its place goes whole to the notes, and so does
            # another address's place: Goodword keeps one place a person.
            if whole != place or (first_place and place and place != first_place):
                whose = address_label(prop, labels)
                addresses.append(
                    f"{capital(whose)} address: {whole}" if whose else f"Address: {whole}"
                )
            first_place = first_place or place
        elif name == "UID":
            person.key = text.strip() or None
        elif name == "X-GOODWORD-INTERESTS":
            person.interests.extend(t for t in split_escaped(text, ",") if t.strip())
        elif name in ("INTEREST", "HOBBY", "EXPERTISE"):
            person.interests.extend(t.strip() for t in split_escaped(text, ",") if t.strip())
        elif name in _NOTED:
            value = split_escaped(text, "\x00")[0].strip()
            if value and _NOTED[name] == "Anniversary":
                value = shown_date(*date_of(prop, value))
            if value:
                notes.append(f"{_NOTED[name]}: {value}")
        elif name == "X-ANDROID-CUSTOM":
            extra = android_note(text)
            if extra:
                notes.append(extra)
            elif split_escaped(text, ";")[1:2] != [""]:
                # A kind of Android's Goodword has no words for: named, not dropped unsaid.
                unread[name] = unread.get(name, 0) + 1
        elif name == "X-GOODWORD-HOW-WE-MET":
            person.how_we_met = split_escaped(text, "\x00")[0] or None
        elif name == "X-GOODWORD-KEEP-IN-TOUCH-DAYS":
            days = text.strip()
            person.keep_in_touch_days = keep_in_touch_days(days)
            if person.keep_in_touch_days is None and days:
                person.warnings.append(
                    LineWarning(
                        f"keep in touch days '{days[:20]}' is not a whole number of days from "
                        "0 to 3650; not kept",
                        prop.line,
                    )
                )
        elif name not in _QUIET and not name.startswith(_QUIET_PREFIXES) and prop.value.strip():
            unread[name] = unread.get(name, 0) + 1
    # Apple writes each handle twice (IMPP and its own X-JABBER...), Android and
    # Evolution their own alone: a handle no IMPP gives is kept too.
    notes.extend(
        f"IM ({service}): {handle}" for service, handle in chats if chat_handle(handle) not in impp
    )
    written = person.display_name  # (the FN as the card gives it)
    if own:
        # One of Goodword's own exports: names are exactly as the user keeps them.
        person.source = "goodword"
        clean_given, clean_family, name_notes = given, family, list[str]()
    else:
        clean_given, clean_family, name_notes = clean_name(given, family)
        if person.display_name:
            person.display_name = clean_whole_name(person.display_name, name_notes)
            # What the shown name leaves out of N is kept all the same.
            words = person.display_name.split()
            if prefix and prefix not in words:
                name_notes.append(f"Name prefix: {prefix}")
            if generational and generational.split()[-1] not in words:
                name_notes.append(f"Name suffix: {generational}")
        else:
            # No FN (vCard 2.1 may leave it out): "Dr." and "Jr." have no fields of their
            # own, so the whole name keeps them.
            person.display_name = honorific_name(prefix, clean_given, clean_family, generational)
    person.given_name, person.family_name = clean_given or None, clean_family or None
    if not own and any(note.startswith(HEADLINE) for note in name_notes):
        # (The name keys were made of before headlines were taken out: as shown, else N's
        # parts with their prefix and suffix, else the parts.)
        kept_given, kept_family, _notes = clean_name(given, family, headlines=False)
        person.keyed_name = (
            (clean_whole_name(written, [], headlines=False) if written else None)
            or honorific_name(prefix, kept_given, kept_family, generational)
            or name_as_keyed(given, family, name_notes)
        )
    if own_positions:
        # (Read as Goodword's own CSV and JSON read theirs: a job none can keep is said.)
        person.positions = kept_jobs(own_positions, person.warnings)
    else:
        person.positions, unheld = jobs_of(orgs, titles)
        # A title with no organization to hold it, as the Outlook reader keeps one.
        notes.extend(f"Job title: {title}" for title in unheld if title)
    notes.extend(addresses)
    # A role is kept unless it only repeats a title ("CEO" as both).
    known = {title.casefold() for _group, title in titles}
    for role in roles:
        if role.casefold() not in known:
            notes.append(f"Role: {role}")
            known.add(role.casefold())
    # (A nickname given twice, as NICKNAME and as Android's own, is said once.)
    person.notes = "\n\n".join(dict.fromkeys([*name_notes, *notes])) or None
    # The same test as `not person.name`, without building the name.
    if not (person.display_name or person.given_name or person.family_name):
        # A business is named after itself; a card with an address or number alone by it.
        person.display_name = person.known_by()
        if person.display_name is None:
            parsed.skipped.append(
                Skipped(
                    document.name,
                    card.line,
                    "a card with no name, organization, e-mail address or phone number",
                )
            )
            return None
    return person


# Google's own groups in its vCards' CATEGORIES: every contact it keeps is in myContacts.
_GOOGLE_GROUPS = {"myContacts", "starred"}

# Outlook's and others' properties kept in the notes, as its CSV's columns are: "Spouse: Kim".
_NOTED = {
    "X-MS-SPOUSE": "Spouse",
    "X-MS-CHILD": "Child",
    "X-MS-MANAGER": "Manager",
    "X-MS-ASSISTANT": "Assistant",
    "X-MS-ANNIVERSARY": "Anniversary",
    "X-ANNIVERSARY": "Anniversary",
    "X-SPOUSE": "Spouse",
    "X-MANAGER": "Manager",
    "X-ASSISTANT": "Assistant",
    "X-MS-IMADDRESS": "IM",
    "X-SIP": "SIP",
    "BIRTHPLACE": "Birthplace",
    "PRONOUNS": "Pronouns",
    "EXPERTISE-LEVEL": "Expertise",
}

# Properties with nothing for a person's record: how a card is sorted, shown or synced,
# where on earth or in which time zone, its printed address (ADR says it), and a group's
# members (read by `parse`).
_QUIET = {
    "SOURCE", "NAME", "PROFILE", "MAILER", "LANG", "TZ", "GEO", "CLASS", "CLIENTPIDMAP",
    "LABEL", "MEMBER", "FBURL", "CALURI", "CALADRURI", "CREATED", "XML", "X-ABSHOWAS",
    "X-ADDRESSBOOKSERVER-KIND", "X-ADDRESSBOOKSERVER-MEMBER", "X-IMAGETYPE", "X-IMAGEHASH",
    "X-ABADR", "X-ANDROID-CUSTOM", "X-MS-OL-DEFAULT-POSTAL-ADDRESS",
    "X-MS-OL-DESIGN", "X-SHAREDPHOTODISPLAYPREF", "X-ABORIGINAL-UID",
}  # fmt: skip
# Instant-messaging handles in properties of their own, by the service each names.
_IM_SERVICES = {
    "X-AIM": "AIM", "X-JABBER": "Jabber", "X-SKYPE": "Skype", "X-SKYPE-USERNAME": "Skype",
    "X-MSN": "MSN", "X-ICQ": "ICQ", "X-YAHOO": "Yahoo", "X-QQ": "QQ",
    "X-GADUGADU": "Gadu-Gadu", "X-GOOGLE-TALK": "Google Talk",
}  # fmt: skip
_QUIET_PREFIXES = ("X-PHONETIC-", "X-GOODWORD-", "X-EVOLUTION-", "X-MOZILLA-", "X-APPLE-")


def parse(document: Document) -> Parsed:
    parsed = Parsed(document.name, "vcard", "vCard")
    versions: set[str] = set()
    seen: dict[str, int] = {}
    unread: dict[str, int] = {}
    groups: list[tuple[Card, str, list[str]]] = []
    group_rows: list[Skipped] = []
    # Card by card: a malformed line still fails the whole file, just after the cards before it.
    for card in cards(document):
        parsed.rows += 1
        for prop in card.properties:
            if prop.name == "VERSION":
                versions.add(prop.value.strip())
        no_one = not_a_person(document, card, groups)
        if no_one is not None:
            (group_rows if not no_one.reason else parsed.skipped).append(no_one)
            continue
        person = _person(document, card, parsed, unread)
        if person is None:
            continue
        if person.key:
            count = seen[person.key] = seen.get(person.key, 0) + 1
            person.key = person.key if count == 1 else f"{person.key}#{count}"
        else:
            email = person.emails[0].value if person.emails else None
            key_by_name(person, person.key_name, email, seen)
        parsed.people.append(person)
    settle_groups(parsed, groups, group_rows)
    if unread:
        said = ", ".join(
            f"{name} ({count:,} card{'s' if count > 1 else ''})"
            for name, count in sorted(unread.items())
        )
        parsed.notes.append(
            f"{document.name}: not imported, as Goodword has no field for them: {said}. "
            "Add what you need of them to those people by hand."
        )
    if versions:
        parsed.label = "vCard " + " and ".join(sorted(versions))
    return parsed
