"""Stage `read`: the Word package — the archive checked before anything is decompressed (a zip bomb, a file that
is not a zip, an encrypted file or a package without a Word document is refused with one line naming the reason),
its parts found through their relationships, their XML parsed without entities, DTDs or network."""
from __future__ import annotations

import zipfile
from pathlib import Path

from unkg.errors import InputError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: encrypted OOXML or a legacy .doc


# Zip-bomb limits, checked on the archive's directory before decompressing anything.
MAX_UNCOMPRESSED = 512 * 1024 * 1024  # all members together


MAX_RATIO = 200  # uncompressed/compressed size of one member larger than RATIO_FLOOR


RATIO_FLOOR = 4 * 1024 * 1024


MAX_MEMBERS = 10_000


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def attr(el, name: str = "val") -> str | None:
    return None if el is None else el.get(w(name))


def is_on(el) -> bool:
    """A WordprocessingML on/off property: present and not switched off."""
    return el is not None and attr(el) not in ("0", "false", "off")


def int_value(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def check_archive(path: Path) -> zipfile.ZipFile:
    """Open the zip after checking its directory: nothing is decompressed before the sizes are known to be sane."""
    with path.open("rb") as fh:
        head = fh.read(len(OLE_MAGIC))
        if head == OLE_MAGIC:
            rest = fh.read(1 << 20)
            if "EncryptionInfo".encode("utf-16-le") in rest or "EncryptedPackage".encode("utf-16-le") in rest:
                raise InputError(str(path), "encrypted (password-protected) Word file; save it without a password")
            raise InputError(str(path), "a Word 97-2003 (.doc) file, not .docx; save it as .docx")
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise InputError(str(path), "not a Word file (not a zip archive, or a damaged one)") from None
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        archive.close()
        raise InputError(str(path), f"refused: {len(infos)} members in the archive (zip bomb?)")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        archive.close()
        raise InputError(str(path), f"refused: {total // 2**20} MiB uncompressed (limit {MAX_UNCOMPRESSED // 2**20} "
                                    "MiB; zip bomb?)")
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            archive.close()
            raise InputError(str(path), f"refused: {info.filename} expands {info.file_size // max(info.compress_size, 1)}"
                                        f"-fold (zip bomb?)")
    if "word/document.xml" not in archive.namelist():
        archive.close()
        raise InputError(str(path), "not a Word document (the archive has no word/document.xml)")
    return archive


R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


class Package:
    """The parts of a Word package that reading needs, parsed on demand with lxml (no entities, no network).

    Parts are found as Word finds them: the main document through the package relationships, the others
    (styles, numbering, footnotes, headers, footers) through the main document's relationships."""

    def __init__(self, archive: zipfile.ZipFile, path: Path):
        from lxml import etree

        self.archive, self.path = archive, path
        self.parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        self.names = set(archive.namelist())
        main = next((target for kind, target in self._rels("", "_rels/.rels").values()
                     if kind == "officeDocument"), "word/document.xml")
        self.main = main if main in self.names else "word/document.xml"
        folder = self.main.rsplit("/", 1)[0] if "/" in self.main else ""
        self.rels = self._rels(folder, f"{folder}/_rels/{self.main.rsplit('/', 1)[-1]}.rels")

    def xml(self, name: str | None):
        if not name or name not in self.names:
            return None
        from lxml import etree

        try:
            return etree.fromstring(self.archive.read(name), self.parser)
        except (etree.XMLSyntaxError, zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            raise InputError(str(self.path), f"damaged Word file: {name}: {exc}") from None

    def _rels(self, folder: str, rels_name: str) -> dict[str, tuple[str, str]]:
        """rId -> (relationship kind, part name), targets resolved against `folder`."""
        root = self.xml(rels_name)
        out = {}
        for rel in root if root is not None else ():
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            name = target.lstrip("/") if target.startswith("/") else _join(folder, target)
            out[rel.get("Id")] = (rel.get("Type", "").rsplit("/", 1)[-1], name)
        return out

    def related(self, kind: str):
        return self.xml(next((name for k, name in self.rels.values() if k == kind), None))

    def by_id(self, rid: str | None):
        return self.xml(self.rels.get(rid, ("", None))[1]) if rid else None


def _join(folder: str, target: str) -> str:
    parts = [p for p in folder.split("/") if p]
    for piece in target.split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def open_package(path: Path) -> Package:
    archive = check_archive(path)
    try:
        package = Package(archive, path)
        if package.xml(package.main) is None:
            raise InputError(str(path), "not a Word document (the archive has no word/document.xml)")
    except BaseException:
        archive.close()
        raise
    return package
