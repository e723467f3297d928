import Foundation
import Testing

@testable import ShuhuiSpreadsheet

/// Uploaded files are hostile input: whatever the bytes, reading must throw, not crash or hang.
@Suite struct HostileInputTests {
    @Test func garbageIsNotAZip() {
        #expect(throws: SpreadsheetError(.notZip)) { try XLSX.read(Data()) }
        #expect(throws: SpreadsheetError(.notZip)) { try XLSX.read(Data("just some text, not a zip".utf8)) }
        var generator = SeededGenerator(seed: 7)
        let noise = Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) })
        #expect(throws: SpreadsheetError.self) { try XLSX.read(noise) }
    }

    @Test func legacyXLSIsRecognised() {
        let ole = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 512))
        #expect(throws: SpreadsheetError(.legacyFormat)) { try XLSX.read(ole) }
    }

    @Test func truncatedFilesThrow() throws {
        let file = try XLSX.write([Sheet(name: "S", rows: (0..<50).map { ["行\($0)", "\($0 * 7)"] })])
        for length in stride(from: 0, to: file.count, by: max(1, file.count / 97)) {
            _ = try? XLSX.read(file.prefix(length))
        }
    }

    @Test func corruptedBytesNeverCrash() throws {
        let file = try XLSX.write([Sheet(name: "S", rows: (0..<30).map { ["单元\($0)", "x\($0)", "\($0)"] })])
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<400 {
            var bytes = [UInt8](file)
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[index] = UInt8.random(in: 0...255, using: &generator)
            }
            _ = try? XLSX.read(Data(bytes))
        }
    }

    @Test func hugeDeclaredSizeIsRefused() throws {
        // Claim 300 MB uncompressed in the central directory for a tiny entry.
        var bytes = [UInt8](try ZipWriter.archive([("a.xml", Data("<a/>".utf8))]))
        let directory = try #require(Self.find([0x50, 0x4B, 0x01, 0x02], in: bytes))
        let size = UInt32(300 * 1024 * 1024)
        for shift in 0..<4 { bytes[directory + 24 + shift] = UInt8(truncatingIfNeeded: size >> (8 * shift)) }
        var zip = try ZipReader(Data(bytes))
        #expect(throws: SpreadsheetError(.tooLarge, part: "a.xml")) { try zip.contents(of: "a.xml") }
    }

    @Test func lyingSizeIsCaughtWhileInflating() throws {
        // The entry really inflates to 2 MB but claims 4 bytes; the reader must stop at its limit.
        var bytes = [UInt8](try ZipWriter.archive([("a.xml", Data(count: 2 * 1024 * 1024))]))
        let directory = try #require(Self.find([0x50, 0x4B, 0x01, 0x02], in: bytes))
        for shift in 0..<4 { bytes[directory + 24 + shift] = shift == 0 ? 4 : 0 }
        var zip = try ZipReader(Data(bytes), entryLimit: 1024 * 1024)
        #expect(throws: SpreadsheetError(.tooLarge, part: "a.xml")) { try zip.contents(of: "a.xml") }
    }

    @Test func zipBombOver200MBIsRefused() throws {
        // 201 MB of zeros deflates to about 200 KB.
        let bomb = try ZipWriter.archive([
            ("[Content_Types].xml", Data("<Types/>".utf8)),
            ("xl/workbook.xml", Data(count: 201 * 1024 * 1024)),
        ])
        #expect(bomb.count < 1024 * 1024)
        #expect(throws: SpreadsheetError(.tooLarge, part: "xl/workbook.xml")) { try XLSX.read(bomb) }
    }

    @Test func farAwayCellReferencesStayCheap() throws {
        let sheet = """
            <worksheet><sheetData><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far</t></is></c>
            <c r="ZZZZ1" t="inlineStr"><is><t>outside</t></is></c></row></sheetData></worksheet>
            """
        let file = try ZipWriter.archive([
            ("xl/workbook.xml", Data("<workbook><sheets><sheet name=\"a\"/></sheets></workbook>".utf8)),
            ("xl/worksheets/sheet1.xml", Data(sheet.utf8)),
        ])
        let rows = try XLSX.read(file)[0].rows
        #expect(rows.count == 1_048_576)
        #expect(rows.last?.count == 16_384)
        #expect(rows.last?.last == "far")
    }

    @Test func entityDeclarationsAreNotExpanded() throws {
        let sheet = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
            <worksheet><sheetData><row><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>
            """
        let file = try ZipWriter.archive([
            ("xl/workbook.xml", Data("<workbook><sheets><sheet name=\"a\"/></sheets></workbook>".utf8)),
            ("xl/worksheets/sheet1.xml", Data(sheet.utf8)),
        ])
        #expect(try XLSX.read(file)[0].rows == [["&lol2;"]])
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        return (0...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}

/// A small deterministic generator (SplitMix64) so failures can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
