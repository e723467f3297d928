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
        // Most masked values (IDs, phone numbers, card numbers) are ASCII: there a character is
        // a byte, except CR LF, which is one character.
        if kind != .pseudonym, raw.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
            return Self.apply(kind, Array(raw.utf8), String.init(ascii:))
        }
        return Self.apply(kind, Array(raw), String.init(characters:)) { "p_" + pseudonym(raw) }
    }

    /// The conventions over the value's characters (`Character`s, or bytes of ASCII text).
    private static func apply<C: Equatable>(_ kind: MaskKind, _ chars: [C], _ text: (ArraySlice<C>) -> String,
                                            pseudonym: () -> String = { "" }) -> String {
        func stars(_ n: Int) -> String { String(repeating: "*", count: n) }
        func keep(_ head: Int, _ tail: Int, stars count: Int? = nil) -> String {
            guard chars.count > head + tail else { return stars(max(chars.count, 1)) }
            return text(chars[..<head]) + stars(count ?? (chars.count - head - tail)) + text(chars[(chars.count - tail)...])
        }
        switch kind {
        case .none: return text(chars[...])
        case .name: return chars.isEmpty ? "*" : text(chars[..<1]) + stars(max(chars.count - 1, 1))
        case .residentID: return keep(6, 4)
        case .mobile: return keep(3, 4, stars: 4)
        case .landline: return keep(4, 2)
        case .bankCard: return keep(4, 4)
        case .address: return chars.count > 8 ? text(chars[..<(chars.count - 8)]) + stars(8) : stars(max(chars.count, 1))
        case .year:
            let head = text(chars.prefix(4))
            if chars.count >= 4, head.utf8.count == 4, head.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return head }
            return "******"
        case .pseudonym: return pseudonym()
        case .redact: return "******"
        }
    }
}

extension String {
    fileprivate init(ascii bytes: ArraySlice<UInt8>) { self.init(decoding: bytes, as: UTF8.self) }
    fileprivate init(characters: ArraySlice<Character>) { self.init(characters) }
}
