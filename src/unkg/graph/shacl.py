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
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Iterable

import pyoxigraph
import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode
from rdflib import RDF, RDFS
from rdflib.collection import Collection

from unkg.resources import ontology_path, shapes_path

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = str(RDF.type)
LANG_STRING = str(RDF.langString)
_RDF_TYPE = NamedNode(RDF_TYPE)
_LANG_STRING = NamedNode(LANG_STRING)
_VALUE_CHECKS = ("datatype", "nodeKind", "pattern", "in", "class", "minInclusive", "or")
SUPPORTED = {SH.path, SH.minCount, SH.maxCount, SH.datatype, SH.pattern, getattr(SH, "in"), SH["class"],
             SH.nodeKind, SH.lessThanOrEquals, SH.uniqueLang, SH.minInclusive, SH["or"], SH.message,
             SH.targetClass, SH.property, RDF.type, SH.name, SH.description, SH.severity}


# what the generated tests (`_value_test`, `_shape_test`) refer to besides their own values
_GENERATED_NAMES: dict[str, Any] = {"Literal": Literal, "NamedNode": NamedNode, "BlankNode": BlankNode}


class UnsupportedShape(ValueError):
    pass


@dataclass
class Constraint:
    path: str | None  # None: a node-level constraint
    checks: dict[str, Any] = field(default_factory=dict)
    message: str | None = None
    shape: str = ""

    def __post_init__(self) -> None:
        # The data are indexed by pyoxigraph terms (see _Graph): the path and the IRIs checked are terms too.
        self.path_term = NamedNode(self.path) if self.path else None
        for name in ("datatype", "class", "lessThanOrEquals"):
            if isinstance(self.checks.get(name), str):
                self.checks[name] = NamedNode(self.checks[name])
        self.value_checks = any(name in self.checks for name in _VALUE_CHECKS)
        self.min_count = self.checks.get("minCount", 0)
        self.max_count = self.checks.get("maxCount")
        self.holds = _conforming_test(self)


def _conforming_test(c: Constraint):
    """A quick yes, holds(by_path, types, focus), for a constraint the focus node conforms to (the usual case: a
    report's graph is built to conform), or None where only the full check can tell; the full check runs for the
    messages otherwise. The tests check both against pySHACL."""
    checks = c.checks
    if c.path is None:  # node-level: the focus node itself, and one of the alternatives (sh:or) holds
        value_ok = _value_test({k: v for k, v in checks.items() if k in _VALUE_CHECKS and k != "or"})
        alternatives = [alt.holds for alt in checks.get("or", ())]
        if value_ok is None or None in alternatives or set(checks) - set(_VALUE_CHECKS):
            return None

        def node_holds(by_path: dict, types: dict, focus) -> bool:
            return (not alternatives or any(alt(by_path, types, focus) for alt in alternatives)) \
                and value_ok(focus, types)
        return node_holds
    names = dict(_GENERATED_NAMES, E=_NO_VALUES)
    lines = _property_lines(c, 0, names)
    return None if lines is None else _compiled("holds(by_path, types, focus)", ["get = by_path.get", *lines], names)


def _property_lines(c: Constraint, i: int, names: dict[str, Any]) -> list[str] | None:
    """Lines returning False where the focus node's values on the constraint's path (`get`, its `by_path.get`) fail
    its counts, value checks or uniqueLang (the values they need put in `names`, suffixed with i), or None where
    a check is not known here."""
    checks = c.checks
    if set(checks) - set(_VALUE_CHECKS) - {"minCount", "maxCount", "uniqueLang"}:
        return None
    body = _value_lines(checks, i, names)
    if body is None:
        return None
    names[f"P{i}"] = c.path_term
    high = c.max_count if c.max_count is not None else sys.maxsize
    lines = [f"v = get(P{i}, E)", f"if not {c.min_count} <= len(v) <= {high}: return False"]
    if body:
        lines += ["for x in v:", *(f"    {line}" for line in body)]
    if checks.get("uniqueLang"):
        lines += ["langs = [x.language for x in v if type(x) is Literal and x.language]",
                  "if len(langs) != len(set(langs)): return False"]
    return lines


def _compiled(signature: str, lines: list[str], names: dict[str, Any]):
    """The function `def <signature>:` with these lines as its body and `return True` at the end, compiled with
    `names` as its globals."""
    source = "\n".join([f"def {signature}:", *(f"    {line}" for line in lines), "    return True"])
    exec(compile(source, "<unkg shape test>", "exec"), names)
    return names[signature.partition("(")[0]]


