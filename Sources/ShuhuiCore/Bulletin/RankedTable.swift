/// Ranks counter rows the way the bulletin's attachments do: by the period's volume, then the
/// cumulative volume, then name; the first `top` rows printed, the rest folded into one
/// "其他" row, then the 合计 row over all.
public struct RankedTable: Sendable, Equatable {
    /// The rows printed one by one, best first.
    public var top: [CounterRow]
    /// The rest, summed (nil when nothing is left over).
    public var others: CounterRow?
    /// The rows folded into ``others``, in rank order.
    public var folded: [CounterRow]
    /// Every row summed.
    public var total: CounterRow
    /// Distinct units over all rows.
    public var unitCount: Int
    /// Rows over all (systems, for 附件 3).
    public var rowCount: Int

    /// Ranks `rows`, leaving out rows with nothing in them.
    public init(_ rows: [CounterRow], top n: Int) {
        let kept = rows.filter { $0.weekly != 0 || $0.cumulative != 0 }
        let ranked = kept.sorted { a, b in
            if a.weekly != b.weekly { return a.weekly > b.weekly }
            if a.cumulative != b.cumulative { return a.cumulative > b.cumulative }
            if a.unitName != b.unitName { return a.unitName < b.unitName }
            return (a.systemName ?? "") < (b.systemName ?? "")
        }
        let cut = max(0, n)
        top = Array(ranked.prefix(cut))
        folded = Array(ranked.dropFirst(cut))
        others = folded.isEmpty ? nil : RankedTable.sum(folded)
        total = RankedTable.sum(ranked)
        unitCount = Set(ranked.map(\.unitID)).count
        rowCount = ranked.count
    }

    /// Distinct units among the folded rows.
    public var foldedUnitCount: Int { Set(folded.map(\.unitID)).count }

    static func sum(_ rows: [CounterRow]) -> CounterRow {
        let width = rows.map(\.counts.count).max() ?? 0
        var counts = [Int64](repeating: 0, count: width)
        for r in rows { for (i, c) in r.counts.enumerated() { counts[i] += c } }
        return CounterRow(unitID: 0, unitName: "", counts: counts,
                          cumulative: rows.reduce(0) { $0 + $1.cumulative }, weekly: rows.reduce(0) { $0 + $1.weekly })
    }
}
