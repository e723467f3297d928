import Foundation
import Testing

@testable import ShuhuiSpreadsheet

@Suite struct CSVTests {
    @Test func roundTripsAwkwardCells() throws {
        let rows = [
            ["姓名", "身份证号", "备注"],
            ["段誉", "330106199001010018", "said \"hi\", then left"],
            ["王语嫣", "", "line one\nline two\r\nline three"],
            ["", "", ""],
            ["a,b", "\"", " spaced "],
        ]
        let data = CSV.write(rows)
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(try CSV.parse(data) == rows)
        #expect(try CSV.parse(CSV.write(rows, bom: false)) == rows)
    }

    @Test func writesCRLFAndQuotesOnlyWhenNeeded() {
        let text = String(decoding: CSV.write([["a", "b,c"], ["d\"e", "f"]], bom: false), as: UTF8.self)
        #expect(text == "a,\"b,c\"\r\n\"d\"\"e\",f\r\n")
    }

    @Test func acceptsAllLineEndings() throws {
        let expected = [["a", "b"], ["c", "d"], ["e", "f"]]
        #expect(try CSV.parse(Data("a,b\nc,d\ne,f".utf8)) == expected)
        #expect(try CSV.parse(Data("a,b\r\nc,d\r\ne,f\r\n".utf8)) == expected)
        #expect(try CSV.parse(Data("a,b\rc,d\re,f\r".utf8)) == expected)
    }

    @Test func emptyFieldsAndLines() throws {
        #expect(try CSV.parse(Data("a,,c\n,\n\nd,".utf8)) == [["a", "", "c"], ["", ""], [], ["d", ""]])
        #expect(try CSV.parse(Data()) == [])
        #expect(try CSV.parse(Data("\n\n".utf8)) == [])
    }

    @Test func dropsTrailingEmptyLines() throws {
        #expect(try CSV.parse(Data("a,b\r\n\r\n\r\n,,\r\n".utf8)) == [["a", "b"]])
    }

    @Test func keepsTextAfterClosingQuote() throws {
        #expect(try CSV.parse(Data("\"ab\"c,d".utf8)) == [["abc", "d"]])
        #expect(try CSV.parse(Data("a\"b,c".utf8)) == [["a\"b", "c"]])
    }

    @Test func unterminatedQuoteNamesItsLine() {
        let data = Data("h1,h2\nok,\"fine\nstill fine\"\nbad,\"never\nclosed".utf8)
        #expect(throws: SpreadsheetError(.unterminatedQuote, line: 4)) { try CSV.parse(data) }
        let error = SpreadsheetError(.unterminatedQuote, line: 4)
        #expect(error.message.zh.contains("第4行"))
        #expect(error.message.en.contains("line 4"))
    }

    @Test func readsGB18030() throws {
        // "姓名,年龄\r\n张三,30" as Excel on Chinese Windows saves it.
        var bytes: [UInt8] = [0xD0, 0xD5, 0xC3, 0xFB, 0x2C, 0xC4, 0xEA, 0xC1, 0xE4, 0x0D, 0x0A]
        bytes += [0xD5, 0xC5, 0xC8, 0xFD, 0x2C, 0x33, 0x30]
        #expect(try CSV.parse(Data(bytes)) == [["姓名", "年龄"], ["张三", "30"]])
        // A four-byte GB18030 sequence (U+20000, outside GBK).
        #expect(try CSV.parse(Data([0x95, 0x32, 0x82, 0x36])) == [["\u{20000}"]])
    }

    @Test func readsUTF8WithAndWithoutBOMAndUTF16() throws {
        #expect(try CSV.parse(Data([0xEF, 0xBB, 0xBF] + Array("名称,值".utf8))) == [["名称", "值"]])
        #expect(try CSV.parse(Data("名称,值".utf8)) == [["名称", "值"]])
        let utf16 = try #require("名称,值\r\n".data(using: .utf16LittleEndian))
        #expect(try CSV.parse(Data([0xFF, 0xFE]) + utf16) == [["名称", "值"]])
    }
}
