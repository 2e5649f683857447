"""Origin keys: how a playbook's task names the records it is about.

A key reads like `rejection:opp:7:thank:person:12`: words for the playbook and its step,
and `kind:id` pairs for the records (`person`, `opp`, `interaction`, `ask` for a referral
ask, `use` for a reference use, `lead`). The export names those records by the file's own
keys (`person:p3`) and the import by the new ids, so a task keeps its key's meaning, and a
playbook finds the task it made, in any database.
"""

from __future__ import annotations

from collections.abc import Mapping


def rekey(key: str, names: Mapping[str, Mapping[str, str]]) -> str:
    """The key with each record it names renamed by `names` (kind -> old name -> new);
    a record the mapping does not know keeps its name.

    A word followed by something the mapping does not know is not taken as a pair, so in
    `opp:7:ask:person:12` the step `ask` is left alone and `person:12` is renamed.
    """
    parts = key.split(":")
    for index in range(len(parts) - 1):
        renamed = names.get(parts[index], {}).get(parts[index + 1])
        if renamed is not None:
            parts[index + 1] = renamed
    return ":".join(parts)
