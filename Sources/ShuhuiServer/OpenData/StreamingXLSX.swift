import Foundation
import NIOCore
import ShuhuiSpreadsheet

/// Writes an XLSX workbook of one sheet as a stream: the ZIP entries are stored (not
/// compressed) with data descriptors, so each row goes out as soon as it is written and the
/// CRC is computed on the fly. Memory stays at one chunk whatever the row count.
struct StreamingXLSX {
    private var offset: UInt64 = 0
    private var entries: [(name: String, offset: UInt64, crc: UInt32, size: UInt64)] = []
    private var current: (name: String, offset: UInt64, crc: CRC32, size: UInt64)?

    /// Bytes of the fixed parts before the sheet, then the sheet's opening.
    mutating func begin(sheetName: String) -> ByteBuffer {
        var out = ByteBuffer()
        let parts: [(String, String)] = [
            ("[Content_Types].xml", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#),
            ("_rels/.rels", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
            ("xl/workbook.xml", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name=""# + XMLEntities.escape(String(sheetName.prefix(31)).replacingOccurrences(of: "/", with: "_")) + #"" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
            ("xl/_rels/workbook.xml.rels", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#),
        ]
        for (name, text) in parts {
            startEntry(name, into: &out)
            write(Array(text.utf8), into: &out)
            endEntry(into: &out)
        }
        startEntry("xl/worksheets/sheet1.xml", into: &out)
        write(Array(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#.utf8), into: &out)
        return out
    }

    /// One row: numbers as numbers, everything else as inline strings.
    mutating func row(_ cells: [(text: String, numeric: Bool)], into out: inout ByteBuffer) {
        var xml = "<row>"
        for c in cells {
            if c.text.isEmpty { xml += "<c/>"; continue }
            xml += c.numeric ? "<c><v>\(c.text)</v></c>" : "<c t=\"inlineStr\"><is><t xml:space=\"preserve\">\(XMLEntities.escape(c.text))</t></is></c>"
        }
        xml += "</row>"
        write(Array(xml.utf8), into: &out)
    }

    /// Closes the sheet and writes the central directory.
    mutating func finish() -> ByteBuffer {
        var out = ByteBuffer()
        write(Array("</sheetData></worksheet>".utf8), into: &out)
        endEntry(into: &out)
        var cd = ByteBuffer()
        for e in entries {
            let name = Array(e.name.utf8)
            cd.writeInteger(UInt32(0x0201_4b50), endianness: .little)
            cd.writeInteger(UInt16(20), endianness: .little)
            cd.writeInteger(UInt16(20), endianness: .little)
            cd.writeInteger(UInt16(0x0808), endianness: .little)
            cd.writeInteger(UInt16(0), endianness: .little)
            cd.writeInteger(UInt16(0), endianness: .little)
            cd.writeInteger(UInt16(0x21), endianness: .little)
            cd.writeInteger(e.crc, endianness: .little)
            cd.writeInteger(UInt32(truncatingIfNeeded: e.size), endianness: .little)
            cd.writeInteger(UInt32(truncatingIfNeeded: e.size), endianness: .little)
            cd.writeInteger(UInt16(name.count), endianness: .little)
            cd.writeInteger(UInt16(0), endianness: .little)
            cd.writeInteger(UInt16(0), endianness: .little)
            cd.writeInteger(UInt16(0), endianness: .little)
            cd.writeInteger(UInt16(0), endianness: .little)
            cd.writeInteger(UInt32(0), endianness: .little)
            cd.writeInteger(UInt32(truncatingIfNeeded: e.offset), endianness: .little)
            cd.writeBytes(name)
        }
        let cdSize = cd.readableBytes
        out.writeImmutableBuffer(cd)
        out.writeInteger(UInt32(0x0605_4b50), endianness: .little)
        out.writeInteger(UInt16(0), endianness: .little)
        out.writeInteger(UInt16(0), endianness: .little)
        out.writeInteger(UInt16(entries.count), endianness: .little)
        out.writeInteger(UInt16(entries.count), endianness: .little)
        out.writeInteger(UInt32(cdSize), endianness: .little)
        out.writeInteger(UInt32(truncatingIfNeeded: offset), endianness: .little)
        out.writeInteger(UInt16(0), endianness: .little)
        return out
    }

    private mutating func startEntry(_ name: String, into out: inout ByteBuffer) {
        let bytes = Array(name.utf8)
        current = (name, offset, CRC32(), 0)
        var h = ByteBuffer()
        h.writeInteger(UInt32(0x0403_4b50), endianness: .little)
        h.writeInteger(UInt16(20), endianness: .little)
        h.writeInteger(UInt16(0x0808), endianness: .little)
        h.writeInteger(UInt16(0), endianness: .little)
        h.writeInteger(UInt16(0), endianness: .little)
        h.writeInteger(UInt16(0x21), endianness: .little)
        h.writeInteger(UInt32(0), endianness: .little)
        h.writeInteger(UInt32(0), endianness: .little)
        h.writeInteger(UInt32(0), endianness: .little)
        h.writeInteger(UInt16(bytes.count), endianness: .little)
        h.writeInteger(UInt16(0), endianness: .little)
        h.writeBytes(bytes)
        offset += UInt64(h.readableBytes)
        out.writeImmutableBuffer(h)
    }

    private mutating func write(_ bytes: [UInt8], into out: inout ByteBuffer) {
        current?.crc.update(bytes)
        current?.size += UInt64(bytes.count)
        offset += UInt64(bytes.count)
        out.writeBytes(bytes)
    }

    private mutating func endEntry(into out: inout ByteBuffer) {
        guard let c = current else { return }
        var d = ByteBuffer()
        d.writeInteger(UInt32(0x0807_4b50), endianness: .little)
        d.writeInteger(c.crc.value, endianness: .little)
        d.writeInteger(UInt32(truncatingIfNeeded: c.size), endianness: .little)
        d.writeInteger(UInt32(truncatingIfNeeded: c.size), endianness: .little)
        offset += UInt64(d.readableBytes)
        out.writeImmutableBuffer(d)
        entries.append((c.name, c.offset, c.crc.value, c.size))
        current = nil
    }
}

/// CRC-32 (IEEE 802.3), as ZIP uses.
struct CRC32 {
    private(set) var state: UInt32 = 0xFFFF_FFFF
    var value: UInt32 { state ^ 0xFFFF_FFFF }

    static let table: [UInt32] = (0..<256).map { i -> UInt32 in
        var c = UInt32(i)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    mutating func update(_ bytes: [UInt8]) {
        var c = state
        Self.table.withUnsafeBufferPointer { t in
            for b in bytes { c = t[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        }
        state = c
    }
}
