import Foundation
import ShuhuiCore
import SQLKit

/// A system's place in the one-window plan: whether it is to join, and when and how it did.
public struct SystemJoin: Sendable, Codable, Equatable {
    /// The system.
    public var systemID: Int64
    /// Its name.
    public var systemName: String
    /// Its level (national, provincial, municipal, district).
    public var level: SystemLevel
    /// The unit owning it.
    public var organizationID: Int64
    /// The unit's short name.
    public var organizationName: String
    /// 计划接入.
    public var planned: Bool
    /// Date, mode and batch once joined.
    public var join: JoinStatus
}

/// What is set for one system.
public struct SystemJoinInput: Sendable, Codable, Equatable {
    /// 计划接入.
    public var planned: Bool
    /// Date, mode and batch (date nil: not joined).
    public var join: JoinStatus

    /// Creates the input.
    public init(planned: Bool, join: JoinStatus = JoinStatus()) {
        self.planned = planned
        self.join = join
    }

    /// Every rule broken.
    public func issues() -> [FieldIssue] {
        var out: [FieldIssue] = []
        if let on = join.joinedOn, CalendarDate(iso: on) == nil { out.append(FieldIssue(field: "join.joinedOn", code: "bad_date", message: Strings.format("ow.bad_date", ["value": on]))) }
        if join.joined && !planned { out.append(FieldIssue(field: "planned", code: "joined_not_planned", message: Strings["ow.joined_not_planned"])) }
        if !join.joined && (join.mode != nil || !(join.batch ?? "").isEmpty) { out.append(FieldIssue(field: "join.joinedOn", code: "join_date_required", message: Strings["ow.join_date_required"])) }
        if (join.batch ?? "").count > 100 { out.append(FieldIssue(field: "join.batch", code: "too_long", message: Strings["ow.too_long"])) }
        return out
    }
}

/// The outcome of an applied joins import.
public struct JoinImportReport: Sendable, Codable, Equatable {
    /// Systems whose plan or join was written.
    public var systems: Int
    /// Of which planned.
    public var planned: Int
    /// Of which joined.
    public var joined: Int
}

/// The joins spreadsheet: one row per system a unit plans to join.
public enum JoinTemplate {
    /// Columns, in order.
    public static let columns = ["单位", "系统名称", "系统层级", "计划接入", "已接入", "接入日期", "对接方式", "对接批次"]
    /// Columns that must be present.
    public static let required = ["单位", "系统名称"]
    static let aliases: [String: [String]] = ["单位": ["部门", "区县", "单位名称"], "系统名称": ["系统", "业务系统"], "接入日期": ["对接日期"], "对接批次": ["批次"]]
}

extension Store {
    static let joinSelect = """
        SELECT s.id AS system_id, s.name AS system_name, s.level, s.organization_id, o.short_name AS organization_name,
            j.planned, j.joined_on, j.mode, j.batch
        FROM information_systems s JOIN organizations o ON o.id = s.organization_id LEFT JOIN system_joins j ON j.system_id = s.id
        """

    static func systemJoin(_ row: any SQLRow) throws -> SystemJoin {
        SystemJoin(
            systemID: try row.decode(column: "system_id", as: Int64.self), systemName: try row.decode(column: "system_name", as: String.self),
            level: SystemLevel(rawValue: try row.decode(column: "level", as: String.self)) ?? .municipal,
            organizationID: try row.decode(column: "organization_id", as: Int64.self),
            organizationName: try row.decode(column: "organization_name", as: String.self),
            planned: (try row.optional("planned", as: Int64.self) ?? 0) != 0,
            join: JoinStatus(joinedOn: try row.optional("joined_on", as: String.self),
                             mode: try row.optional("mode", as: String.self).flatMap(JoinMode.init(rawValue:)),
                             batch: try row.optional("batch", as: String.self)))
    }

