"""A workbook decompression bomb built compactly by code (synthetic): rows of identical cells."""

from __future__ import annotations

import struct
import zlib

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
        'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
        'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        f'<?xml version="1.0"?><workbook xmlns="{_NS}" xmlns:r="{_REL}"><sheets>'
        '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>"
    ),
}


def _deflated(parts: list[tuple[bytes, int]]) -> tuple[bytes, int, int]:
    """Raw deflate of each (bytes, repeats) part, each part compressed once and repeated."""
    out, crc, size = [], 0, 0
    for data, repeats in parts:
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        # A full flush ends byte-aligned with no back-references: the piece can be repeated.
        piece = compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH)
        out.append(piece * repeats)
        for _ in range(repeats):
            crc = zlib.crc32(data, crc)
        size += len(data) * repeats
    out.append(b"\x03\x00")  # a final empty fixed-Huffman block ends the stream
    return b"".join(out), crc, size


def xlsx(rows: int, cells: int, dimension: str | None = None) -> bytes:
    """An .xlsx whose one sheet holds `rows` rows of `cells` numeric cells (sizes honest),
    stating `dimension` (like A1:B2) as its size when given, as Excel does, else no size."""
    block_rows = 1000 if rows % 1000 == 0 else 1
    row = ("<row>" + "<c><v>1</v></c>" * cells + "</row>").encode()
    size = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = [
        (f'<?xml version="1.0"?><worksheet xmlns="{_NS}">{size}<sheetData>'.encode(), 1),
        (row * block_rows, rows // block_rows),
        (b"</sheetData></worksheet>", 1),
    ]
    entries = [(name, *_deflated([(text.encode(), 1)])) for name, text in _PARTS.items()]
    entries.append(("xl/worksheets/sheet1.xml", *_deflated(sheet)))
    body, directory = b"", b""
    for name, data, crc, size in entries:
        encoded = name.encode()
        fields = struct.pack("<HHHHHIII", 20, 0, 8, 0, 0, crc, len(data), size)
        directory += (
            struct.pack("<IH", 0x02014B50, 20)
            + fields
            + struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0, len(body))
            + encoded
        )
        body += struct.pack("<I", 0x04034B50) + fields + struct.pack("<HH", len(encoded), 0)
        body += encoded + data
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), len(body), 0
    )
    return body + directory + end
