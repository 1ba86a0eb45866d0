"""What the kinds see (:class:`Context`) and what they yield (:class:`Fact`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..findings import Finding
from ..i18n import Term
from ..io.reading import Document, Problem, SourceFile
from ..model.graph import Occurrence, pnode, process_entries
from ..model.implementation import Implementation, implementation
from ..model.repairs import Correction
from ..model.schema import SchemaIssue
from ..model.waivers import WaiverState
from ..standard.rulepack import Pack

if TYPE_CHECKING:
    import networkx as nx


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
    files: list[SourceFile]
    documents: list[Document]
    problems: list[Problem]
    schema: list[SchemaIssue]
    graph: nx.DiGraph
    pack: Pack
    declared_standard: str | None = None
    # ids read as the known id each is close to (a typo): reported by the kind of each id
    corrections: list[Correction] = field(default_factory=list)
    waivers: WaiverState | None = None
    # the findings not shown (over the limit of one rule in one file), each with whether it fails
    # the gate; the engine fills it in before the kind ``finding-limit`` runs
    hidden: list[tuple[Finding, bool]] = field(default_factory=list)
    limit: int = 0
    memo: dict[str, Any] = field(default_factory=dict, repr=False)

    def entries(self) -> list[Occurrence]:
        """Every process mapping of the model, in model order (listed once, for every kind)."""
        if "entries" not in self.memo:
            self.memo["entries"] = list(process_entries(self.documents))
        found: list[Occurrence] = self.memo["entries"]
        return found

    @property
    def catalogue(self) -> Any:
        return self.pack.catalogue

    @cached_property
    def file_keys(self) -> dict[str, str]:
        """The path of each file as shown -> its key (see :class:`~checker.sources.SourceFile`)."""
        return {f.display: f.key or f.display for f in self.files}

    def implementation(self, element: str) -> Implementation:
        return implementation(self.graph, element)

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
