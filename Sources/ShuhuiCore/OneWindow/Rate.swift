import Foundation

/// A share of a whole (已接入 / 计划接入, 激活数 / 注册数 …), kept as its two counts so that a
/// total is always computed from summed counts, never by adding or averaging rates.
///
/// **The one rounding rule** for every rate the platform computes: the exact quotient,
/// rounded *half up* (away from zero on a tie) to the number of decimals shown, in integer
/// arithmetic (no binary floating point). This is the rule of Excel's `ROUND` and of a
/// `0.00%` cell format, and it is what the bureau's own tables use: 23/34 → 67.65%,
/// 31/64 → 48.44%, 8/30 → 26.67%, 879/1430 → 61.47%, 11/12 → 91.67%, 25/28 → 89.29%,
/// 1133/1159 → 98%. The July 2018 bulletin prints 桐庐县's 2/3 as 66.66% — truncated — while
/// the same page prints 各区县's 8/30 as 26.67%; no single rule gives both, and truncation
/// would break the page's headline figures (67.64%, 48.43%), so the platform prints 66.67%.
/// Figures imported as reported by another system (a messaging app's activation rate, say)
/// are stored and shown as reported; the rule applies to what the platform computes.
public struct Rate: Sendable, Hashable, Codable {
    /// The part (已接入数).
    public var numerator: Int64
    /// The whole (计划接入总数); zero means the rate is undefined.
    public var denominator: Int64

    /// Creates a rate of `numerator` over `denominator`.
    public init(_ numerator: Int64, of denominator: Int64) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Creates a rate from `Int` counts.
    public init(_ numerator: Int, of denominator: Int) {
        self.init(Int64(numerator), of: Int64(denominator))
    }

    /// The percentage scaled by 10^`decimals` and rounded half up: 2/3 at 2 decimals → 6667
    /// (66.67%). Nil when the whole is zero.
    public func scaledPercent(decimals: Int = 2) -> Int64? {
        guard denominator != 0 else { return nil }
        var scale: Int64 = 100
        for _ in 0..<max(0, min(decimals, 8)) { scale *= 10 }
        let n = numerator * scale, d = denominator
        let negative = (n < 0) != (d < 0)
        let q = (2 * abs(n) + abs(d)) / (2 * abs(d))
        return negative ? -q : q
    }

    /// The percentage as text, `67.65%`, or `—` when undefined.
    public func formatted(decimals: Int = 2) -> String {
        guard let v = scaledPercent(decimals: decimals) else { return "—" }
        return Rate.text(scaled: v, decimals: decimals) + "%"
    }

    /// The exact value as a decimal fraction (for charts and comparisons), nil when undefined.
    public var fraction: Decimal? {
        guard denominator != 0 else { return nil }
        return Decimal(numerator) / Decimal(denominator)
    }

    /// Whether this rate is at least `target` (both compared exactly, by cross-multiplication).
    public func meets(_ target: Rate) -> Bool {
        guard denominator > 0, target.denominator > 0 else { return false }
        return numerator * target.denominator >= target.numerator * denominator
    }

    /// The sum of parts over the sum of wholes.
    public static func total(_ rates: some Sequence<Rate>) -> Rate {
        rates.reduce(Rate(0, of: 0)) { Rate($0.numerator + $1.numerator, of: $0.denominator + $1.denominator) }
    }

    /// `6765` at 2 decimals → `67.65`.
    static func text(scaled: Int64, decimals: Int) -> String {
        guard decimals > 0 else { return String(scaled) }
        let sign = scaled < 0 ? "-" : ""
        var digits = String(abs(scaled))
        while digits.count <= decimals { digits = "0" + digits }
        let cut = digits.index(digits.endIndex, offsetBy: -decimals)
        return sign + digits[..<cut] + "." + digits[cut...]
    }
}

extension Rate {
    private enum CodingKeys: String, CodingKey { case numerator, denominator, percent }

    /// Decodes the two counts (the `percent` text is derived and ignored on input).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try c.decode(Int64.self, forKey: .numerator), of: try c.decode(Int64.self, forKey: .denominator))
    }

    /// Encodes both counts and the rate as text with two decimals (`"67.65"`, absent when undefined).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(numerator, forKey: .numerator)
        try c.encode(denominator, forKey: .denominator)
        if let v = scaledPercent(decimals: 2) { try c.encode(Rate.text(scaled: v, decimals: 2), forKey: .percent) }
    }
}

/// Rounds a decimal value half up to `decimals` places and prints it without exponent.
public enum DecimalText {
    /// `Decimal` rounded half up (`NSDecimalRound` with `.plain`).
    public static func rounded(_ value: Decimal, decimals: Int) -> Decimal {
        var v = value, out = Decimal()
        NSDecimalRound(&out, &v, decimals, .plain)
        return out
    }

    /// The value rounded half up to `decimals`, as plain text with exactly that many decimals.
    public static func format(_ value: Decimal, decimals: Int) -> String {
        let r = rounded(value, decimals: decimals)
        // Beyond what an Int64 holds once scaled, print the decimal as it is.
        if abs(r) >= 1_000_000_000_000 { return "\(r)" }
        var scaled = r
        for _ in 0..<max(decimals, 0) { scaled *= 10 }
        let whole = NSDecimalNumber(decimal: scaled).int64Value
        return Rate.text(scaled: whole, decimals: max(decimals, 0))
    }

    /// Parses `12.5`, `1,234`, `99%` (the percent sign is dropped: the caller knows the unit).
    public static func parse(_ text: String) -> Decimal? {
        var t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
        if t.hasSuffix("%") || t.hasSuffix("％") { t.removeLast() }
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
            t.filter({ $0 == "." }).count <= 1, !t.dropFirst().contains("-")
        else { return nil }
        return Decimal(string: t, locale: Locale(identifier: "en_US_POSIX"))
    }
}
