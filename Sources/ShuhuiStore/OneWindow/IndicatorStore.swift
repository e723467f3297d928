import Foundation
import ShuhuiCore
import SQLKit

/// The outcome of an applied indicator values import.
public struct IndicatorImportReport: Sendable, Codable, Equatable {
    /// Periods written.
    public var periods: [String]
    /// Units with values.
    public var units: Int
    /// Values written (replacing earlier ones for the same indicator, unit and period).
    public var values: Int
}

/// Which units a ranking table lists.
public enum IndicatorScope: String, Sendable, Codable, CaseIterable {
    /// Every unit with values.
    case all
    /// 市本级单位: municipal departments and state companies (附件 2).
    case municipal
    /// 区县 (附件 3).
    case district
}

/// One period's 合计 for an indicator, for trends.
public struct IndicatorTrendPoint: Sendable, Codable, Equatable {
    /// The period.
    public var period: String
    /// The total (sums, or the formula over sums).
    public var total: IndicatorCell
    /// Units with values in that period.
    public var units: Int
}

extension Store {
    /// Defines or redefines an indicator (the bureau). A formula may only use indicators
    /// already defined.
    public func saveIndicator(_ draft: IndicatorDraft, by actor: Principal, now: Date = Date()) async throws -> Indicator {
        try AccessPolicy.canManageOneWindow(actor)
        let known = Set(try await indicators().map(\.draft.code))
        let issues = draft.issues(known: known)
        if !issues.isEmpty { throw StoreError.invalid(ValidationFailure(issues)) }
        try await database.transaction { (db: any SQLDatabase) in
            try await db.raw("""
                INSERT INTO indicators (code, document, created_at) VALUES (\(bind: draft.code), \(bind: try JSONText.encode(draft)), \(bind: Clock.millis(now)))
                ON CONFLICT (code) DO UPDATE SET document = excluded.document
                """).run()
        }
        return try await indicators().first { $0.draft.code == draft.code }.orThrow(.notFound("indicator \(draft.code)"))
    }

    /// Every indicator, in the order defined.
    public func indicators() async throws -> [Indicator] {
        try await database.read { db in
            try await db.raw("SELECT id, document FROM indicators ORDER BY id").all().map {
                Indicator(id: try $0.decode(column: "id", as: Int64.self), draft: try JSONText.decode(IndicatorDraft.self, try $0.decode(column: "document", as: String.self)))
            }
        }
    }

    /// Imports per-unit values from CSV/XLSX: a 单位 (or 区县/部门) column, a 统计期 column or
    /// the `period` given, and a column per indicator headed by its name or code. A 合计 row is
    /// skipped (the platform computes its own). All or nothing: an unknown unit or column, a
    /// value that is not a number, a negative value or a rate over 100% refuses the file,
    /// naming row and column.
    public func importIndicatorValues(data: Data, filename: String?, period: String?, by actor: Principal, now: Date = Date()) async throws -> IndicatorImportReport {
        do { try AccessPolicy.canManageOneWindow(actor) } catch {
            throw CatalogImportError.forbidden([FieldIssue(field: nil, code: "forbidden", message: Strings.format("problem.detail.role", ["role": actor.role.rawValue]))])
        }
        let sheet = try OneWindowSheet.read(data, filename: filename, required: ["单位"],
                                            aliases: ["单位": ["区县", "部门", "单位名称", "区县（市）", "unit"], "统计期": ["统计日期", "期间", "period"], "序号": ["排名", "No."]])
        let defined = try await indicators()
        var byHeader: [String: Indicator] = [:]
        for i in defined { byHeader[i.draft.name] = i; byHeader[i.draft.code] = i }
        var issues = ImportIssues(sheet: sheet.name)
        var columns: [(header: String, indicator: Indicator)] = []
        let headerRow = (sheet.rows.first?.number ?? 2) - 1
        for h in sheet.header where !h.isEmpty && !["单位", "统计期", "序号"].contains(h) {
            if let i = byHeader[h] { columns.append((h, i)) } else { issues.add(headerRow, h, "ow.unknown_indicator", ["value": h]) }
        }
        if columns.isEmpty && issues.list.isEmpty { issues.add(headerRow, nil, "ow.unknown_indicator", ["value": "—"]) }
        let orgs = try await organizationLookup()
        var seen: [String: Int] = [:]
        var values: [(indicator: Int64, unit: Int64, period: String, value: Decimal)] = []
        for (row, c) in sheet.rows {
            let unitName = c["单位"] ?? ""
            if ["合计", "总计", "汇总"].contains(unitName) { continue }
            let p = (c["统计期"] ?? "").isEmpty ? (period ?? "") : (c["统计期"] ?? "")
            guard let unit = orgs[unitName] else { issues.add(row, "单位", "ow.unknown_unit", ["value": unitName]); continue }
            if p.isEmpty { issues.add(row, "统计期", "v.required"); continue }
            if let first = seen["\(unit.id)\u{1}\(p)"] { issues.add(row, "单位", "ow.duplicate_row", ["row": String(first)]); continue }
            seen["\(unit.id)\u{1}\(p)"] = row
            for (header, indicator) in columns {
                let text = c[header] ?? ""
                if text.isEmpty || text == "—" || text == "-" { continue }
                let d = indicator.draft
                if !d.isPeriod(p) { issues.add(row, "统计期", "ow.bad_period", ["value": p]); break }
                guard let value = DecimalText.parse(text), d.percent || !text.hasSuffix("%") else {
                    issues.add(row, header, "ow.bad_number", ["value": text])
                    continue
                }
                if let problem = d.check(value) {
                    issues.add(row, header, code: value < 0 ? "negative" : value > 100 && d.percent ? "over_100" : "bad_number", problem)
                    continue
                }
                values.append((indicator.id, unit.id, p, value))
            }
        }
        if !issues.list.isEmpty { throw CatalogImportError.invalid(issues.list) }
        let at = Clock.millis(now), checked = values
        try await database.transaction { (db: any SQLDatabase) in
            for v in checked {
                try await db.raw("""
                    INSERT INTO indicator_values (indicator_id, organization_id, period, value, imported_at)
                    VALUES (\(bind: v.indicator), \(bind: v.unit), \(bind: v.period), \(bind: "\(v.value)"), \(bind: at))
                    ON CONFLICT (indicator_id, organization_id, period) DO UPDATE SET value = excluded.value, imported_at = excluded.imported_at
                    """).run()
            }
        }
        return IndicatorImportReport(periods: Array(Set(values.map(\.period))).sorted(), units: Set(values.map(\.unit)).count, values: values.count)
    }

