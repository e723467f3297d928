import Foundation

/// A mainland Chinese resident identity number (GB 11643-1999, 18 characters).
///
/// It can only exist when its check character and embedded birth date are right. District
/// codes are deliberately not checked against a table: districts are created and renamed
/// (330113 临平区, 330114 钱塘区 in 2021) and stale tables reject real people.
public struct ResidentID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The normalised 18 characters, uppercase `X` as check character where applicable.
    public let value: String

    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters = Array("10X98765432")

    /// Parses a resident ID against today's date in China.
    ///
    /// - Parameter raw: The text as typed; surrounding whitespace is trimmed and a lowercase
    ///   `x` is accepted.
    /// - Throws: `IdentifierError` saying which rule the text breaks.
    public init(_ raw: String) throws(IdentifierError) {
        try self.init(raw, asOf: CalendarDate.today())
    }

    /// Parses a resident ID, rejecting birth dates after `today`.
    ///
    /// - Parameters:
    ///   - raw: The text as typed.
    ///   - today: The date birth dates must not be after; injectable for tests and for
    ///     checking historical records.
    /// - Throws: `IdentifierError` saying which rule the text breaks.
    public init(_ raw: String, asOf today: CalendarDate) throws(IdentifierError) {
        let bytes = try IdentifierText.fixedLength(raw, 18)
        guard bytes[0..<17].allSatisfy(IdentifierText.isDigit),
              IdentifierText.isDigit(bytes[17]) || bytes[17] == UInt8(ascii: "X")
        else { throw .characters }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let check = ResidentID.checkCharacter(for: String(text.prefix(17))),
              check == text.last
        else { throw .checkCharacter }
        guard let date = ResidentID.date(in: bytes), date.year >= 1900, date <= today else {
            throw .date
        }
        value = text
    }

    /// Computes the check character for the first 17 digits of an ID, or `nil` when the
    /// input is not exactly 17 ASCII digits. Lets demo-data generators build valid IDs.
    public static func checkCharacter(for first17: String) -> Character? {
        let digits = Array(first17.utf8)
        guard digits.count == 17, digits.allSatisfy(IdentifierText.isDigit) else { return nil }
        var sum = 0
        for (digit, weight) in zip(digits, weights) {
            sum += Int(digit - UInt8(ascii: "0")) * weight
        }
        return checkCharacters[sum % 11]
    }

    /// The date of birth encoded in characters 7–14.
    public var birthDate: CalendarDate {
        // `value` was validated on creation, so the date is always present.
        ResidentID.date(in: Array(value.utf8)) ?? CalendarDate(year: 1900, month: 1, day: 1)!
    }

    /// Whether the holder is male: the sequence digit (17th character) is odd for men.
    public var genderIsMale: Bool {
        let seventeenth = Array(value.utf8)[16]
        return (seventeenth - UInt8(ascii: "0")) % 2 == 1
    }

    /// The six-digit administrative division code of the place of first registration.
    public var regionCode: String { String(value.prefix(6)) }

    /// The full number; callers showing it to people should mask it first.
    public var description: String { value }

    /// Decodes from a single JSON string, validating it.
    public init(from decoder: any Decoder) throws {
        self = try IdentifierText.decode(from: decoder) { raw throws(IdentifierError) in try ResidentID(raw) }
    }

    /// Encodes as a single string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    private static func date(in bytes: [UInt8]) -> CalendarDate? {
        func number(_ range: Range<Int>) -> Int {
            bytes[range].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        return CalendarDate(year: number(6..<10), month: number(10..<12), day: number(12..<14))
    }
}
