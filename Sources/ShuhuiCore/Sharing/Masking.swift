import Foundation

/// How a field's values are shown to a consumer (脱敏). Conventions as in common Chinese
/// libraries and Ranger's masks (ANCHORS.md).
public enum MaskKind: String, Sendable, Codable, CaseIterable {
    /// Shown as stored.
    case none
    /// Name: first character, then `*` (段**).
    case name
    /// Resident ID: first 6 and last 4 (330106********0018); the birth date never shows.
    case residentID
    /// Mobile: first 3 and last 4 (180****1999).
    case mobile
    /// Landline: first 4 and last 2.
    case landline
    /// Address: the last 8 characters hidden.
    case address
    /// Bank card: first 4 and last 4.
    case bankCard
    /// Date: the year only.
    case year
    /// A keyed-HMAC pseudonym: equal values stay equal (joins still work), nothing is revealed.
    case pseudonym
    /// Nothing of the value: a fixed `******`.
    case redact

    /// The mask a grant proposes for `field` before the approver adjusts it: by the rules on
    /// the field (an ID, a phone), then by its name, then by its sensitivity.
    public static func suggested(for field: Field, rules: [QualityRule]) -> MaskKind {
        let kinds = Set(rules.filter { $0.field == field.code }.map(\.kind))
        if kinds.contains(.residentID) { return .residentID }
        if kinds.contains(.mobile) { return .mobile }
        if kinds.contains(.landline) || kinds.contains(.phone) { return .landline }
        if kinds.contains(.creditCode) { return .none }
        let n = field.name
        if n.hasSuffix("姓名") || field.code == "xm" { return .name }
        if n.contains("身份证") || n.contains("身份号码") || n.contains("证件号") { return .residentID }
        if n.contains("手机") { return .mobile }
        if n.contains("电话") { return .landline }
        if n.contains("地址") || n.contains("住址") || n.contains("住所") { return .address }
        if n.contains("银行卡") || n.contains("账号") || n.contains("卡号") { return .bankCard }
        if n.contains("出生日期") { return .year }
        return field.sensitivity >= .l3 ? .redact : .none
    }
}

/// Applies masks. Pure: the keyed hash is passed in, so Core stays free of crypto and the
/// key never leaves the store.
public struct Masker: Sendable {
    /// Keyed HMAC of a value, as short hex; used by ``MaskKind/pseudonym``.
    public let pseudonym: @Sendable (String) -> String

    public init(pseudonym: @escaping @Sendable (String) -> String) { self.pseudonym = pseudonym }

    /// The masked value. A masked value never equals the raw one: where a convention would
    /// leave it unchanged (a one-character name, a value of stars) the whole value is starred.
    public func mask(_ value: TypedValue?, _ kind: MaskKind) -> TypedValue? {
        guard kind != .none, let value else { return value }
        let raw = value.description
        let masked = apply(kind, raw)
        return .text(masked == raw ? String(repeating: "*", count: raw.count + 1) : masked)
    }

    func apply(_ kind: MaskKind, _ raw: String) -> String {
        let chars = Array(raw)
        func keep(_ head: Int, _ tail: Int, stars: Int? = nil) -> String {
            guard chars.count > head + tail else { return String(repeating: "*", count: max(chars.count, 1)) }
            return String(chars[..<head]) + String(repeating: "*", count: stars ?? (chars.count - head - tail)) + String(chars[(chars.count - tail)...])
        }
        switch kind {
        case .none: return raw
        case .name: return chars.isEmpty ? "*" : String(chars[0]) + String(repeating: "*", count: max(chars.count - 1, 1))
        case .residentID: return keep(6, 4)
        case .mobile: return keep(3, 4, stars: 4)
        case .landline: return keep(4, 2)
        case .bankCard: return keep(4, 4)
        case .address: return chars.count > 8 ? String(chars[..<(chars.count - 8)]) + String(repeating: "*", count: 8) : String(repeating: "*", count: max(chars.count, 1))
        case .year:
            if chars.count >= 4, chars[..<4].allSatisfy(\.isASCIIDigitCharacter) { return String(chars[..<4]) }
            return "******"
        case .pseudonym: return "p_" + pseudonym(raw)
        case .redact: return "******"
        }
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
