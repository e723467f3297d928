import Foundation
import Testing

@testable import ShuhuiSpreadsheet

@Suite struct StreamTests {
    private static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// Splits `data` into chunks of `size` bytes (0 = random sizes from 1 to 50).
    private static func chunks(_ data: Data, _ size: Int) -> [Data] {
        var out: [Data] = []
        var i = data.startIndex
        var rng = SystemRandomNumberGenerator()
        while i < data.endIndex {
            let n = size > 0 ? size : Int.random(in: 1...50, using: &rng)
            let j = min(i + n, data.endIndex)
            out.append(data[i..<j])
            i = j
        }
        return out
    }

    private static let sizes = [1, 2, 3, 7, 64, 4096, 0, 1 << 20]

    private static func csv(_ data: Data, size: Int, charset: StreamCharset? = nil) throws(SpreadsheetError) -> [StreamRow] {
        var parser = CSVStreamParser(charset: charset)
        var rows: [StreamRow] = []
        for chunk in chunks(data, size) { rows += try parser.feed(chunk) }
        return rows + (try parser.finish())
    }

    private static func jsonLines(_ data: Data, size: Int) throws(JSONStreamError) -> [StreamObject] {
        var parser = JSONLinesStreamParser()
        var out: [StreamObject] = []
        for chunk in chunks(data, size) { out += try parser.feed(chunk) }
        return out + (try parser.finish())
    }

    private static func jsonArray(_ data: Data, size: Int) throws(JSONStreamError) -> [StreamObject] {
        var parser = JSONArrayStreamParser()
        var out: [StreamObject] = []
        for chunk in chunks(data, size) { out += try parser.feed(chunk) }
        return out + (try parser.finish())
    }

    private static func csvError(_ data: Data, size: Int = 7, charset: StreamCharset? = nil) -> SpreadsheetError? {
        do {
            _ = try csv(data, size: size, charset: charset)
            return nil
        } catch {
            return error
        }
    }

