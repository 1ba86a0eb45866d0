"""What the kinds see (:class:`Context`) and what they yield (:class:`Fact`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..findings import Finding
from ..i18n import Term
from ..io.sources import Document, Problem, SourceFile
from ..model.graph import PROCESS, ModelGraph, Occurrence, pnode, process_entries
from ..model.implementation import Implementation
from ..model.releases import Releases
from ..model.schema import SchemaIssue, where
from ..model.suggest import Suggesters
from ..model.typos import Correction
from ..model.waivers import WaiverState
from ..standard.catalogue import Catalogue, well_formed
from ..standard.rulepack import Function, Pack

# (the process entry, the process id or where it stands, the index in its list, the text)
Listed = tuple[Occurrence, str, int, str]


@dataclass(frozen=True)
class Fact:
    """What a kind found: the subject, where it shows (a document path or an exact position)."""

    subject: str
    doc: Document | None = None
    path: tuple[Any, ...] = ()
    at_key: bool = False
    file: str | None = None
    line: int = 1
    column: int = 1
    element: str | None = None
    target: str | None = None
    args: Mapping[str, Any] = field(default_factory=dict)
    # another place the message names (``first``: where a repeated thing was first given), as a
    # (document, path, at_key) the engine locates; kinds never compute lines themselves
    first: tuple[Document, tuple[Any, ...], bool] | None = None
    # what identifies the fact in baselines when the subject names a list position
    identity: str | None = None


def hint(closest: str | None) -> dict[str, Any]:
    """Message arguments for "did you mean": ``{hint}`` names the closest known id, or is empty
    when none is close (never a dash or an empty suggestion)."""
    return {"closest": closest or "", "hint": Term("hint-closest" if closest else "t-none")}


@dataclass
class Context:
    """The model as the kinds see it: what was read, the schema issues, the graph and how each
    element is implemented, the pack and its functions. What several kinds list is listed once,
    by the named properties below."""

    files: list[SourceFile]
    documents: list[Document]
    problems: list[Problem]
    schema: list[SchemaIssue]
    graph: ModelGraph
    pack: Pack
    implementations: dict[str, Implementation]
    functions: dict[str, Function]
    declared_standard: str | None = None
    # ids read as the known id each is close to (a typo): reported by the kind of each id
    corrections: list[Correction] = field(default_factory=list)
    # the ids of today's eTOM releases and what each stands for (``model.releases``)
    releases: Releases = field(default_factory=Releases)
    # the elements the coverage rules require (their own or an alternative form); the engine
    # fills it in from the kinds' records
    required: frozenset[str] = frozenset()
    waivers: WaiverState | None = None
    # the findings not shown (over the limit of one rule in one file), each with whether it fails
    # the gate; the engine fills it in before the kind ``finding-limit`` runs
    hidden: list[tuple[Finding, bool]] = field(default_factory=list)
    limit: int = 0
    # the suggesters the pass that read ids as meant made, asked the same questions again here
    suggesters: Suggesters = field(default_factory=Suggesters)

    @property
    def catalogue(self) -> Catalogue:
        return self.pack.catalogue

    @cached_property
    def entries(self) -> list[Occurrence]:
        """Every process mapping of the model, in model order."""
        return list(process_entries(self.documents))

    @cached_property
    def interfaces(self) -> list[Listed]:
        """Every interface target written as text, with its process (which has an id)."""
        found: list[Listed] = []
        for occ in self.entries:
            pid, items = occ.data.get("id"), occ.data.get("interfaces")
            if not isinstance(pid, str) or not isinstance(items, list):
                continue
            for index, item in enumerate(items):
                target = item.get("to") if isinstance(item, dict) else None
                if isinstance(target, str):
                    found.append((occ, pid, index, target))
        return found

    @cached_property
    def implements(self) -> list[Listed]:
        """Every implemented id of the right form (others are the schema's to report)."""
        return [item for item in self._listed("implements") if well_formed(item[3])]

    @cached_property
    def listed_functions(self) -> list[Listed]:
        """Every function id that a process lists."""
        return self._listed("functions")

    def _listed(self, key: str) -> list[Listed]:
        found: list[Listed] = []
        for occ in self.entries:
            pid, items = occ.data.get("id"), occ.data.get(key)
            if not isinstance(items, list):
                continue
            name = pid if isinstance(pid, str) else where(occ.path)
            found.extend((occ, name, i, v) for i, v in enumerate(items) if isinstance(v, str) and v)
        return found

    @cached_property
    def file_keys(self) -> dict[str, str]:
        """The path of each file as shown -> its key (see :class:`~checker.io.sources.SourceFile`)."""
        return {f.display: f.key or f.display for f in self.files}

    def implementation(self, element: str) -> Implementation:
        return self.implementations.get(element) or Implementation(element)

    def provided(self, element: str) -> tuple[set[str], set[str]]:
        """The functions listed (aliases resolved) and the element ids implemented by the
        processes of an element."""
        provided: set[str] = set()
        implemented: set[str] = set()
        known = self.functions
        nodes, succ = self.graph.nodes, self.graph.succ
        for process in self.implementation(element).processes:
            node = (PROCESS, process)
            listed = nodes[node]["functions"]
            if listed:
                provided.update(known[f].id if f in known else f for f in listed)
            implemented.update(t[1] for t, edge in succ[node].items() if edge.get("kind") == "implements")
        return provided, implemented

    def occurrence(self, process_id: str) -> Occurrence:
        occ: Occurrence = self.graph.nodes[pnode(process_id)]["occurrence"]
        return occ

    def at_process(self, process_id: str, **fields: Any) -> Fact:
        """A fact placed at a process entry (its first line)."""
        occ = self.occurrence(process_id)
        return Fact(doc=occ.doc, path=occ.path, **fields)

    def organisations(self) -> list[Document]:
        return [d for d in self.documents if "organisation" in d.data]

    def at_organisation(self, **fields: Any) -> Fact:
        """A fact placed at the ``organisation`` entry, or at the top of the first file."""
        declared = self.organisations()
        if declared:
            return Fact(doc=declared[0], path=("organisation",), at_key=True, **fields)
        if self.documents:
            return Fact(doc=self.documents[0], path=(), **fields)
        first = self.files[0].display if self.files else "."
        return Fact(file=first, **fields)
