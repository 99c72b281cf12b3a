"""Stage `graph`: a fast validator for the SHACL Core subset unkg's shapes use.

pySHACL takes about 0.2 s for one report graph; a corpus of thousands of
reports needs milliseconds.  This module reads the shapes graph, compiles the
constraints it supports (targetClass, sh:property with sh:path, minCount,
maxCount, datatype, pattern, in, class, nodeKind, lessThanOrEquals,
uniqueLang, minInclusive, sh:or) into plain Python, and checks a graph given as
pyoxigraph triples or quads.  A shape using anything else is refused when the
shapes are loaded, never silently skipped.  The tests check that it finds the
same violations as pySHACL.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Iterable

import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode
from rdflib import RDF, RDFS
from rdflib.collection import Collection

from unkg.resources import ontology_path, shapes_path

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = str(RDF.type)
LANG_STRING = str(RDF.langString)
SUPPORTED = {SH.path, SH.minCount, SH.maxCount, SH.datatype, SH.pattern, getattr(SH, "in"), SH["class"],
             SH.nodeKind, SH.lessThanOrEquals, SH.uniqueLang, SH.minInclusive, SH["or"], SH.message,
             SH.targetClass, SH.property, RDF.type, SH.name, SH.description, SH.severity}


class UnsupportedShape(ValueError):
    pass


@dataclass
class Constraint:
    path: str | None  # None: a node-level constraint
    checks: dict[str, Any] = field(default_factory=dict)
    message: str | None = None
    shape: str = ""


@dataclass
class NodeShape:
    iri: str
    targets: list[str]
    constraints: list[Constraint]
    message: str | None = None


@dataclass
class Violation:
    focus: str
    path: str | None
    message: str
    severity: str = "Violation"
    shape: str | None = None


def _term(node) -> Any:
    """An rdflib term from the shapes graph as a comparable key."""
    if isinstance(node, rdflib.Literal):
        dt = str(node.datatype) if node.datatype else (LANG_STRING if node.language else XSD + "string")
        return ("L", str(node), dt, node.language)
    return ("I", str(node))


def _key(term) -> Any:
    """A pyoxigraph term from the data as a comparable key (same form as _term)."""
    if isinstance(term, Literal):
        lang = term.language
        return ("L", term.value, LANG_STRING if lang else term.datatype.value, lang)
    return ("I", term.value)


def _compile_constraint(g: rdflib.Graph, node, path: str | None, shape_iri: str) -> Constraint:
    for p in set(g.predicates(node)):
        if p not in SUPPORTED:
            raise UnsupportedShape(f"{shape_iri}: {p} is not supported by the fast validator; use --engine pyshacl")
    checks: dict[str, Any] = {}
    for name in ("minCount", "maxCount", "minInclusive"):
        v = g.value(node, SH[name])
        if v is not None:
            checks[name] = v.toPython()
    for name in ("datatype", "class", "nodeKind", "lessThanOrEquals"):
        v = g.value(node, SH[name])
        if v is not None:
            checks[name] = str(v)
    pattern = g.value(node, SH.pattern)
    if pattern is not None:
        checks["pattern"] = re.compile(str(pattern))
    values = g.value(node, getattr(SH, "in"))
    if values is not None:
        checks["in"] = {_term(v) for v in Collection(g, values)}
    if g.value(node, SH.uniqueLang) is not None:
        checks["uniqueLang"] = bool(g.value(node, SH.uniqueLang).toPython())
    alternatives = g.value(node, SH["or"])
    if alternatives is not None:
        checks["or"] = [_compile_constraint(g, alt, str(g.value(alt, SH.path)) if g.value(alt, SH.path) else None,
                                            shape_iri) for alt in Collection(g, alternatives)]
    message = g.value(node, SH.message)
    return Constraint(path, checks, str(message) if message else None, shape_iri)


@cache
def compiled_shapes() -> tuple[list[NodeShape], dict[str, set[str]]]:
    shapes = rdflib.Graph().parse(shapes_path(), format="turtle")
    ontology = rdflib.Graph().parse(ontology_path(), format="turtle")
    out = []
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        targets = [str(t) for t in shapes.objects(shape, SH.targetClass)]
        constraints = []
        for prop in shapes.objects(shape, SH.property):
            constraints.append(_compile_constraint(shapes, prop, str(shapes.value(prop, SH.path)), str(shape)))
        if shapes.value(shape, SH["or"]) is not None:
            node_level = _compile_constraint(shapes, shape, None, str(shape))
            node_level.checks = {"or": node_level.checks["or"]}
            constraints.append(node_level)
        for p in set(shapes.predicates(shape)):
            if p not in SUPPORTED:
                raise UnsupportedShape(f"{shape}: {p} is not supported by the fast validator")
        out.append(NodeShape(str(shape), targets, constraints))
    # Subclass closure from the ontology: an instance of RegionalEconomicIntegrationOrganization is an Organization.
    supers: dict[str, set[str]] = defaultdict(set)
    for sub, sup in ontology.subject_objects(RDFS.subClassOf):
        if isinstance(sup, rdflib.URIRef):
            supers[str(sub)].add(str(sup))
    closure: dict[str, set[str]] = {}

    def up(cls: str) -> set[str]:
        if cls not in closure:
            closure[cls] = {cls}
            for parent in supers.get(cls, ()):
                closure[cls] |= up(parent)
        return closure[cls]

    for cls in list(supers):
        up(cls)
    return out, closure


class _Graph:
    def __init__(self, triples: Iterable):
        self.out: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        self.types: dict[str, set[str]] = defaultdict(set)
        # A graph is a set: pyoxigraph hashes its quads natively (cheap) where building a key of
        # three terms per triple is not. The same triple in two named graphs (two files) is made
        # one below, in the few value lists that hold more than one object.
        for t in set(triples):
            s = t.subject.value
            p = t.predicate.value
            self.out[s][p].append(t.object)
            if p == RDF_TYPE:
                self.types[s].add(t.object.value)
        for by_path in self.out.values():
            for p, values in by_path.items():
                if len(values) > 1:
                    by_path[p] = list(dict.fromkeys(values))


def validate_triples(triples: Iterable) -> list[Violation]:
    """Violations of unkg's shapes in a graph given as pyoxigraph triples or quads."""
    shapes, closure = compiled_shapes()
    graph = _Graph(triples)
    all_types = {s: set().union(*(closure.get(c, {c}) for c in ts)) for s, ts in graph.types.items()}
    by_type: dict[str, list[str]] = defaultdict(list)  # the focus nodes of each class, in one pass
    for node, types in all_types.items():
        for cls in types:
            by_type[cls].append(node)
    violations: list[Violation] = []
    for shape in shapes:
        foci = by_type.get(shape.targets[0], []) if len(shape.targets) == 1 else \
            list(dict.fromkeys(node for cls in shape.targets for node in by_type.get(cls, ())))
        for focus in foci:
            for c in shape.constraints:
                for message in _check(graph, all_types, focus, c):
                    violations.append(Violation(focus, c.path, c.message or message, "Violation", shape.iri))
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return violations