def _value_test(checks: dict[str, Any]):
    """ok(value, types) for the value checks of a constraint (datatype, class, nodeKind, pattern, in, minInclusive,
    or), or None where one is not known here; compiled from the same lines as the shapes' quick tests."""
    names = dict(_GENERATED_NAMES)
    lines = _value_lines(checks, 0, names)
    return None if lines is None else _compiled("ok(x, types)", lines, names)


def _value_lines(checks: dict[str, Any], i: int, names: dict[str, Any]) -> list[str] | None:
    """Lines returning False for a value x that fails the value checks (the values they need put in `names`,
    suffixed with i), or None where a check is not known here (a node kind other than IRI)."""
    if "nodeKind" in checks and checks["nodeKind"] != str(SH.IRI):
        return None
    alternatives = [_value_test(alt.checks) for alt in checks.get("or", ())]
    if None in alternatives:
        return None
    lines = []
    datatype = checks.get("datatype")
    if datatype is not None:
        lines.append("if type(x) is not Literal: return False")
        if datatype == _LANG_STRING:
            lines.append("if not x.language: return False")
        else:
            names[f"D{i}"] = datatype
            lines.append(f"if x.language or x.datatype != D{i}: return False")
            if _LEXICAL.get(datatype) is not None:
                names[f"X{i}"] = _LEXICAL[datatype].match
                lines.append(f"if not X{i}(x.value): return False")
    if "nodeKind" in checks:
        lines.append("if type(x) is not NamedNode: return False")
    if checks.get("class") is not None:
        names[f"C{i}"] = checks["class"]
        lines.append(f"if C{i} not in types.get(x, ()): return False")
    if checks.get("pattern") is not None:
        names[f"R{i}"] = checks["pattern"].search
        lines.append(f"if type(x) is BlankNode or not R{i}(x.value): return False")
    if "in" in checks:
        names[f"A{i}"] = frozenset(_as_term(key) for key in checks["in"])
        lines.append(f"if x not in A{i}: return False")
    if "minInclusive" in checks:
        names[f"M{i}"], names["_not_below"] = float(checks["minInclusive"]), _not_below
        lines.append(f"if not _not_below(x, M{i}): return False")
    if alternatives:
        names[f"O{i}"] = tuple(alternatives)
        lines.append(f"if not any(alt(x, types) for alt in O{i}): return False")
    return lines


def _not_below(v, minimum: float) -> bool:
    try:
        return not float(v.value) < minimum
    except (ValueError, AttributeError):
        return False


def _as_term(key: tuple):
    """A key of `_term` (the shapes' sh:in values) as the pyoxigraph term the data holds."""
    if key[0] == "I":
        return NamedNode(key[1])
    _, lexical, datatype, language = key
    return Literal(lexical, language=language) if language else Literal(lexical, datatype=NamedNode(datatype))


@dataclass
class NodeShape:
    iri: str
    targets: list[NamedNode]
    constraints: list[Constraint]
    message: str | None = None

    def __post_init__(self) -> None:
        self.quick, self.rest = _shape_test(self.constraints)


