/// Decoding and escaping of XML character data.
public enum XMLEntities {
    /// Decodes the five predefined entities and numeric character references, and turns
    /// CR and CRLF into LF as XML requires. Unknown or broken references are kept literally:
    /// one odd cell must not make a whole upload fail.
    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "\r") }) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\r") {
                out.append(UInt8(ascii: "\n"))
                index += 1
                if index < bytes.endIndex, bytes[index] == UInt8(ascii: "\n") { index += 1 }
                continue
            }
            guard byte == UInt8(ascii: "&"),
                  let semicolon = bytes[index..<min(index + 12, bytes.endIndex)].firstIndex(of: UInt8(ascii: ";")),
                  let scalar = reference(bytes[(index + 1)..<semicolon])
            else {
                out.append(byte)
                index += 1
                continue
            }
            out.append(contentsOf: String(Character(scalar)).utf8)
            index = semicolon + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Escapes text for element content or a double-quoted attribute value. Characters XML
    /// 1.0 forbids (most C0 controls) are dropped, because Excel refuses the whole file if
    /// one cell contains them; CR is written as a reference so it survives a round trip.
    public static func escape(_ text: String) -> String {
        // Most cells need no escaping; 0xEF starts U+FFFE/U+FFFF (and other BMP characters
        // from U+F000, which then take the slow path harmlessly).
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0xEF || needsEscape[Int($0)] }) {
            return text
        }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\r": out += "&#13;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: break
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static let needsEscape: [Bool] = (0...255).map { byte in
        [UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'")].contains(UInt8(byte))
    }

    private static func reference(_ name: ArraySlice<UInt8>) -> Unicode.Scalar? {
        switch String(decoding: name, as: UTF8.self) {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case let numeric where numeric.hasPrefix("#x") || numeric.hasPrefix("#X"):
            return UInt32(numeric.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
        case let numeric where numeric.hasPrefix("#"):
            return UInt32(numeric.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
        default: return nil
        }
    }
}
