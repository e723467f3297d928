import Foundation

/// A measure the bulletin accumulates, and so one an opening balance (期初数) can be given for.
public enum BalanceMeasure: String, Sendable, Codable, CaseIterable {
    /// Rows collected (归集量, 条).
    case collectedRows
    /// Bytes stored (存储容量).
    case storedBytes
    /// Rows pushed (推送量, 条), per providing unit.
    case pushedRows
    /// API calls (调用次数), per calling unit, or per calling system.
    case calls
    /// Query-page visits (访问量), per visiting unit.
    case visits

    /// Parses the CSV's 指标 cell: the code or its Chinese label.
    public init?(label: String) {
        let text = label.trimmingCharacters(in: .whitespaces)
        if let m = BalanceMeasure(rawValue: text) { self = m; return }
        let aliases: [String: BalanceMeasure] = ["归集量": .collectedRows, "累计归集量": .collectedRows, "存储容量": .storedBytes,
                                                 "推送量": .pushedRows, "累计推送量": .pushedRows, "调用次数": .calls, "累计调用次数": .calls,
                                                 "访问量": .visits, "累计访问量": .visits]
        if let m = aliases[text] { self = m; return }
        if let m = BalanceMeasure.allCases.first(where: { Strings["balance.measure.\($0.rawValue)"].zh == text }) { self = m; return }
        return nil
    }
}

/// An audited opening balance: the unit's total of a measure as of a date, before the city
/// moved onto Shuhui. Cumulative figures are the balance plus activity after that date.
public struct OpeningBalance: Sendable, Codable, Equatable {
    /// The unit.
    public var organizationID: Int64
    /// The unit's short name.
    public var organizationName: String
    /// The calling system, for call balances given per system; nil for the whole unit.
    public var systemID: Int64?
    /// The system's name.
    public var systemName: String?
    /// What is counted.
    public var measure: BalanceMeasure
    /// The day the balance stands at (YYYY-MM-DD); activity on or before it is included.
    public var asOf: String
    /// The balance.
    public var value: Int64
    /// The administrator's note (audit reference).
    public var note: String
    /// Who set it, and when.
    public var setBy: String
    public var setAt: Date

    /// Creates a balance.
    public init(organizationID: Int64, organizationName: String, systemID: Int64?, systemName: String?, measure: BalanceMeasure,
                asOf: String, value: Int64, note: String, setBy: String, setAt: Date) {
        self.organizationID = organizationID
        self.organizationName = organizationName
        self.systemID = systemID
        self.systemName = systemName
        self.measure = measure
        self.asOf = asOf
        self.value = value
        self.note = note
        self.setBy = setBy
        self.setAt = setAt
    }
}