    /// Every system with its plan and join (those never planned included, as not planned).
    public func systemJoins(organizationID: Int64? = nil, plannedOnly: Bool = false) async throws -> [SystemJoin] {
        var c: [SQLQueryString] = []
        if let id = organizationID { c.append("s.organization_id = \(bind: id)") }
        if plannedOnly { c.append("j.planned = 1") }
        let filter = SQLQueryString.conjunction(c)
        return try await database.read { db in
            try await db.raw("\(unsafeRaw: Self.joinSelect) \(filter) ORDER BY s.organization_id, s.id").all().map(Self.systemJoin)
        }
    }

    /// Sets one system's plan and join.
    public func setSystemJoin(systemID: Int64, _ input: SystemJoinInput, by actor: Principal, now: Date = Date()) async throws -> SystemJoin {
        let system = try await system(id: systemID)
        try AccessPolicy.canEditSystemJoin(ownedBy: system.organizationID, actor)
        let issues = input.issues()
        if !issues.isEmpty { throw StoreError.invalid(ValidationFailure(issues)) }
        try await database.transaction { (db: any SQLDatabase) in
            try await Self.writeJoin(db, system: system.id, organization: system.organizationID, input, at: Clock.millis(now))
        }
        return try await systemJoins(organizationID: system.organizationID).first { $0.systemID == systemID }.orThrow(.notFound("system \(systemID)"))
    }

    static func writeJoin(_ db: any SQLDatabase, system: Int64, organization: Int64, _ input: SystemJoinInput, at: Int64) async throws {
        try await db.raw("""
            INSERT INTO system_joins (system_id, organization_id, planned, joined_on, mode, batch, updated_at)
            VALUES (\(bind: system), \(bind: organization), \(bind: input.planned ? 1 : 0), \(bind: input.join.joinedOn), \(bind: input.join.mode?.rawValue),
                \(bind: input.join.batch), \(bind: at))
            ON CONFLICT (system_id) DO UPDATE SET planned = excluded.planned, joined_on = excluded.joined_on, mode = excluded.mode,
                batch = excluded.batch, updated_at = excluded.updated_at
            """).run()
    }

