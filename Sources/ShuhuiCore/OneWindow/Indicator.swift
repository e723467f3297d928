import Foundation

/// How often an indicator is reported.
public enum IndicatorPeriodKind: String, Sendable, Codable, CaseIterable {
    /// Weekly (the bulletin's figures "截至 7 月 27 日").
    case week
    /// Monthly (the task filings).
    case month
    /// Quarterly.
    case quarter
    /// Yearly (the annual assessment).
    case year
}

/// A formula over other indicators. One form is supported: a ratio `a / b` of two other
/// indicators (激活率 = activated / registered), which is what every rate in the seeds is.
/// A ratio is never summed: a total row computes it again from the summed operands.
public struct IndicatorFormula: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Code of the numerator indicator.
    public var numerator: String
    /// Code of the denominator indicator.
    public var denominator: String

    /// Creates `numerator / denominator`.
    public init(numerator: String, denominator: String) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Reads `activated / registered` (spaces optional). Nil for anything else.
    public static func parse(_ text: String) -> IndicatorFormula? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, IndicatorDraft.isCode(parts[0]), IndicatorDraft.isCode(parts[1]), parts[0] != parts[1] else { return nil }
        return IndicatorFormula(numerator: parts[0], denominator: parts[1])
    }

    /// `numerator / denominator`.
    public var description: String { "\(numerator) / \(denominator)" }

    /// The value from its operands: the quotient, ×100 for a percentage. Nil when an operand
    /// is missing or the denominator is zero.
    public func evaluate(_ values: [String: Decimal], percent: Bool) -> Decimal? {
        guard let a = values[numerator], let b = values[denominator], b != 0 else { return nil }
        return percent ? a * 100 / b : a / b
    }
}

/// An indicator (指标) as defined by the bureau.
public struct IndicatorDraft: Sendable, Codable, Equatable {
    /// Stable code, a lowercase identifier (`registered`, `activation_rate`).
    public var code: String
    /// 指标名称 (as the ranking tables head their columns: 注册数, 激活率 …).
    public var name: String
    /// 计量单位 (人, 个, %).
    public var unitOfMeasure: String
    /// 统计周期.
    public var period: IndicatorPeriodKind
    /// Better when higher (most) or lower (overdue counts).
    public var higherIsBetter: Bool
    /// A percentage: values are in percent (0–100), and over 100% is refused.
    public var percent: Bool
    /// Decimals shown (rounded half up, as every computed figure; see ``Rate``).
    public var decimals: Int
    /// `a / b` over other indicators, or nil for a figure reported as is.
    public var formula: String?

    /// Creates a definition.
    public init(code: String, name: String, unitOfMeasure: String = "", period: IndicatorPeriodKind = .week, higherIsBetter: Bool = true,
                percent: Bool = false, decimals: Int = 0, formula: String? = nil) {
        self.code = code
        self.name = name
        self.unitOfMeasure = unitOfMeasure
        self.period = period
        self.higherIsBetter = higherIsBetter
        self.percent = percent
        self.decimals = decimals
        self.formula = formula
    }

    /// The parsed formula, if any.
    public var parsedFormula: IndicatorFormula? { formula.flatMap(IndicatorFormula.parse) }

    /// Every rule the definition breaks. `known` are the codes of the other indicators.
    public func issues(known: Set<String>) -> [FieldIssue] {
        var out: [FieldIssue] = []
        func issue(_ field: String, _ key: String, _ values: [String: String] = [:]) {
            out.append(FieldIssue(field: field, code: String(key.split(separator: ".").last ?? ""), message: Strings.format(key, values)))
        }
        if !Self.isCode(code) { issue("code", "ow.bad_indicator_code", ["value": code]) }
        if name.trimmingCharacters(in: .whitespaces).isEmpty || name.count > 100 { issue("name", "ow.bad_name") }
        if decimals < 0 || decimals > 6 { issue("decimals", "ow.bad_decimals") }
        if let f = formula, !f.trimmingCharacters(in: .whitespaces).isEmpty {
            if let parsed = IndicatorFormula.parse(f) {
                for operand in [parsed.numerator, parsed.denominator] where !known.contains(operand) || operand == code {
                    issue("formula", "ow.unknown_operand", ["value": operand])
                }
            } else {
                issue("formula", "ow.bad_formula", ["value": f])
            }
        }
        return out
    }

    /// Lowercase letter first, then lowercase letters, digits, underscores; at most 40.
    public static func isCode(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first), text.count <= 40 else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// A value as shown: rounded half up to `decimals`, with `%` for a percentage.
    public func format(_ value: Decimal) -> String {
        DecimalText.format(value, decimals: decimals) + (percent ? "%" : "")
    }

    /// Checks a value read for this indicator: not negative, and at most 100 for a percentage.
    public func check(_ value: Decimal) -> Localized? {
        if value < 0 { return Strings.format("ow.negative", ["value": "\(value)"]) }
        if value > 1_000_000_000_000 { return Strings.format("ow.bad_number", ["value": "\(value)"]) }
        if percent && value > 100 { return Strings.format("ow.over_100", ["value": "\(value)%"]) }
        return nil
    }

    /// Whether `period` is written as this kind's label: `2018-07-27` (a week's as-of day) or
    /// `2018-W30`; `2018-07`; `2018-Q3`; `2018`.
    public func isPeriod(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let year = Int(parts.first ?? ""), (1990...2100).contains(year), parts[0].count == 4 else { return false }
        switch period {
        case .week:
            if parts.count == 3 { return CalendarDate(iso: text) != nil }
            return parts.count == 2 && parts[1].hasPrefix("W") && Int(parts[1].dropFirst()).map { (1...53).contains($0) } == true
        case .month: return parts.count == 2 && parts[1].count == 2 && Int(parts[1]).map { (1...12).contains($0) } == true
        case .quarter: return parts.count == 2 && parts[1].hasPrefix("Q") && Int(parts[1].dropFirst()).map { (1...4).contains($0) } == true
        case .year: return parts.count == 1
        }
    }
}

/// A stored indicator.
public struct Indicator: Sendable, Codable, Equatable {
    /// Row id.
    public var id: Int64
    /// The definition.
    public var draft: IndicatorDraft

    /// Creates a stored indicator.
    public init(id: Int64, draft: IndicatorDraft) {
        self.id = id
        self.draft = draft
    }
}
