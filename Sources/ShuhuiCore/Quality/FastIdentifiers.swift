import Foundation

/// Allocation-free checks of the identifier formats for the per-row path.
///
/// Each check handles the common shape (exactly the characters of the identifier, nothing
/// around them) on UTF-8 bytes and hands anything else (spaces, separators, prefixes, full
/// width digits) to the identifier type's own parser. So the verdict always agrees with
/// ``ResidentID``, ``CreditCode``, ``MobilePhone`` and ``Landline``, while a million clean
/// values cost no allocations.
enum FastIdentifiers {
    // Fixed-size tables (`InlineArray`): reading a global `Array` retains and releases its
    // buffer on every call, which on a million rows costs more than the arithmetic.
    private static let idWeights: InlineArray<17, Int> = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    /// "10X98765432": the check character for each remainder mod 11.
    private static let idChecks: InlineArray<11, UInt8> = [49, 48, 88, 57, 56, 55, 54, 53, 52, 51, 50]
    private static let creditAlphabet: [UInt8] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)
    private static let creditWeights: InlineArray<17, Int> = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    private static let orgWeights: InlineArray<8, Int> = [3, 7, 9, 10, 5, 8, 4, 2]

    /// Byte → position in the credit-code alphabet (lowercase letters folded), or -1.
    private static let creditIndex: InlineArray<256, Int8> = {
        var table = InlineArray<256, Int8>(repeating: -1)
        for (i, c) in creditAlphabet.enumerated() {
            table[Int(c)] = Int8(i)
            if c >= UInt8(ascii: "A") { table[Int(c | 0x20)] = Int8(i) }
        }
        return table
    }()

    /// Why `raw` is not a resident ID valid on `today` (`yyyymmdd`), or nil when it is.
    static func residentID(_ raw: String, today: CalendarDate, todayNumber: Int) -> IdentifierError? {
        ValueParsing.withBytes(raw) { residentID($0, today: today, todayNumber: todayNumber) }
    }

    /// ``residentID(_:today:todayNumber:)`` on UTF-8 bytes.
    static func residentID(_ b: UnsafeBufferPointer<UInt8>, today: CalendarDate, todayNumber: Int) -> IdentifierError? {
        let fast: IdentifierError?? = { () -> IdentifierError?? in
            guard b.count == 18 else { return .none }
            var sum = 0
            for k in 0..<17 {
                let d = b[k] &- ValueParsing.zero
                guard d <= 9 else { return .none }
                sum += Int(d) * idWeights[k]
            }
            var last = b[17]
            if last == UInt8(ascii: "x") { last = UInt8(ascii: "X") }
            guard ValueParsing.isDigit(last) || last == UInt8(ascii: "X") else { return .none }
            guard idChecks[sum % 11] == last else { return .some(.checkCharacter) }
            guard let year = ValueParsing.digits(b, 6, 4), let month = ValueParsing.digits(b, 10, 2),
                  let day = ValueParsing.digits(b, 12, 2), let number = ValueParsing.dayNumber(year, month, day),
                  year >= 1900, number <= todayNumber
            else { return .some(.date) }
            return .some(nil)
        }()
        if let fast { return fast }
        do {
            _ = try ResidentID(String(decoding: b, as: UTF8.self), asOf: today)
            return nil
        } catch {
            return error
        }
    }

    /// The birth date (`yyyymmdd`) written in a resident ID's characters 7–14, or nil when
    /// the text is not shaped like an 18-character ID or those digits are not a real date.
    static func birthDay(inID b: UnsafeBufferPointer<UInt8>) -> Int? {
        let r = ValueParsing.trimmed(b)
        guard r.count == 18, let year = ValueParsing.digits(b, r.lowerBound + 6, 4),
              let month = ValueParsing.digits(b, r.lowerBound + 10, 2),
              let day = ValueParsing.digits(b, r.lowerBound + 12, 2)
        else { return nil }
        return ValueParsing.dayNumber(year, month, day)
    }

    /// Why `raw` is not a unified social credit code, or nil when it is.
    static func creditCode(_ raw: String) -> IdentifierError? {
        ValueParsing.withBytes(raw) { creditCode($0) }
    }

    /// ``creditCode(_:)`` on UTF-8 bytes.
    static func creditCode(_ b: UnsafeBufferPointer<UInt8>) -> IdentifierError? {
        let fast: IdentifierError?? = { () -> IdentifierError?? in
            guard b.count == 18 else { return .none }
            var sum = 0
            for k in 0..<17 {
                let index = creditIndex[Int(b[k])]
                guard index >= 0 else { return .none }
                sum += Int(index) * creditWeights[k]
            }
            let lastIndex = creditIndex[Int(b[17])]
            guard lastIndex >= 0 else { return .none }
            guard Int(lastIndex) == (31 - sum % 31) % 31 else { return .some(.checkCharacter) }
            // Characters 9–17: the GB 11714 organisation code, digits as themselves and
            // letters A=10 … Z=35.
            var orgSum = 0
            for k in 0..<8 {
                var c = b[8 + k]
                if c >= UInt8(ascii: "a") { c -= 32 }
                let value = ValueParsing.isDigit(c) ? Int(c - ValueParsing.zero) : Int(c - UInt8(ascii: "A")) + 10
                orgSum += value * orgWeights[k]
            }
            var check = b[16]
            if check >= UInt8(ascii: "a") { check -= 32 }
            let expected: UInt8
            switch 11 - orgSum % 11 {
            case 10: expected = UInt8(ascii: "X")
            case 11: expected = ValueParsing.zero
            case let digit: expected = ValueParsing.zero + UInt8(digit)
            }
            return .some(check == expected ? nil : .organizationCheckCharacter)
        }()
        if let fast { return fast }
        do {
            _ = try CreditCode(String(decoding: b, as: UTF8.self))
            return nil
        } catch {
            return error
        }
    }

    /// Why `raw` is not a mainland mobile number, or nil when it is.
    static func mobile(_ raw: String) -> IdentifierError? {
        ValueParsing.withBytes(raw) { mobile($0) }
    }

    /// ``mobile(_:)`` on UTF-8 bytes.
    static func mobile(_ b: UnsafeBufferPointer<UInt8>) -> IdentifierError? {
        let fast: IdentifierError?? = { () -> IdentifierError?? in
            guard b.count == 11 else { return .none }
            for k in 0..<11 where !ValueParsing.isDigit(b[k]) { return .none }
            return .some(b[0] == UInt8(ascii: "1") && b[1] >= UInt8(ascii: "3") ? nil : .format)
        }()
        if let fast { return fast }
        do {
            _ = try MobilePhone(String(decoding: b, as: UTF8.self))
            return nil
        } catch {
            return error
        }
    }

    /// Why `raw` is not a mainland fixed-line number, or nil when it is.
    static func landline(_ raw: String) -> IdentifierError? {
        ValueParsing.withBytes(raw) { landline($0) }
    }

    /// ``landline(_:)`` on UTF-8 bytes.
    static func landline(_ b: UnsafeBufferPointer<UInt8>) -> IdentifierError? {
        let fast: IdentifierError?? = { () -> IdentifierError?? in
            // Fast shapes: all digits, or digits-digits with one hyphen inside.
            var hyphen = -1
            for k in 0..<b.count {
                if ValueParsing.isDigit(b[k]) { continue }
                guard b[k] == UInt8(ascii: "-"), hyphen < 0, k > 0, k < b.count - 1 else { return .none }
                hyphen = k
            }
            guard b.count >= 2 else { return .none }
            let areaLength: Int
            let localStart: Int
            if hyphen >= 0 {
                areaLength = hyphen
                localStart = hyphen + 1
            } else {
                // Area codes starting 01 or 02 have three digits, all others four.
                areaLength = Swift.min(b.count, b[1] == UInt8(ascii: "1") || b[1] == UInt8(ascii: "2") ? 3 : 4)
                localStart = areaLength
            }
            let localLength = b.count - localStart
            let ok = (3...4).contains(areaLength) && b[0] == ValueParsing.zero && (7...8).contains(localLength)
                && b[localStart] >= UInt8(ascii: "2")
            return .some(ok ? nil : .format)
        }()
        if let fast { return fast }
        do {
            _ = try Landline(String(decoding: b, as: UTF8.self))
            return nil
        } catch {
            return error
        }
    }
}
