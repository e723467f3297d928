import Foundation
import ShuhuiCore
import Testing

@Suite struct EncodingTests {
    @Test func hexMatchesTheFormatSpecifier() {
        let bytes: [UInt8] = [0, 1, 0x0f, 0x10, 0x7f, 0x80, 0xab, 0xff]
        #expect(Hex.encode(bytes) == bytes.map { String(format: "%02x", $0) }.joined())
        #expect(Hex.encode([UInt8]()) == "")
    }

    /// The hand-written writer gives the same text as `JSONEncoder` with sorted keys and
    /// unescaped slashes, for every kind of value and every character class that needs escaping.
    @Test func writerMatchesJSONEncoder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let texts = ["", "plain", "段小明", "a\"b", "back\\slash", "line\nfeed\r\t", "\u{0}\u{1}\u{1f}\u{8}\u{c}", "</script>", "emoji 🙂"]
        for t in texts {
            var w = JSONWriter()
            w.string(t)
            #expect(w.text == String(decoding: try encoder.encode(t), as: UTF8.self), "\(t.debugDescription)")
        }
        let values: [TypedValue?] = [nil, .text("x\"y"), .integer(-42), .decimal(1.5), .decimal(0.1), .decimal(1e-7), .date("2018-05-18"),
                                     .datetime("2018-05-18 23:59:59"), .boolean(true), .boolean(false)]
        for v in values {
            var w = JSONWriter()
            w.value(v)
            let reference = String(decoding: try encoder.encode([v]), as: UTF8.self).dropFirst().dropLast()
            #expect(w.text == String(reference), "\(String(describing: v))")
        }
        let object = ["b": "2", "a": "1", "gmsfhm": "330106********0018"]
        var w = JSONWriter()
        w.object(object)
        #expect(w.text == String(decoding: try encoder.encode(object), as: UTF8.self))
        let message = Localized(zh: "与“csrq”不一致\n", en: "differs from \"csrq\"")
        var m = JSONWriter()
        m.localized(message)
        #expect(m.text == String(decoding: try encoder.encode(message), as: UTF8.self))
    }
}
