import Foundation

/// Shared normalisation and Codable plumbing for identifier value types.
enum IdentifierText {
    /// Trims surrounding whitespace (including the full-width space U+3000 that Chinese
    /// input methods leave behind) and uppercases ASCII letters only, so that full-width
    /// or other non-ASCII characters are kept and rejected later instead of being silently
    /// folded into ASCII.
    static func normalized(_ raw: String) -> [UInt8] {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.utf8.map { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte - 32 : byte
        }
    }

    /// Normalises `raw` and checks it has `length` characters, all ASCII. Length is counted
    /// in characters, so a full-width digit is reported as a bad character, not a bad length.
    static func fixedLength(_ raw: String, _ length: Int) throws(IdentifierError) -> [UInt8] {
        let bytes = normalized(raw)
        if bytes.count == length, bytes.allSatisfy({ $0 < 0x80 }) { return bytes }
        let characters = raw.trimmingCharacters(in: .whitespacesAndNewlines).count
        guard characters == length else { throw .length(expected: length, actual: characters) }
        throw .characters
    }

    /// Whether `byte` is an ASCII digit.
    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Decodes a single string and runs the parsing initialiser, turning its error into a
    /// `DecodingError` so that invalid identifiers in JSON fail at the edge.
    static func decode<T>(
        from decoder: any Decoder, _ parse: (String) throws(IdentifierError) -> T
    ) throws -> T {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        do {
            return try parse(raw)
        } catch {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\(T.self): \(error.message.en)")
        }
    }
}
