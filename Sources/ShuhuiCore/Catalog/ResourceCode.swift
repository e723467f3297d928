import Foundation

/// 信息资源代码 in the guideline's form: the category code (类 1 digit, 项 2, 目 3, 细目
/// optional digits) followed by a sequence code, written `101001-00003`.
///
/// The guideline separates the front and back parts with "/"; Shuhui writes "-" so that the
/// code can stand in a URL path unescaped, and accepts "/" on input.
public enum ResourceCode {
    /// Whether `category` is a valid 类/项/目[/细目] code: 6 to 12 digits, class 1–3.
    public static func isValidCategory(_ category: String) -> Bool {
        let utf8 = category.utf8
        guard (6...12).contains(utf8.count), let first = category.first, "123".contains(first) else {
            return false
        }
        return utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// The code for the `sequence`-th resource of `category`.
    public static func make(category: String, sequence: Int) -> String {
        let digits = String(sequence)
        return category + "-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }

    /// Splits a code into its category and sequence; accepts "/" or "-" as separator.
    public static func parse(_ code: String) -> (category: String, sequence: Int)? {
        let parts = code.split(whereSeparator: { $0 == "-" || $0 == "/" })
        guard parts.count == 2, isValidCategory(String(parts[0])), let seq = Int(parts[1]),
            seq > 0, parts[1].count >= 5
        else { return nil }
        return (String(parts[0]), seq)
    }

    /// Writes a parsed code in Shuhui's canonical form.
    public static func normalize(_ code: String) -> String? {
        parse(code).map { make(category: $0.category, sequence: $0.sequence) }
    }
}
