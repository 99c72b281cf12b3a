"""Stage `store`: serialise SPARQL results with a row cap (the published endpoint never sends unbounded results)."""
from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

from pyoxigraph import BlankNode, NamedNode

RESULT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
CONTENT_TYPE = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8"}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def term_json(term) -> dict:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def select_bytes(variables: list[str], rows: list[dict], fmt: str) -> bytes:
    if fmt == "json":
        bindings = [{v: term_json(r[v]) for v in variables if r.get(v) is not None} for r in rows]
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode("utf-8")
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(variables)
        for r in rows:
            writer.writerow(["" if r.get(v) is None else r[v].value for v in variables])
        return out.getvalue().encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines += ["\t".join("" if r.get(v) is None else str(r[v]) for v in variables) for r in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
    parts += [f"<variable name={quoteattr(v)}/>" for v in variables]
    parts.append("</head><results>")
    for r in rows:
        parts.append("<result>")
        for v in variables:
            t = r.get(v)
            if t is None:
                continue
            if isinstance(t, NamedNode):
                inner = f"<uri>{escape(t.value)}</uri>"
            elif isinstance(t, BlankNode):
                inner = f"<bnode>{escape(t.value)}</bnode>"
            elif t.language:
                inner = f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
            elif t.datatype.value != XSD_STRING:
                inner = f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
            else:
                inner = f"<literal>{escape(t.value)}</literal>"
            parts.append(f"<binding name={quoteattr(v)}>{inner}</binding>")
        parts.append("</result>")
    parts.append("</results></sparql>")
    return "".join(parts).encode("utf-8")


def boolean_bytes(value: bool, fmt: str) -> bytes:
    if fmt == "xml":
        return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
                f"<boolean>{'true' if value else 'false'}</boolean></sparql>").encode()
    if fmt in ("csv", "tsv"):
        return b"true\n" if value else b"false\n"
    return json.dumps({"head": {}, "boolean": value}).encode()
