"""A kind: every process that implements one of the rule's elements names its owner."""

from __future__ import annotations

from collections.abc import Iterator

from checker.kinds.context import Context, Fact
from checker.kinds.record import ELEMENTS, Kind, Options, gives


def process_owner(ctx: Context, options: Options) -> Iterator[Fact]:
    wanted = set(options["elements"])
    for occ in ctx.entries:  # every process entry as written, with its document and index
        pid, implements = occ.data.get("id"), occ.data.get("implements")
        if not isinstance(pid, str) or not isinstance(implements, list):
            continue  # the schema reports these
        if wanted & {str(e) for e in implements} and not occ.data.get("owner"):
            # the fact names the place by its path in the document; the engine finds the line
            yield Fact(subject=pid, doc=occ.doc, path=occ.path, args={"process": pid})


PROCESS_OWNER = Kind(
    process_owner,
    "model",
    options={
        "type": "object",
        "required": ["elements"],
        "properties": {"elements": ELEMENTS},
        "additionalProperties": False,
    },
    gives=gives("process"),
    elements=lambda options: list(options["elements"]),
)