    /// Periods with values, oldest first.
    public func indicatorPeriods() async throws -> [String] {
        try await database.read { db in
            try await db.raw("SELECT DISTINCT period FROM indicator_values ORDER BY period").all().map { try $0.decode(column: "period", as: String.self) }
        }
    }

    /// Values of one period, per unit.
    func indicatorUnitValues(period: String, scope: IndicatorScope) async throws -> [IndicatorRanker.UnitValues] {
        let orgs = Dictionary(uniqueKeysWithValues: try await organizations().map { ($0.id, $0) })
        let rows = try await database.read { db in
            try await db.raw("""
                SELECT v.organization_id, i.code, v.value FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id WHERE v.period = \(bind: period)
                """).all().map { (try $0.decode(column: "organization_id", as: Int64.self), try $0.decode(column: "code", as: String.self), try $0.decode(column: "value", as: String.self)) }
        }
        var byUnit: [Int64: [String: Decimal]] = [:]
        for (unit, code, text) in rows {
            if let v = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) { byUnit[unit, default: [:]][code] = v }
        }
        return byUnit.compactMap { id, values in
            guard let o = orgs[id] else { return nil }
            switch scope {
            case .all: break
            case .municipal: guard o.kind == .department || o.kind == .company else { return nil }
            case .district: guard o.kind == .district else { return nil }
            }
            return IndicatorRanker.UnitValues(organizationID: id, name: o.shortName, values: values)
        }.sorted { $0.organizationID < $1.organizationID }
    }

    /// A ranking table for `period` (the latest when nil): `columns` (every indicator when
    /// nil) ranked by `rankBy` (the last column when nil), with the computed 合计.
    public func indicatorRanking(period: String?, columns: [String]?, rankBy: String?, scope: IndicatorScope = .all) async throws -> IndicatorRanking {
        let defined = try await indicators().map(\.draft)
        let codes = Set(defined.map(\.code))
        var issues: [FieldIssue] = []
        let cols = columns ?? defined.map(\.code)
        for (i, c) in cols.enumerated() where !codes.contains(c) {
            issues.append(FieldIssue(field: "columns[\(i)]", code: "unknown_indicator", message: Strings.format("ow.unknown_indicator", ["value": c])))
        }
        let by = rankBy ?? cols.last ?? ""
        if !codes.contains(by) && !defined.isEmpty { issues.append(FieldIssue(field: "rankBy", code: "unknown_indicator", message: Strings.format("ow.unknown_indicator", ["value": by]))) }
        if !issues.isEmpty { throw StoreError.invalid(ValidationFailure(issues)) }
        let latest = try await indicatorPeriods().last
        guard let p = period ?? latest else {
            return IndicatorRanking(period: "", columns: defined.filter { cols.contains($0.code) }, rankedBy: by, rows: [], total: [:])
        }
        let units = try await indicatorUnitValues(period: p, scope: scope)
        return IndicatorRanker.rank(definitions: defined, columns: cols, rankBy: by, period: p, units: units)
    }

    /// The 合计 of `code` in every period, oldest first.
    public func indicatorTrend(code: String, scope: IndicatorScope = .all) async throws -> [IndicatorTrendPoint] {
        let defined = try await indicators().map(\.draft)
        guard defined.contains(where: { $0.code == code }) else { throw StoreError.notFound("indicator \(code)") }
        var out: [IndicatorTrendPoint] = []
        for p in try await indicatorPeriods() {
            let units = try await indicatorUnitValues(period: p, scope: scope)
            let table = IndicatorRanker.rank(definitions: defined, columns: [code], rankBy: code, period: p, units: units)
            if let t = table.total[code] { out.append(IndicatorTrendPoint(period: p, total: t, units: units.count)) }
        }
        return out
    }

    /// One period's values in the import layout (单位, 统计期, one column per indicator).
    public func exportIndicatorRows(period: String) async throws -> [[String]] {
        let defined = try await indicators().map(\.draft)
        var rows = [["单位", "统计期"] + defined.map(\.name)]
        for u in try await indicatorUnitValues(period: period, scope: .all) {
            rows.append([u.name, period] + defined.map { d in u.values[d.code].map { "\($0)" + (d.percent ? "%" : "") } ?? "" })
        }
        return rows
    }
}