def _shape_test(constraints: list[Constraint]):
    """(quick, rest): quick(by_path, types, focus) is a quick yes for all the constraints that have one, written as
    one generated function (a call per constraint and per value cost most of the validator's time), None when
    none has; `rest` are the constraints it does not cover, checked one by one after a yes. A no from quick says
    nothing: every constraint is then checked one by one, for its messages."""
    covered = [c for c in constraints if c.holds is not None]
    if not covered:
        return None, constraints
    names = dict(_GENERATED_NAMES, E=_NO_VALUES)
    lines = ["get = by_path.get"]
    for i, c in enumerate(covered):
        if c.path is None:  # node-level (sh:or of the node): its own test
            names[f"H{i}"] = c.holds
            lines.append(f"if not H{i}(by_path, types, focus): return False")
        else:  # (never None: the constraint has a quick test)
            lines += _property_lines(c, i, names)
    return _compiled("quick(by_path, types, focus)", lines, names), [c for c in constraints if c.holds is None]


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
def compiled_shapes() -> tuple[list[NodeShape], dict[NamedNode, set[NamedNode]]]:
    shapes = _parsed(shapes_path())
    out = []
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        targets = [NamedNode(str(t)) for t in shapes.objects(shape, SH.targetClass)]
        constraints = []
        for prop in shapes.objects(shape, SH.property):
            constraints.append(_compile_constraint(shapes, prop, str(shapes.value(prop, SH.path)), str(shape)))
        if shapes.value(shape, SH["or"]) is not None:
            node_level = _compile_constraint(shapes, shape, None, str(shape))
            node_level.checks = {"or": node_level.checks["or"]}
            node_level.value_checks = True
            node_level.min_count, node_level.max_count = 0, None
            node_level.holds = _conforming_test(node_level)
            constraints.append(node_level)
        for p in set(shapes.predicates(shape)):
            if p not in SUPPORTED:
                raise UnsupportedShape(f"{shape}: {p} is not supported by the fast validator")
        out.append(NodeShape(str(shape), targets, constraints))
    # Subclass closure from the ontology: an instance of RegionalEconomicIntegrationOrganization is an Organization.
    supers: dict[NamedNode, set[NamedNode]] = defaultdict(set)
    sub_class_of = NamedNode(str(RDFS.subClassOf))
    for t in pyoxigraph.parse(path=str(ontology_path()), format=pyoxigraph.RdfFormat.TURTLE):
        if t.predicate == sub_class_of and type(t.subject) is NamedNode and type(t.object) is NamedNode:
            supers[t.subject].add(t.object)
    closure: dict[NamedNode, set[NamedNode]] = {}

    def up(cls: NamedNode) -> set[NamedNode]:
        if cls not in closure:
            closure[cls] = {cls}
            for parent in supers.get(cls, ()):
                closure[cls] |= up(parent)
        return closure[cls]

    for cls in list(supers):
        up(cls)
    return out, closure


def _parsed(path) -> rdflib.Graph:
    """A Turtle file as an rdflib graph, parsed by pyoxigraph (a tenth of rdflib's time: each worker of a batch
    compiles the shapes when it starts)."""
    def term(t):
        if type(t) is NamedNode:
            return rdflib.URIRef(t.value)
        if type(t) is BlankNode:
            return rdflib.BNode(t.value)
        if t.language:
            return rdflib.Literal(t.value, lang=t.language)
        datatype = t.datatype.value
        return rdflib.Literal(t.value, datatype=None if datatype == XSD + "string" else rdflib.URIRef(datatype))

    graph = rdflib.Graph()
    for t in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE):
        graph.add((term(t.subject), term(t.predicate), term(t.object)))
    return graph


class _Graph:
    """The graph's values by subject and predicate, keyed by the pyoxigraph terms themselves: reading a term's
    string (`.value`) makes a new Python string each time and was most of the validator's cost."""

    def __init__(self, triples: Iterable, distinct: bool = False):
        out: dict[Any, dict[NamedNode, list]] = {}
        last = by_path = None
        for t in triples:  # (not a generator of tuples: a step per triple cost a tenth of the validator)
            if type(t) is tuple:
                s, p, o = t
            else:
                s, p, o = t.subject, t.predicate, t.object
            if s is not last:  # a node's triples come together: its entry is looked up once for the run
                last, by_path = s, out.get(s)
                if by_path is None:
                    out[s] = by_path = {p: [o]}
                    continue
            values = by_path.get(p)
            if values is None:
                by_path[p] = [o]
            else:
                values.append(o)
        # A graph is a set: the same triple given twice (or in two named graphs) is made one here, in the few
        # value lists that hold more than one object (unless the triples are known to be distinct, as the builder's).
        if not distinct:
            for by_path in out.values():
                for p, values in by_path.items():
                    if len(values) > 1:
                        by_path[p] = list(dict.fromkeys(values))
        self.out = out
        self.types: dict[Any, list[NamedNode]] = {s: by_path[_RDF_TYPE] for s, by_path in out.items()
                                                   if _RDF_TYPE in by_path}