    private static func jsonError(_ data: Data, lines: Bool, size: Int = 5) -> JSONStreamError? {
        do {
            _ = lines ? try jsonLines(data, size: size) : try jsonArray(data, size: size)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - CSV

    private static let samples: [String] = [
        "姓名,公民身份号码,备注\n段誉,330106199001010018,\"说：\"\"你好\"\"，然后走了\"\n王语嫣,,\"第一行\n第二行\r\n第三行\"\n",
        "a,b\r\nc,d\r\n\r\ne,f",
        "a,b\rc,d\re,f\r",
        "x,\"y\"tail,z\n\n\n1,2,3,\n\"\",\"\"\n,\nlast,row\n",
        "only one line without newline",
        "\"quoted\nstart\",2\n3,4",
        "𠀀,𪚥,丂\n中文,\"含,逗号\",\"\"\n",
    ]

    @Test(arguments: samples)
    func matchesTheWholeFileParserForEveryChunking(text: String) throws {
        let expected = try CSV.parse(Data(text.utf8)).filter { !$0.isEmpty }
        var encodings: [Data] = [Data(text.utf8), Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)]
        if let gb = text.data(using: Self.gb18030) { encodings.append(gb) }
        for data in encodings {
            #expect(try CSV.parse(data).filter { !$0.isEmpty } == expected)
            for size in Self.sizes {
                let rows = try Self.csv(data, size: size)
                #expect(rows.map(\.fields) == expected, "chunk size \(size), \(data.count) bytes")
            }
        }
    }

    @Test func largeGB18030BodyIsDetectedAndSplitSafely() throws {
        var lines = ["序号,姓名,地址,备注"]
        for i in 0..<3000 {
            lines.append("\(i),段誉\(i),\"浙江省杭州市\n西湖区𠀀\(i)号\",\"他说\"\"好\"\"\"")
        }
        let text = lines.joined(separator: "\r\n") + "\r\n"
        let data = try #require(text.data(using: Self.gb18030))
        #expect(data.count > 128 * 1024)
        let expected = try CSV.parse(data)
        for size in [1, 4096, 65_536, 0] {
            var parser = CSVStreamParser(charset: nil)
            var rows: [StreamRow] = []
            for chunk in Self.chunks(data, size == 0 ? 9973 : size) { rows += try parser.feed(chunk) }
            rows += try parser.finish()
            #expect(parser.charset == .gb18030)
            #expect(rows.map(\.fields) == expected)
            #expect(rows.last?.line == 1 + 2 * 3000 - 1)
        }
        #expect(try Self.csv(data, size: 4096, charset: .gb18030).map(\.fields) == expected)
    }

    @Test func asciiThenGB18030IsDecidedWhenTheFirstNonASCIIArrives() throws {
        let ascii = String(repeating: "id,value,comment\n", count: 6000)  // > 64 KiB of ASCII
        let tail = try #require("1,段誉,男\n".data(using: Self.gb18030))
        let data = Data(ascii.utf8) + tail
        var parser = CSVStreamParser(charset: nil)
        var rows: [StreamRow] = []
        for chunk in Self.chunks(data, 1000) { rows += try parser.feed(chunk) }
        rows += try parser.finish()
        #expect(parser.charset == .gb18030)
        #expect(rows.count == 6001)
        #expect(rows.last == StreamRow(fields: ["1", "段誉", "男"], line: 6001))
    }

    @Test func rowsCarryTheLineTheyStartOn() throws {
        let text = "h1,h2\n\na,\"multi\nline\"\r\nb,c\n\n\nd,e"
        for size in Self.sizes {
            let rows = try Self.csv(Data(text.utf8), size: size)
            #expect(rows.map(\.line) == [1, 3, 5, 8])
            #expect(rows[1].fields == ["a", "multi\nline"])
        }
    }

    @Test func cellsAreRangesOfTheTextItself() throws {
        var parser = CSVStreamParser(charset: .utf8)
        // The second record is still open (a quoted line break) when the first chunk ends.
        let text = "名,\"a\"\"b\"\n\nc,\"d\n"
        let first = try parser.feedCells(Data(text.utf8))
        #expect(first.count == 1)
        #expect(first.cells(ofRow: 0).map(first.text) == ["名", "a\"b"])
        // A plain cell is a run of the text, not a copy; a quoted one follows the text without
        // its quotes.
        let length = text.utf8.count
        #expect(String(decoding: first.bytes, as: UTF8.self) == text + "a\"b")
        #expect(first.cell(0) == 0..<3)
        #expect(first.cell(1) == length..<length + 3)
        let rest = try parser.feedCells(Data("e\",\n".utf8)).rows + (try parser.finishCells()).rows
        #expect(rest == [StreamRow(fields: ["c", "d\ne", ""], line: 3)])
    }

    @Test func invalidBytesNameTheirLine() {
        // UTF-8 decided by line 2, then a lone 0xFF on line 3.
        let bad = Data("a,b\n段,誉\n".utf8) + Data([0x63, 0xFF, 0x0A]) + Data("d,e\n".utf8)
        for size in [1, 7, 4096] {
            #expect(Self.csvError(bad, size: size, charset: .utf8) == SpreadsheetError(.unknownEncoding, line: 3))
        }
        // A BOM says UTF-8, so a GB18030 line later is an error, not a switch.
        let mixed = Data([0xEF, 0xBB, 0xBF]) + Data("a,b\n".utf8) + ("段誉,男\n".data(using: Self.gb18030) ?? Data())
        #expect(Self.csvError(mixed) == SpreadsheetError(.unknownEncoding, line: 2))
        // 0xFF is never valid GB18030.
        let gb = Data("a,b\nc,d\n".utf8) + Data([0x41, 0xFF, 0x42, 0x0A])
        #expect(Self.csvError(gb, charset: .gb18030) == SpreadsheetError(.unknownEncoding, line: 3))
        let detected = Data("a,b\nc,d\n".utf8) + ("段誉\n".data(using: Self.gb18030) ?? Data()) + Data([0xFF, 0x0A])
        #expect(Self.csvError(detected) == SpreadsheetError(.unknownEncoding, line: 4))
    }

    @Test func unterminatedQuoteNamesTheLineItOpensOn() {
        let data = Data("a,b\nc,\"open\nstill open\nand more".utf8)
        for size in [1, 5, 4096] {
            #expect(Self.csvError(data, size: size) == SpreadsheetError(.unterminatedQuote, line: 2))
        }
    }

    @Test func emptyBodyGivesNoRows() throws {
        #expect(try Self.csv(Data(), size: 1).isEmpty)
        #expect(try Self.csv(Data("\n\r\n\n".utf8), size: 1).isEmpty)
        #expect(try Self.csv(Data([0xEF, 0xBB, 0xBF]), size: 1).isEmpty)
    }

    @Test func csvThroughputIsPrinted() throws {
        var text = "gmsfhm,xm,xb,csrq,sjhm,je,xydm,bz\n"
        for i in 0..<200_000 {
            text += "3301061990010100\(i % 100),段誉,男,1990-01-01,138\(i),\(i).5,91310115MA1K3BTP2B,\"备注, \(i)\"\n"
        }
        let data = Data(text.utf8)
        let start = Date()
        let rows = try Self.csv(data, size: 64 * 1024)
        let seconds = Date().timeIntervalSince(start)
        print("CSVStreamParser: \(rows.count) rows, \(data.count / 1_000_000) MB in \(String(format: "%.3f", seconds)) s")
        #expect(rows.count == 200_001)
    }

    // MARK: - JSON lines

    @Test func jsonLinesKeepLiteralsAndLines() throws {
        let text = "\u{FEFF}{\"xm\":\"段誉\",\"nl\":30,\"je\":1.10,\"big\":12345678901234567890,\"e\":-1.5E+3,\"ok\":true,\"no\":false,\"bz\":null}\r\n"
            + "\n   \n"
            + "{\"s\":\"\\u6bb5\\u8a89\\n\\\"\\\\\\/\",\"emoji\":\"\\ud83d\\ude00\", \"sp\" : \"a b\" }\n"
            + "{}"
        for size in Self.sizes {
            let objects = try Self.jsonLines(Data(text.utf8), size: size)
            #expect(objects.map(\.line) == [1, 4, 5])
            let first = objects[0].fields
            #expect(first["xm"] == .some("段誉"))
            #expect(first["nl"] == .some("30"))
            #expect(first["je"] == .some("1.10"))
            #expect(first["big"] == .some("12345678901234567890"))
            #expect(first["e"] == .some("-1.5E+3"))
            #expect(first["ok"] == .some("true"))
            #expect(first["no"] == .some("false"))
            #expect(first["bz"] == .some(nil))
            #expect(first["missing"] == nil)
            #expect(objects[1].fields["s"] == .some("段誉\n\"\\/"))
            #expect(objects[1].fields["emoji"] == .some("😀"))
            #expect(objects[1].fields["sp"] == .some("a b"))
            #expect(objects[2].fields.isEmpty)
        }
    }

    @Test func jsonLinesErrorsNameTheLine() {
        #expect(Self.jsonError(Data("{\"a\":1}\n\n{\"b\":{\"c\":1}}\n".utf8), lines: true)
                == JSONStreamError(.nonScalarValue, line: 3, key: "b"))
        #expect(Self.jsonError(Data("{\"a\":1}\n[1,2]\n".utf8), lines: true) == JSONStreamError(.notAnObject, line: 2))
        #expect(Self.jsonError(Data("\"text\"".utf8), lines: true) == JSONStreamError(.notAnObject, line: 1))
        #expect(Self.jsonError(Data("{\"a\":1,}\n".utf8), lines: true) == JSONStreamError(.malformed, line: 1))
        #expect(Self.jsonError(Data("{\"a\":01}".utf8), lines: true) == JSONStreamError(.malformed, line: 1))
        #expect(Self.jsonError(Data("{\"a\":1} x".utf8), lines: true) == JSONStreamError(.malformed, line: 1))
        #expect(Self.jsonError(Data("{\"a\":\"\\ud83d\"}".utf8), lines: true) == JSONStreamError(.malformed, line: 1))
        #expect(Self.jsonError(Data("{\"a\":\"tab\there\"}".utf8), lines: true) == JSONStreamError(.malformed, line: 1))
        #expect(Self.jsonError(Data("{\"a\":1}\n".utf8) + Data([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC4, 0xE3, 0x22, 0x7D]), lines: true)
                == JSONStreamError(.invalidUTF8, line: 2))
        let message = JSONStreamError(.nonScalarValue, line: 3, key: "b").message
        #expect(message.en == "line 3: value must be a scalar: “b” holds an object or array")
        #expect(message.zh.hasPrefix("第3行"))
    }

    // MARK: - JSON array

    @Test func jsonArrayCutsElementsAcrossChunks() throws {
        let text = """
            \u{FEFF}[
              {"xm": "段誉", "bz": "braces } ] { [ and \\"quotes\\" inside", "nl": 30},
              {
                "xm": "王语嫣",
                "je": 0.5e-3
              }
              ,{"xm":null}
            ]\n\n
            """
        for size in Self.sizes {
            let objects = try Self.jsonArray(Data(text.utf8), size: size)
            #expect(objects.map(\.line) == [2, 3, 7])
            #expect(objects[0].fields["bz"] == .some("braces } ] { [ and \"quotes\" inside"))
            #expect(objects[0].fields["nl"] == .some("30"))
            #expect(objects[1].fields["je"] == .some("0.5e-3"))
            #expect(objects[2].fields["xm"] == .some(nil))
        }
        #expect(try Self.jsonArray(Data(" [ ] ".utf8), size: 1).isEmpty)
    }

    @Test func jsonArrayErrors() {
        #expect(Self.jsonError(Data("{\"a\":1}".utf8), lines: false) == JSONStreamError(.notAnArray, line: 1))
        #expect(Self.jsonError(Data("".utf8), lines: false) == JSONStreamError(.notAnArray, line: 1))
        #expect(Self.jsonError(Data("[\n1,2]".utf8), lines: false) == JSONStreamError(.notAnObject, line: 2))
        #expect(Self.jsonError(Data("[{\"a\":1},\n{\"b\":[1]}]".utf8), lines: false) == JSONStreamError(.nonScalarValue, line: 2, key: "b"))
        #expect(Self.jsonError(Data("[{\"a\":1}]\nx".utf8), lines: false) == JSONStreamError(.trailingContent, line: 2))
        #expect(Self.jsonError(Data("[{\"a\":1},]".utf8), lines: false) == JSONStreamError(.malformed, line: 1))
        #expect(Self.jsonError(Data("[{\"a\":1} {\"b\":2}]".utf8), lines: false) == JSONStreamError(.malformed, line: 1))
        #expect(Self.jsonError(Data("[{\"a\":1}".utf8), lines: false) == JSONStreamError(.unterminated, line: 1))
        #expect(Self.jsonError(Data("[\n\n{\"a\":\n1".utf8), lines: false) == JSONStreamError(.unterminated, line: 3))
        #expect(Self.jsonError(Data("[{\"a\" 1}]".utf8), lines: false) == JSONStreamError(.malformed, line: 1))
    }
}
