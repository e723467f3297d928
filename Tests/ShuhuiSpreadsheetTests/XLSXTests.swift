import Foundation
import Testing

@testable import ShuhuiSpreadsheet

@Suite struct XLSXTests {
    private let sheets = [
        Sheet(name: "人口信息", rows: [
            ["姓名", "身份证号", "备注"],
            ["段誉", "330106199001010018", "中间为空", "", "第五列"],
            [],
            ["王语嫣", "", "a & b < c > d \"e\" 'f'"],
            ["多行", "第一行\n第二行", "  前后空格  "],
        ]),
        Sheet(name: "Second", rows: [["only"], ["", "B2"]]),
    ]

    @Test func writeThenReadRoundTrips() throws {
        let data = try XLSX.write(sheets)
        #expect(data.starts(with: [0x50, 0x4B]))
        #expect(try XLSX.read(data) == sheets)
    }

    @Test func writingIsDeterministic() throws {
        #expect(try XLSX.write(sheets) == XLSX.write(sheets))
    }

    @Test func emptyWorkbookStillHasASheet() throws {
        #expect(try XLSX.read(XLSX.write([])) == [Sheet(name: "Sheet1", rows: [])])
    }

    @Test func trimsTrailingEmptyCellsAndRows() throws {
        let written = [Sheet(name: "S", rows: [["a", "", ""], ["", ""], []])]
        #expect(try XLSX.read(XLSX.write(written)) == [Sheet(name: "S", rows: [["a"]])])
    }

    @Test func controlCharactersAreDroppedAndCRSurvives() throws {
        let written = [Sheet(name: "S", rows: [["a\u{1}b", "c\r\nd"]])]
        #expect(try XLSX.read(XLSX.write(written)) == [Sheet(name: "S", rows: [["ab", "c\r\nd"]])])
    }

    @Test func sheetNamesAreMadeLegal() throws {
        let names = ["a/b:c", "", "x", "X", String(repeating: "长", count: 40), "'quoted'", "History"]
        let read = try XLSX.read(XLSX.write(names.map { Sheet(name: $0, rows: [["v"]]) })).map(\.name)
        #expect(read == ["a_b_c", "Sheet2", "x", "X (2)", String(repeating: "长", count: 31), "quoted", "History_"])
    }

    @Test func headerIsBoldAndFrozenAndColumnsSized() throws {
        var zip = try ZipReader(XLSX.write(sheets))
        let sheetXML = String(decoding: try #require(try zip.contents(of: "xl/worksheets/sheet1.xml")), as: UTF8.self)
        #expect(sheetXML.contains(#"state="frozen""#))
        #expect(sheetXML.contains(#"<c r="A1" s="1" t="inlineStr">"#))
        // "330106199001010018" is 18 wide; "第一行" counts 6.
        #expect(sheetXML.contains(#"<col min="2" max="2" width="20""#))
        let styles = String(decoding: try #require(try zip.contents(of: "xl/styles.xml")), as: UTF8.self)
        #expect(styles.contains("<b/>"))
    }

    // MARK: Files written by other programs

    @Test func readsSharedStringsRichTextNumbersAndReferences() throws {
        let workbook = """
            <?xml version="1.0" encoding="UTF-8"?>
            <x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
              xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
              <x:sheets><x:sheet name="第二张" sheetId="7" r:id="rIdB"/><x:sheet name="第一张" sheetId="3" r:id="rIdA"/></x:sheets>
            </x:workbook>
            """
        let rels = """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
              <Relationship Id="rIdA" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/>
              <Relationship Id="rIdB" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/../worksheets/other.xml"/>
              <Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/>
              <Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
            </Relationships>
            """
        let strings = """
            <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">
              <si><t>编号</t></si>
              <si><r><rPr><b/></rPr><t xml:space="preserve">加粗 </t></r><r><t>普通</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si>
              <si><t>A&amp;B &lt;&#x4E2D;&#22269;&gt;_x000D_</t></si>
            </sst>
            """
        let styles = """
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
              <numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>
              <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="22"/></cellXfs>
            </styleSheet>
            """
        let data = """
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
              <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>
              <row r="3"><c r="B3"><v>12.0</v></c><c t="b"><v>1</v></c><c t="str"><f>A1</f><v>x</v></c>
                <c r="E3" t="inlineStr"><is><t>内联</t></is></c><c r="F3"><v>0.30000000000000004</v></c></row>
              <row r="4"><c r="A4" t="s"><v>2</v></c><c r="B4" s="1"><v>33239</v></c><c r="C4" s="2"><v>45658</v></c>
                <c r="D4" s="3"><v>45658.5</v></c><c r="E4" t="e"><v>#N/A</v></c><c r="F4" t="s"><v>99</v></c></row>
              <row><c><v>-7</v></c></row>
            </sheetData></worksheet>
            """
        let other = """
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
              <row r="2"><c r="B2" t="inlineStr"><is><t>b2</t></is></c></row>
            </sheetData></worksheet>
            """
        let file = try ZipWriter.archive([
            ("[Content_Types].xml", Data("<Types/>".utf8)),
            ("_rels/.rels", Data(Self.rootRels.utf8)),
            ("xl/workbook.xml", Data(workbook.utf8)),
            ("xl/_rels/workbook.xml.rels", Data(rels.utf8)),
            ("xl/strings.xml", Data(strings.utf8)),
            ("xl/styles.xml", Data(styles.utf8)),
            ("xl/worksheets/data.xml", Data(data.utf8)),
            ("xl/worksheets/other.xml", Data(other.utf8)),
        ])
        let read = try XLSX.read(file)
        #expect(read.map(\.name) == ["第二张", "第一张"])
        #expect(read[0].rows == [[], ["", "b2"]])
        #expect(read[1].rows == [
            ["编号", "", "加粗 普通"],
            [],
            ["", "12", "TRUE", "x", "内联", "0.3"],
            ["A&B <中国>\r", "1991-01-01", "2025-01-01", "2025-01-01 12:00:00", "#N/A"],
            ["-7"],
        ])
    }

    @Test func zipWithoutWorkbook() throws {
        let notOffice = try ZipWriter.archive([("hello.txt", Data("hi".utf8))])
        #expect(throws: SpreadsheetError(.notXLSX)) { try XLSX.read(notOffice) }
        let noWorkbook = try ZipWriter.archive([("[Content_Types].xml", Data("<Types/>".utf8))])
        #expect(throws: SpreadsheetError(.missingWorkbook)) { try XLSX.read(noWorkbook) }
        let docx = try ZipWriter.archive([
            ("[Content_Types].xml", Data("<Types/>".utf8)),
            ("_rels/.rels", Data(Self.rootRels.replacingOccurrences(of: "xl/workbook.xml", with: "word/document.xml").utf8)),
            ("word/document.xml", Data("<w:document xmlns:w=\"w\"/>".utf8)),
        ])
        #expect(throws: SpreadsheetError(.notXLSX)) { try XLSX.read(docx) }
    }

    @Test func malformedXMLIsReported() throws {
        let file = try ZipWriter.archive([
            ("[Content_Types].xml", Data("<Types/>".utf8)),
            ("xl/workbook.xml", Data("<workbook><sheets><sheet name=\"a\"/></sheets></workbook>".utf8)),
            ("xl/worksheets/sheet1.xml", Data("<worksheet><sheetData><row></sheetData></worksheet>".utf8)),
        ])
        #expect(throws: SpreadsheetError(.malformedXML, part: "xl/worksheets/sheet1.xml")) { try XLSX.read(file) }
    }

    static let rootRels = """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
          <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
        </Relationships>
        """
}
