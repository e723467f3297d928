import Foundation

/// A unified social credit code (统一社会信用代码, GB 32100-2015), 18 characters.
///
/// It can only exist when its characters come from the GB 32100 alphabet, its final check
/// character is right and the embedded organisation code (GB 11714) checks out.
public struct CreditCode: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The normalised 18 uppercase characters.
    public let value: String

    /// The 31 characters allowed; I, O, Z, S and V are left out because they look like digits.
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)
    private static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// Parses a credit code.
    ///
    /// - Parameter raw: The text as typed; surrounding whitespace is trimmed and lowercase
    ///   letters are accepted.
    /// - Throws: `IdentifierError` saying which rule the text breaks.
    public init(_ raw: String) throws(IdentifierError) {
        let bytes = try IdentifierText.fixedLength(raw, 18)
        guard bytes.allSatisfy({ CreditCode.alphabet.contains($0) }) else { throw .characters }
        guard let check = CreditCode.checkByte(for: bytes[0..<17]), check == bytes[17] else {
            throw .checkCharacter
        }
        guard let orgCheck = OrganizationCode.checkCharacter(for: bytes[8..<16]),
              orgCheck.asciiValue == bytes[16]
        else { throw .organizationCheckCharacter }
        value = String(decoding: bytes, as: UTF8.self)
    }

    /// Builds a valid code from its parts, computing both check characters. Meant for
    /// deterministic demo and test data; the parts are trusted.
    ///
    /// - Parameters:
    ///   - authority: Registration authority code (登记管理部门), for example `9` for
    ///     market regulation.
    ///   - kind: Organisation category within that authority, for example `1` for enterprises.
    ///   - region: Six-digit administrative division code.
    ///   - organizationCode8: The eight-character organisation code body, without its check
    ///     character, from the credit-code alphabet.
    /// - Precondition: Every part has the right length and alphabet; a wrong part is a
    ///   programming error in the generator, not bad input.
    public static func make(
        authority: Character, kind: Character, region: String, organizationCode8: String
    ) -> CreditCode {
        let body = Array("\(authority)\(kind)\(region)\(organizationCode8)".uppercased().utf8)
        precondition(body.count == 16 && body.allSatisfy { alphabet.contains($0) },
                     "CreditCode.make: parts must be 1 + 1 + 6 + 8 characters from the GB 32100 alphabet")
        guard let orgCheck = OrganizationCode.checkCharacter(for: body[8..<16])?.asciiValue,
              let check = checkByte(for: body + [orgCheck])
        else { preconditionFailure("CreditCode.make: organisation code body is not checkable") }
        do {
            return try CreditCode(String(decoding: body + [orgCheck, check], as: UTF8.self))
        } catch {
            preconditionFailure("CreditCode.make built an invalid code: \(error.message.en)")
        }
    }

    /// Character 1: the registration authority (1 机构编制, 5 民政, 9 市场监管, …).
    public var registrationAuthority: Character { value.first ?? "0" }

    /// Characters 3–8: the administrative division code of the registering authority.
    public var regionCode: String { String(value.dropFirst(2).prefix(6)) }

    /// The full code.
    public var description: String { value }

    /// Decodes from a single JSON string, validating it.
    public init(from decoder: any Decoder) throws {
        self = try IdentifierText.decode(from: decoder) { raw throws(IdentifierError) in try CreditCode(raw) }
    }

    /// Encodes as a single string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    /// Computes the GB 32100 check character for the first 17 characters of a code, or `nil`
    /// when the input is not 17 characters from the alphabet. Does not check the embedded
    /// organisation code; use `make` to build fully valid codes.
    public static func checkCharacter(for first17: String) -> Character? {
        checkByte(for: Array(first17.uppercased().utf8)).map { Character(Unicode.Scalar($0)) }
    }

    private static func checkByte(for first17: some Collection<UInt8>) -> UInt8? {
        guard first17.count == 17 else { return nil }
        var sum = 0
        for (byte, weight) in zip(first17, weights) {
            guard let index = alphabet.firstIndex(of: byte) else { return nil }
            sum += index * weight
        }
        return alphabet[(31 - sum % 31) % 31]
    }
}