def validate_triples(triples: Iterable, distinct: bool = False) -> list[Violation]:
    """Violations of unkg's shapes in a graph given as pyoxigraph triples or quads, or as (s, p, o) tuples
    (`distinct`: no triple is given twice, as `graph.mapping.statements` gives them)."""
    shapes, closure = compiled_shapes()
    graph = _Graph(triples, distinct)
    all_types: dict[Any, Any] = {}  # a node -> its classes (a set or a tuple, read only)
    by_type: dict[NamedNode, list] = defaultdict(list)  # the focus nodes of each class, in one pass
    of_class: dict[NamedNode, Any] = {}  # a class -> its instances' classes (itself, its superclasses), read only
    for node, classes in graph.types.items():
        if len(classes) == 1:  # most nodes: their one class's closure, looked up once per class
            found = of_class.get(classes[0])
            if found is None:
                found = of_class[classes[0]] = closure.get(classes[0]) or (classes[0],)
        else:
            found = set().union(*(closure.get(c, (c,)) for c in classes))
        all_types[node] = found
        for cls in found:
            by_type[cls].append(node)
    violations: list[Violation] = []
    for shape in shapes:
        foci = by_type.get(shape.targets[0], []) if len(shape.targets) == 1 else \
            list(dict.fromkeys(node for cls in shape.targets for node in by_type.get(cls, ())))
        quick, rest = shape.quick, shape.rest
        for focus in foci:
            by_path = graph.out.get(focus, _NO_PATHS)
            for c in rest if quick is not None and quick(by_path, all_types, focus) else shape.constraints:
                if c.holds is not None and c.holds(by_path, all_types, focus):
                    continue
                for message in _check(graph, all_types, focus, c, by_path):
                    violations.append(Violation(focus.value if hasattr(focus, "value") else str(focus),
                                                c.path, c.message or message, "Violation", shape.iri))
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return violations


_NO_VALUES: list = []
_NO_PATHS: dict = {}


def _check(graph: _Graph, types: dict[Any, set[NamedNode]], focus, c: Constraint, by_path: dict) -> list[str]:
    checks = c.checks
    if c.path is None:  # a node-level constraint: it applies to the focus node itself
        errors: list[str] = []
        if "or" in checks and not any(not _check(graph, types, focus, alt, by_path) for alt in checks["or"]):
            errors.append("node conforms to none of the alternatives of sh:or")
        rest = {k: v for k, v in checks.items() if k != "or"}
        if rest:
            errors.extend(_value_errors(graph, types, focus, rest))
        return errors
    values = by_path.get(c.path_term, _NO_VALUES)
    if not values and not c.min_count:
        return _NO_VALUES  # (never appended to: a new list is made below when there is an error)
    errors = []
    if len(values) < c.min_count:
        errors.append(f"less than {checks['minCount']} values")
    if c.max_count is not None and len(values) > c.max_count:
        errors.append(f"more than {checks['maxCount']} values")
    if c.value_checks:
        for v in values:
            errors.extend(_value_errors(graph, types, v, checks))
    if checks.get("uniqueLang"):
        langs = [v.language for v in values if isinstance(v, Literal) and v.language]
        if len(langs) != len(set(langs)):
            errors.append("more than one value per language")
    if "lessThanOrEquals" in checks:
        others = by_path.get(checks["lessThanOrEquals"], _NO_VALUES)
        for v in values:
            for w in others:
                if not _le(v, w):
                    errors.append(f"{v.value} is not less than or equal to {w.value}")
    return errors


def _value_errors(graph: _Graph, types: dict[Any, set[NamedNode]], v, checks: dict[str, Any]) -> list[str]:
    errors = []
    if "datatype" in checks:
        if not isinstance(v, Literal):
            errors.append(f"{v} is not a literal of {checks['datatype'].value}")
        elif checks["datatype"] == _LANG_STRING:
            if not v.language:
                errors.append(f"{v.value!r} has no language tag")
        elif v.language or v.datatype != checks["datatype"] or not _well_formed(v):
            errors.append(f"{v.value!r} is not a valid {checks['datatype'].value}")
    if "nodeKind" in checks and checks["nodeKind"] == str(SH.IRI) and not isinstance(v, NamedNode):
        errors.append(f"{v} is not an IRI")
    if "pattern" in checks and (isinstance(v, BlankNode) or not checks["pattern"].search(v.value)):
        errors.append(f"{getattr(v, 'value', v)!r} does not match the pattern")
    if "in" in checks and _key(v) not in checks["in"]:
        errors.append(f"{getattr(v, 'value', v)!r} is not one of the allowed values")
    if "class" in checks and (not isinstance(v, (NamedNode, BlankNode))
                              or checks["class"] not in types.get(v, ())):
        errors.append(f"{getattr(v, 'value', v)} is not a {checks['class'].value}")
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
    NamedNode(XSD + "integer"): re.compile(r"^[+-]?\d+$"),
    NamedNode(XSD + "date"): re.compile(r"^\d{4}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$"),
    NamedNode(XSD + "boolean"): re.compile(r"^(true|false|1|0)$"),
}


def _well_formed(v: Literal) -> bool:
    rx = _LEXICAL.get(v.datatype)
    return rx is None or bool(rx.match(v.value))


def _le(a, b) -> bool:
    try:
        return float(a.value) <= float(b.value)
    except ValueError:
        return a.value <= b.value
