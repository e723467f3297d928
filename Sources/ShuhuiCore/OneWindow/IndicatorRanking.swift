import Foundation

/// One cell of a ranking table.
public struct IndicatorCell: Sendable, Codable, Equatable {
    /// The value (percent for percentages), nil when neither reported nor computable.
    public var value: Decimal?
    /// As shown (`98%`, `23953`), `—` when missing.
    public var text: String
    /// Computed by the platform (from a formula or a sum) rather than reported.
    public var computed: Bool

    /// Creates a cell.
    public init(value: Decimal?, text: String, computed: Bool) {
        self.value = value
        self.text = text
        self.computed = computed
    }
}

/// One unit's row.
public struct IndicatorRankingRow: Sendable, Codable, Equatable {
    /// 序号: position after sorting (ties keep distinct numbers, as the bulletin's tables do).
    public var rank: Int
    /// The unit.
    public var organizationID: Int64
    /// The unit's name as the table shows it.
    public var organizationName: String
    /// Cells by indicator code.
    public var cells: [String: IndicatorCell]
}

/// A ranking table like the July 2018 bulletin's 附件 2 and 3.
public struct IndicatorRanking: Sendable, Codable, Equatable {
    /// The period shown.
    public var period: String
    /// The columns, in order.
    public var columns: [IndicatorDraft]
    /// The indicator rows are sorted by.
    public var rankedBy: String
    /// Units, best first.
    public var rows: [IndicatorRankingRow]
    /// 合计: reported figures summed; ratios computed again from the summed operands; rates
    /// without a formula left empty (a sum of rates means nothing).
    public var total: [String: IndicatorCell]

    /// Creates a table.
    public init(period: String, columns: [IndicatorDraft], rankedBy: String, rows: [IndicatorRankingRow], total: [String: IndicatorCell]) {
        self.period = period
        self.columns = columns
        self.rankedBy = rankedBy
        self.rows = rows
        self.total = total
    }
}

/// Builds ranking tables from per-unit values: pure, so the bulletin's tables are tested
/// without a database.
public enum IndicatorRanker {
    /// One unit's reported values.
    public struct UnitValues: Sendable {
        /// The unit.
        public var organizationID: Int64
        /// Its name.
        public var name: String
        /// Reported values by indicator code.
        public var values: [String: Decimal]

        /// Creates a unit's values.
        public init(organizationID: Int64, name: String, values: [String: Decimal]) {
            self.organizationID = organizationID
            self.name = name
            self.values = values
        }
    }

    /// Ranks `units` by `rankBy`, showing `columns`.
    ///
    /// A cell shows the reported value when there is one, else the formula's value over the
    /// unit's other figures. Rows sort by the ranking indicator (better first), then by the
    /// other columns in order, then by name, so the order is total and repeatable.
    public static func rank(definitions: [IndicatorDraft], columns: [String], rankBy: String, period: String, units: [UnitValues]) -> IndicatorRanking {
        let byCode = Dictionary(definitions.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let shown = columns.compactMap { byCode[$0] }

        func resolve(_ code: String, _ values: [String: Decimal], depth: Int = 0) -> (Decimal, Bool)? {
            if let v = values[code] { return (v, false) }
            guard depth < 8, let d = byCode[code], let f = d.parsedFormula,
                let a = resolve(f.numerator, values, depth: depth + 1)?.0, let b = resolve(f.denominator, values, depth: depth + 1)?.0
            else { return nil }
            return f.evaluate([f.numerator: a, f.denominator: b], percent: d.percent).map { ($0, true) }
        }
        func cell(_ d: IndicatorDraft, _ v: (Decimal, Bool)?) -> IndicatorCell {
            guard let (value, computed) = v else { return IndicatorCell(value: nil, text: "—", computed: false) }
            return IndicatorCell(value: value, text: d.format(value), computed: computed)
        }

        var rows: [IndicatorRankingRow] = units.map { u in
            var cells: [String: IndicatorCell] = [:]
            for d in shown { cells[d.code] = cell(d, resolve(d.code, u.values)) }
            if cells[rankBy] == nil, let d = byCode[rankBy] { cells[rankBy] = cell(d, resolve(rankBy, u.values)) }
            return IndicatorRankingRow(rank: 0, organizationID: u.organizationID, organizationName: u.name, cells: cells)
        }
        let order = [rankBy] + shown.map(\.code).filter { $0 != rankBy }
        rows.sort { a, b in
            for code in order {
                let higher = byCode[code]?.higherIsBetter ?? true
                let x = a.cells[code]?.value, y = b.cells[code]?.value
                switch (x, y) {
                case let (p?, q?) where p != q: return higher ? p > q : p < q
                case (.some, nil): return true
                case (nil, .some): return false
                default: continue
                }
            }
            return a.organizationName < b.organizationName
        }
        for i in rows.indices { rows[i].rank = i + 1 }

        // The total: sum what is additive, recompute ratios from the sums.
        var sums: [String: Decimal] = [:]
        for d in definitions where d.parsedFormula == nil && !d.percent {
            let present = units.compactMap { $0.values[d.code] }
            if !present.isEmpty { sums[d.code] = present.reduce(0, +) }
        }
        var total: [String: IndicatorCell] = [:]
        for d in shown {
            if d.parsedFormula != nil {
                total[d.code] = cell(d, resolve(d.code, sums).map { ($0.0, true) })
            } else {
                total[d.code] = cell(d, sums[d.code].map { ($0, true) })
            }
        }
        return IndicatorRanking(period: period, columns: shown, rankedBy: rankBy, rows: rows, total: total)
    }
}
