import Foundation
import ShuhuiCore
import ShuhuiSpreadsheet
import SQLKit

extension Store {
    /// Every opening balance, by unit, system and measure, with who set it.
    public func openingBalances() async throws -> [OpeningBalance] {
        try await database.read { db in
            try await db.raw("""
                SELECT b.*, o.short_name, s.name AS system_name FROM opening_balances b JOIN organizations o ON o.id = b.organization_id
                LEFT JOIN information_systems s ON s.id = b.system_id ORDER BY o.short_name, b.system_id, b.measure
                """).all().map { r in
                let system = try r.decode(column: "system_id", as: Int64.self)
                return OpeningBalance(
                    organizationID: try r.decode(column: "organization_id", as: Int64.self), organizationName: try r.decode(column: "short_name", as: String.self),
                    systemID: system == 0 ? nil : system, systemName: try r.optional("system_name", as: String.self),
                    measure: BalanceMeasure(rawValue: try r.decode(column: "measure", as: String.self)) ?? .collectedRows,
                    asOf: try r.decode(column: "as_of", as: String.self), value: try r.decode(column: "value", as: Int64.self),
                    note: try r.decode(column: "note", as: String.self), setBy: try r.decode(column: "set_by", as: String.self),
                    setAt: Clock.date(try r.decode(column: "set_at", as: Int64.self)))
            }
        }
    }

    /// Imports opening balances from a CSV (UTF-8 or GB18030) with the columns 单位, 系统, 指标,
    /// 截至日期, 数值, 备注 (English headers unit, system, measure, asOf, value, note also read).
    /// A balance replaces the one for the same unit, system and measure. All or nothing: any
    /// bad row means nothing is applied, and every bad cell is reported by row and column.
    ///
    /// - Returns: the number of balances set.
    @discardableResult
    public func importOpeningBalances(csv data: Data, by p: Principal) async throws -> Int {
        try AccessPolicy.canManageBulletins(p)
        let rows: [[String]]
        do { rows = try CSV.parse(data) } catch {
            throw StoreError.invalid(ValidationFailure(field: "body", code: "unreadable", message: Strings.format("v.unreadable", ["reason": String(describing: error)])))
        }
        let sheet = "CSV"
        guard let header = rows.first else {
            throw StoreError.invalid(ValidationFailure([FieldIssue(sheet: sheet, row: 1, column: nil, code: "empty", message: Strings["v.emptySheet"])]))
        }
        let names: [String: [String]] = ["unit": ["单位", "unit"], "system": ["系统", "system"], "measure": ["指标", "measure"],
                                         "asOf": ["截至日期", "asOf"], "value": ["数值", "value"], "note": ["备注", "note"]]
        var index: [String: Int] = [:]
        for (key, labels) in names {
            if let i = header.firstIndex(where: { labels.contains($0.trimmingCharacters(in: .whitespaces)) }) { index[key] = i }
        }
        var issues: [FieldIssue] = []
        for key in ["unit", "measure", "asOf", "value"] where index[key] == nil {
            issues.append(FieldIssue(sheet: sheet, row: 1, column: names[key]?.first, code: "missing_column",
                                     message: Strings.format("v.missingColumn", ["column": names[key]?.first ?? key])))
        }
        if !issues.isEmpty { throw StoreError.invalid(ValidationFailure(issues)) }
        let orgs = try await organizations()
        var systemsByUnit: [Int64: [InformationSystem]] = [:]
        var parsed: [ParsedBalance] = []
        var seen: [String: Int] = [:]
        let today = CalendarDate.today()
        for (n, row) in rows.enumerated().dropFirst() {
            let line = n + 1
            func cell(_ key: String) -> String {
                guard let i = index[key], i < row.count else { return "" }
                return row[i].trimmingCharacters(in: .whitespaces)
            }
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            func issue(_ key: String, _ code: String, _ message: Localized) {
                issues.append(FieldIssue(sheet: sheet, row: line, column: names[key]?.first, code: code, message: message))
            }
            let unitText = cell("unit")
            let org = orgs.first { $0.shortName == unitText || $0.name == unitText || $0.code == unitText }
            if org == nil { issue("unit", "unknown_unit", Strings.format("balance.err.unit", ["value": unitText])) }
            let measure = BalanceMeasure(label: cell("measure"))
            if measure == nil {
                issue("measure", "invalid_value", Strings.format("balance.err.measure", ["value": cell("measure"),
                                                                                          "allowed": BalanceMeasure.allCases.map(\.rawValue).joined(separator: ", ")]))
            }
            let day = CalendarDate(iso: cell("asOf"))
            if day == nil { issue("asOf", "invalid_date", Strings["v.date"]) } else if let day, day > today {
                issue("asOf", "future", Strings.format("bulletin.err.future", ["value": day.description]))
            }
            let value = Int64(cell("value").replacingOccurrences(of: ",", with: ""))
            // At most 10^15: sums over every unit stay far inside 64 bits on both engines.
            if value == nil || value! < 0 || value! > 1_000_000_000_000_000 {
                issue("value", "invalid_value", Strings.format("balance.err.value", ["value": cell("value")]))
            }
            var systemID: Int64 = 0
            let systemText = cell("system")
            if !systemText.isEmpty, let org {
                if measure != nil && measure != .calls { issue("system", "invalid_value", Strings["balance.err.systemMeasure"]) }
                if systemsByUnit[org.id] == nil { systemsByUnit[org.id] = try await systems(organizationID: org.id) }
                if let s = systemsByUnit[org.id]?.first(where: { $0.code == systemText || $0.name == systemText }) { systemID = s.id } else {
                    issue("system", "unknown_system", Strings.format("balance.err.system", ["value": systemText]))
                }
            }
            let note = cell("note")
            if note.count > 500 { issue("note", "too_long", Strings.format("v.tooLong", ["max": "500"])) }
            if BulletinText.hasControlCharacters(note) { issue("note", "control_characters", Strings["bulletin.err.control"]) }
            guard let org, let measure, let day, let value, value >= 0, value <= 1_000_000_000_000_000 else { continue }
            let key = "\(org.id)/\(systemID)/\(measure.rawValue)"
            if let first = seen[key] { issue("unit", "repeated", Strings.format("balance.err.repeated", ["row": String(first)])); continue }
            seen[key] = line
            parsed.append(ParsedBalance(org: org.id, system: systemID, measure: measure, asOf: day.description, value: value, note: note))
        }
        if !issues.isEmpty { throw StoreError.invalid(ValidationFailure(issues)) }
        let items = parsed, now = Clock.millis()
        try await database.transaction { db in
            for b in items {
                try await db.raw("DELETE FROM opening_balances WHERE organization_id = \(bind: b.org) AND system_id = \(bind: b.system) AND measure = \(bind: b.measure.rawValue)").run()
                try await db.raw("""
                    INSERT INTO opening_balances (organization_id, system_id, measure, as_of, value, note, set_by_id, set_by, set_at)
                    VALUES (\(bind: b.org), \(bind: b.system), \(bind: b.measure.rawValue), \(bind: b.asOf), \(bind: b.value), \(bind: b.note),
                            \(bind: p.userID), \(bind: p.displayName), \(bind: now))
                    """).run()
            }
        }
        return items.count
    }
}

/// One checked row of a balance import.
private struct ParsedBalance: Sendable {
    var org: Int64
    var system: Int64
    var measure: BalanceMeasure
    var asOf: String
    var value: Int64
    var note: String
}