    /// Imports the joins spreadsheet (单位, 系统名称, 计划接入, 已接入, 接入日期, 对接方式, 对接批次) in one
    /// transaction; any bad row — unknown unit or system, a system twice, joined without a
    /// date — means nothing is written, and every problem is named by sheet, row and column.
    ///
    /// With `replace`, the file is the whole plan: for the bureau, the city's (every system not
    /// in it is taken off the plan); for a unit's data officer, its own unit's.
    public func importSystemJoins(data: Data, filename: String?, replace: Bool = false, by actor: Principal, now: Date = Date()) async throws -> JoinImportReport {
        do { try AccessPolicy.canImportOneWindow(actor) } catch {
            throw CatalogImportError.forbidden([FieldIssue(field: nil, code: "forbidden", message: Strings.format("problem.detail.role", ["role": actor.role.rawValue]))])
        }
        let sheet = try OneWindowSheet.read(data, filename: filename, required: JoinTemplate.required, aliases: JoinTemplate.aliases)
        let orgs = try await organizationLookup()
        var systemsByOrg: [Int64: [InformationSystem]] = [:]
        var issues = ImportIssues(sheet: sheet.name), denied = ImportIssues(sheet: sheet.name)
        var seen: [Int64: Int] = [:]
        var writes: [(system: InformationSystem, input: SystemJoinInput)] = []
        for (row, c) in sheet.rows {
            func text(_ column: String) -> String { c[column] ?? "" }
            let unitName = text("单位")
            guard let unit = orgs[unitName] else { issues.add(row, "单位", "ow.unknown_unit", ["value": unitName]); continue }
            do { try AccessPolicy.canEditSystemJoin(ownedBy: unit.id, actor) } catch {
                denied.add(row, "单位", code: "forbidden_unit", Strings.format("problem.detail.scope", ["unit": unit.shortName]))
                continue
            }
            if systemsByOrg[unit.id] == nil { systemsByOrg[unit.id] = try await systems(organizationID: unit.id) }
            let name = text("系统名称")
            guard let system = systemsByOrg[unit.id]?.first(where: { $0.name == name || $0.code == name }) else {
                issues.add(row, "系统名称", "ow.unknown_system", ["value": name])
                continue
            }
            if let first = seen[system.id] { issues.add(row, "系统名称", "ow.duplicate_row", ["row": String(first)]); continue }
            seen[system.id] = row
            let before = issues.list.count
            let planned = text("计划接入").isEmpty ? true : (OneWindowSheet.yesNo(text("计划接入")) ?? { issues.add(row, "计划接入", "v.bool"); return false }())
            var joinedOn: String?
            if !text("接入日期").isEmpty {
                joinedOn = OneWindowSheet.date(text("接入日期"))
                if joinedOn == nil { issues.add(row, "接入日期", "ow.bad_date", ["value": text("接入日期")]) }
            }
            // 已接入 may be left out (the date says it); when given it must agree with the date.
            if !text("已接入").isEmpty {
                if let joined = OneWindowSheet.yesNo(text("已接入")) {
                    if joined && text("接入日期").isEmpty { issues.add(row, "接入日期", "ow.join_date_required") }
                    if !joined && joinedOn != nil { issues.add(row, "已接入", "v.invalidValue", ["value": text("已接入"), "allowed": "是"]) }
                } else {
                    issues.add(row, "已接入", "v.bool")
                }
            }
            var mode: JoinMode?
            if !text("对接方式").isEmpty {
                mode = JoinMode(label: text("对接方式"))
                if mode == nil { issues.add(row, "对接方式", "v.invalidValue", ["value": text("对接方式"), "allowed": "表单在一窗平台、表单在自建系统"]) }
            }
            let input = SystemJoinInput(planned: planned, join: JoinStatus(joinedOn: joinedOn, mode: mode, batch: text("对接批次").isEmpty ? nil : text("对接批次")))
            if issues.list.count == before {
                for i in input.issues() {
                    let column = i.field == "planned" ? "计划接入" : i.field == "join.batch" ? "对接批次" : "接入日期"
                    issues.add(row, column, code: i.code, i.message)
                }
            }
            writes.append((system, input))
        }
        if !denied.list.isEmpty { throw CatalogImportError.forbidden(denied.list) }
        if !issues.list.isEmpty { throw CatalogImportError.invalid(issues.list) }
        let at = Clock.millis(now), checked = writes
        try await database.transaction { (db: any SQLDatabase) in
            if replace {
                if actor.role == .admin {
                    try await db.raw("DELETE FROM system_joins").run()
                } else {
                    try await db.raw("DELETE FROM system_joins WHERE organization_id = \(bind: actor.organizationID ?? -1)").run()
                }
            }
            for w in checked { try await Self.writeJoin(db, system: w.system.id, organization: w.system.organizationID, w.input, at: at) }
        }
        return JoinImportReport(systems: writes.count, planned: writes.filter(\.input.planned).count, joined: writes.filter(\.input.join.joined).count)
    }

    /// The planned systems in the joins template's layout, header first.
    public func exportSystemJoinRows() async throws -> [[String]] {
        let orgs = Dictionary(uniqueKeysWithValues: try await organizations().map { ($0.id, $0) })
        var rows = [JoinTemplate.columns]
        for j in try await systemJoins(plannedOnly: true) {
            rows.append([orgs[j.organizationID]?.name ?? j.organizationName, j.systemName, j.level.oneWindowLabel, j.planned ? "是" : "否",
                         j.join.joined ? "是" : "否", j.join.joinedOn ?? "", j.join.mode?.label ?? "", j.join.batch ?? ""])
        }
        return rows
    }
}