def _values(graph: _Graph, focus: str, path: str | None) -> list:
    if path is None:
        return []
    return graph.out.get(focus, {}).get(path, [])


def _check(graph: _Graph, types: dict[str, set[str]], focus: str, c: Constraint) -> list[str]:
    errors: list[str] = []
    checks = c.checks
    if c.path is None:  # a node-level constraint: it applies to the focus node itself
        if "or" in checks and not any(not _check(graph, types, focus, alt) for alt in checks["or"]):
            errors.append("node conforms to none of the alternatives of sh:or")
        rest = {k: v for k, v in checks.items() if k != "or"}
        if rest:
            errors.extend(_value_errors(graph, types, NamedNode(focus), rest))
        return errors
    values = _values(graph, focus, c.path)
    if len(values) < checks.get("minCount", 0):
        errors.append(f"less than {checks['minCount']} values")
    if "maxCount" in checks and len(values) > checks["maxCount"]:
        errors.append(f"more than {checks['maxCount']} values")
    for v in values:
        errors.extend(_value_errors(graph, types, v, checks))
    if checks.get("uniqueLang"):
        langs = [v.language for v in values if isinstance(v, Literal) and v.language]
        if len(langs) != len(set(langs)):
            errors.append("more than one value per language")
    if "lessThanOrEquals" in checks:
        others = _values(graph, focus, checks["lessThanOrEquals"])
        for v in values:
            for w in others:
                if not _le(v, w):
                    errors.append(f"{v.value} is not less than or equal to {w.value}")
    return errors


def _value_errors(graph: _Graph, types: dict[str, set[str]], v, checks: dict[str, Any]) -> list[str]:
    errors = []
    if "datatype" in checks:
        if not isinstance(v, Literal):
            errors.append(f"{v} is not a literal of {checks['datatype']}")
        elif checks["datatype"] == LANG_STRING:
            if not v.language:
                errors.append(f"{v.value!r} has no language tag")
        elif v.language or v.datatype.value != checks["datatype"] or not _well_formed(v):
            errors.append(f"{v.value!r} is not a valid {checks['datatype']}")
    if "nodeKind" in checks and checks["nodeKind"] == str(SH.IRI) and not isinstance(v, NamedNode):
        errors.append(f"{v} is not an IRI")
    if "pattern" in checks and (isinstance(v, BlankNode) or not checks["pattern"].search(v.value)):
        errors.append(f"{getattr(v, 'value', v)!r} does not match the pattern")
    if "in" in checks and _key(v) not in checks["in"]:
        errors.append(f"{getattr(v, 'value', v)!r} is not one of the allowed values")
    if "class" in checks and (not isinstance(v, (NamedNode, BlankNode))
                              or checks["class"] not in types.get(v.value, ())):
        errors.append(f"{getattr(v, 'value', v)} is not a {checks['class']}")
    if "minInclusive" in checks:
        try:
            if float(v.value) < float(checks["minInclusive"]):
                errors.append(f"{v.value} is less than {checks['minInclusive']}")
        except (ValueError, AttributeError):
            errors.append(f"{v} is not a number")
    if "or" in checks:
        if not any(not _value_errors(graph, types, v, alt.checks) for alt in checks["or"]):
            errors.append(f"{getattr(v, 'value', v)} conforms to none of the alternatives of sh:or")
    return errors


_LEXICAL = {
    XSD + "integer": re.compile(r"^[+-]?\d+$"),
    XSD + "date": re.compile(r"^\d{4}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$"),
    XSD + "boolean": re.compile(r"^(true|false|1|0)$"),
}


def _well_formed(v: Literal) -> bool:
    rx = _LEXICAL.get(v.datatype.value)
    return rx is None or bool(rx.match(v.value))


def _le(a, b) -> bool:
    try:
        return float(a.value) <= float(b.value)
    except ValueError:
        return a.value <= b.value
