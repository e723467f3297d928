/// A mainland Chinese fixed-line number: area code (0 and 2–3 digits) and a 7–8 digit
/// local number, for example `0571-87654321` or `01012345678`.
public struct Landline: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The area code with its leading 0, for example `0571`.
    public let areaCode: String
    /// The local number, 7 or 8 digits.
    public let number: String

    /// Parses a landline number.
    ///
    /// Without a hyphen the split follows the numbering plan: area codes starting 01 or 02
    /// (Beijing, Shanghai, Guangzhou, …) have three digits, all others four.
    ///
    /// - Parameter raw: The text as typed; surrounding whitespace is trimmed.
    /// - Throws: `IdentifierError.characters` for anything but digits and one separator,
    ///   `.format` when the area code or local number has the wrong shape.
    public init(_ raw: String) throws(IdentifierError) {
        // People write the area code as "0571-", "0571 " or "(0571)"; all mean the same split.
        let bytes = IdentifierText.normalized(raw).filter { $0 != UInt8(ascii: "(") }
        let parts = bytes.split(omittingEmptySubsequences: true) {
            $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: ")")
        }
        guard !parts.isEmpty else { throw .format }
        guard parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(IdentifierText.isDigit) }) else {
            throw .characters
        }
        let area: ArraySlice<UInt8>
        let local: ArraySlice<UInt8>
        if parts.count == 2 {
            area = parts[0]
            local = parts[1]
        } else {
            let digits = parts[0]
            guard digits.count >= 2 else { throw .format }
            let second = digits[digits.startIndex + 1]
            let areaLength = second == UInt8(ascii: "1") || second == UInt8(ascii: "2") ? 3 : 4
            area = digits.prefix(areaLength)
            local = digits.dropFirst(areaLength)
        }
        // Local numbers never start with 0 (trunk prefix) or 1 (special services like 110).
        guard (3...4).contains(area.count), area.first == UInt8(ascii: "0"),
              (7...8).contains(local.count), let head = local.first, head >= UInt8(ascii: "2")
        else { throw .format }
        areaCode = String(decoding: area, as: UTF8.self)
        number = String(decoding: local, as: UTF8.self)
    }

    /// The normalised form `area-number`, for example `0571-87654321`.
    public var value: String { "\(areaCode)-\(number)" }

    /// The normalised form `area-number`.
    public var description: String { value }

    /// Decodes from a single JSON string, validating it.
    public init(from decoder: any Decoder) throws {
        self = try IdentifierText.decode(from: decoder) { raw throws(IdentifierError) in try Landline(raw) }
    }

    /// Encodes as a single string in the normalised form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
