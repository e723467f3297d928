import Foundation

/// The console's languages: zh-CN first, English second.
public enum Language: String, Sendable, CaseIterable, Codable {
    case zh = "zh-CN"
    case en = "en"

    /// Picks a language from an `Accept-Language` header or a `lang` parameter; Chinese unless
    /// English is clearly asked for first.
    public static func negotiate(_ header: String?) -> Language {
        guard let header, !header.isEmpty else { return .zh }
        for part in header.split(separator: ",") {
            let tag = part.split(separator: ";").first.map { $0.trimmingSpaces.lowercased() } ?? ""
            if tag.hasPrefix("zh") { return .zh }
            if tag.hasPrefix("en") { return .en }
        }
        return .zh
    }
}

/// A text in both console languages.
public struct Localized: Sendable, Equatable, Codable, Hashable {
    /// Simplified Chinese text.
    public var zh: String
    /// English text.
    public var en: String

    /// Creates a text from its two translations.
    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    /// The text in `language`.
    public func text(_ language: Language) -> String { language == .zh ? zh : en }

    enum CodingKeys: String, CodingKey {
        case zh = "zh-CN"
        case en
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
    }
}
