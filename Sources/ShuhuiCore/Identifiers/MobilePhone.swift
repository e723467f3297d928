/// A mainland Chinese mobile number: 11 digits starting with 13–19.
///
/// Separators people type (spaces, hyphens) and a country prefix (+86, 86, 0086) are
/// removed, so the same phone always has the same `value` and can be matched or masked.
public struct MobilePhone: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The 11 digits, without prefix or separators.
    public let value: String

    /// Parses a mobile number.
    ///
    /// - Parameter raw: The text as typed, for example `+86 138-0013-8000`.
    /// - Throws: `IdentifierError.characters` for anything but digits and separators,
    ///   `.length` when not 11 digits remain, `.format` when it does not start with 13–19.
    public init(_ raw: String) throws(IdentifierError) {
        var bytes = IdentifierText.normalized(raw)
        if bytes.first == UInt8(ascii: "+") { bytes.removeFirst() }
        bytes.removeAll { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "-") }
        guard bytes.allSatisfy(IdentifierText.isDigit) else { throw .characters }
        // A country code is only stripped when exactly 11 digits follow it, so that an
        // 11-digit number that happens to start with 86 is never cut.
        for prefix in ["0086", "86"] where bytes.count == 11 + prefix.utf8.count {
            if bytes.starts(with: prefix.utf8) { bytes.removeFirst(prefix.utf8.count) }
        }
        guard bytes.count == 11 else { throw .length(expected: 11, actual: bytes.count) }
        guard bytes[0] == UInt8(ascii: "1"), bytes[1] >= UInt8(ascii: "3") else { throw .format }
        value = String(decoding: bytes, as: UTF8.self)
    }

    /// The 11 digits.
    public var description: String { value }

    /// Decodes from a single JSON string, validating it.
    public init(from decoder: any Decoder) throws {
        self = try IdentifierText.decode(from: decoder) { raw throws(IdentifierError) in try MobilePhone(raw) }
    }

    /// Encodes as a single string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
