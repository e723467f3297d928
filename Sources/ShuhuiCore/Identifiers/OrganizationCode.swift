/// The GB 11714 organisation code check, embedded as characters 9–17 of a credit code.
///
/// All four valid credit codes in the anchors satisfy it, so it is enforced: a code that
/// passes the GB 32100 check but breaks this one has most likely been made up.
enum OrganizationCode {
    private static let weights = [3, 7, 9, 10, 5, 8, 4, 2]

    /// The check character for an 8-character organisation code body, or `nil` when a
    /// character is not a digit or an uppercase ASCII letter.
    static func checkCharacter(for body: some Collection<UInt8>) -> Character? {
        guard body.count == 8 else { return nil }
        var sum = 0
        for (byte, weight) in zip(body, weights) {
            guard let value = characterValue(byte) else { return nil }
            sum += value * weight
        }
        switch 11 - sum % 11 {
        case 10: return "X"
        case 11: return "0"
        case let digit: return Character(String(digit))
        }
    }

    /// Digits count as themselves and letters as A=10 … Z=35.
    private static func characterValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }
}
