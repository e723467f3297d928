import Foundation
import Testing

@testable import ShuhuiSpreadsheet

@Suite struct SpreadsheetInternalsTests {
    @Test func cellReferences() {
        #expect(CellReference.parse("A1")! == (0, 0))
        #expect(CellReference.parse("B7")! == (1, 6))
        #expect(CellReference.parse("$AA$10")! == (26, 9))
        #expect(CellReference.parse("XFD1048576")! == (16_383, 1_048_575))
        #expect(CellReference.parse("XFE1") == nil)
        #expect(CellReference.parse("A0") == nil)
        #expect(CellReference.parse("1A") == nil)
        #expect(CellReference.columnLetters(0) == "A")
        #expect(CellReference.columnLetters(25) == "Z")
        #expect(CellReference.columnLetters(26) == "AA")
        #expect(CellReference.columnLetters(16_383) == "XFD")
    }

    @Test func numbersRenderAsExcelShowsThem() {
        #expect(CellText.number("12.0") == "12")
        #expect(CellText.number("-3") == "-3")
        #expect(CellText.number("0.30000000000000004") == "0.3")
        #expect(CellText.number("3.14") == "3.14")
        #expect(CellText.number("1.5E-20") == "1.5E-20")
        #expect(CellText.number("abc") == "abc")
    }

    @Test func dateSerials() {
        #expect(CellText.date("1", kind: .date, date1904: false) == "1900-01-01")
        #expect(CellText.date("60", kind: .date, date1904: false) == "1900-02-29")
        #expect(CellText.date("61", kind: .date, date1904: false) == "1900-03-01")
        #expect(CellText.date("36526", kind: .date, date1904: false) == "2000-01-01")
        #expect(CellText.date("0", kind: .date, date1904: true) == "1904-01-01")
        #expect(CellText.date("0.75", kind: .time, date1904: false) == "18:00:00")
        #expect(CellText.date("45658.999988", kind: .dateTime, date1904: false) == "2025-01-01 23:59:59")
        #expect(CellText.date("45658.9999999", kind: .dateTime, date1904: false) == "2025-01-02")
    }

    @Test func customDateFormats() {
        #expect(DateStyles.kind(ofFormat: "yyyy/m/d;@") == .date)
        #expect(DateStyles.kind(ofFormat: "yyyy\"年\"m\"月\"d\"日\"") == .date)
        #expect(DateStyles.kind(ofFormat: "[$-804]aaaa") == nil)
        #expect(DateStyles.kind(ofFormat: "h:mm:ss") == .time)
        #expect(DateStyles.kind(ofFormat: "[h]:mm") == .time)
        #expect(DateStyles.kind(ofFormat: "yyyy-mm-dd hh:mm") == .dateTime)
        #expect(DateStyles.kind(ofFormat: "0.00E+00") == nil)
        #expect(DateStyles.kind(ofFormat: "#,##0.00\"元\"") == nil)
        #expect(DateStyles.kind(ofFormat: "General") == nil)
    }

    @Test func entities() {
        #expect(XMLEntities.decode(ArraySlice("a&amp;b&lt;&gt;&quot;&apos;&#65;&#x42;&bogus;&".utf8)) == "a&b<>\"'AB&bogus;&")
        #expect(XMLEntities.decode(ArraySlice("a\r\nb\rc".utf8)) == "a\nb\nc")
        #expect(XMLEntities.escape("<&>\"'\r\u{0}ok") == "&lt;&amp;&gt;&quot;&apos;&#13;ok")
    }

    @Test func ooxmlEscapes() {
        #expect(CellText.unescapeOOXML("a_x000D_b") == "a\rb")
        #expect(CellText.unescapeOOXML("_x_y_") == "_x_y_")
    }

    @Test func relationshipPaths() {
        #expect(Relationships.resolve("worksheets/sheet1.xml", from: "xl/workbook.xml") == "xl/worksheets/sheet1.xml")
        #expect(Relationships.resolve("/xl/a.xml", from: "xl/workbook.xml") == "xl/a.xml")
        #expect(Relationships.resolve("../x.xml", from: "xl/workbook.xml") == "x.xml")
        #expect(Relationships.resolve("xl/workbook.xml", from: "") == "xl/workbook.xml")
        #expect(Relationships.relsPath(for: "xl/workbook.xml") == "xl/_rels/workbook.xml.rels")
        #expect(Relationships.relsPath(for: "") == "_rels/.rels")
    }
}
