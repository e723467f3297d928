import Foundation
import ShuhuiCore
import SQLKit

/// The matters spreadsheet: the columns of 杭智办〔2018〕2号 附件 1–3 (the bureau's list from the
/// provincial power-matter library, plus what units fill in: system level and name, case
/// volume, contact, scope, districts) and the one-window status. Export writes the same
/// layout, so an exported file imports back unchanged. Export lists retired matters too,
/// flagged by 停用日期 and 停用原因; import reads neither (retiring takes the matter's own
/// route, authorised per matter), so re-importing an export leaves retirements as they are.
public enum MatterTemplate {
    /// Column headers, in order (matched by name on import).
    public static let columns = [
        "基本编码", "实施编码", "事项名称", "事项类型", "实施主体", "行使层级", "法定办结时限", "承诺办结时限",
        "事项所在系统层级", "系统名称", "办件量", "联系人", "联系方式", "适用范围", "适用区县", "服务对象",
        "TOP100", "就近可办", "网上办理", "例外情形", "接入日期", "对接方式", "对接批次", "停用日期", "停用原因",
    ]
    /// Columns that must be present.
    public static let required = ["实施编码", "事项名称", "事项类型", "实施主体", "行使层级"]
    /// The columns a unit may fill in for matters the bureau listed (附件 2/3: “不得新增、变更、删除”).
    static let fillIn: Set<String> = ["承诺办结时限", "事项所在系统层级", "系统名称", "办件量", "联系人", "联系方式", "适用范围", "适用区县",
                                      "服务对象", "就近可办", "网上办理", "例外情形", "接入日期", "对接方式", "对接批次"]
    static let aliases: [String: [String]] = [
        "事项名称": ["事项"], "实施主体": ["实施部门", "部门", "单位", "事项所属部门"], "办件量": ["上年办件量", "2017年办件量"],
        "承诺办结时限": ["承诺时限"], "法定办结时限": ["法定时限"], "联系方式": ["联系电话"],
    ]
}

/// The outcome of an applied matters import.
public struct MatterImportReport: Sendable, Codable, Equatable {
    /// 实施编码 created.
    public var created: [String]
    /// 实施编码 changed.
    public var updated: [String]
    /// 实施编码 unchanged.
    public var unchanged: [String]
}

extension Store {
    /// Imports the matters spreadsheet (XLSX or CSV) in one transaction. Every row is checked
    /// first — unknown unit, duplicate 实施编码, bad values, rows for units the actor may not
    /// change — and any problem means nothing is written; the error lists each by sheet, row
    /// and column. Data officers may only fill in their own unit's listed matters.
    public func importMatters(data: Data, filename: String?, by actor: Principal, now: Date = Date()) async throws -> MatterImportReport {
        do { try AccessPolicy.canImportOneWindow(actor) } catch {
            throw CatalogImportError.forbidden([FieldIssue(field: nil, code: "forbidden", message: Strings.format("problem.detail.role", ["role": actor.role.rawValue]))])
        }
        let sheet = try OneWindowSheet.read(data, filename: filename, required: MatterTemplate.required, aliases: MatterTemplate.aliases)
        let orgs = try await organizationLookup()
        let existing = Dictionary(try await allMatters().map { ($0.draft.code, $0) }, uniquingKeysWith: { a, _ in a })
        var systemsByOrg: [Int64: [InformationSystem]] = [:]
        var issues = ImportIssues(sheet: sheet.name)
        var denied = ImportIssues(sheet: sheet.name)
        var seen: [String: Int] = [:]
        var drafts: [(row: Int, draft: MatterDraft)] = []

        for (row, c) in sheet.rows {
            let before = issues.list.count
            func text(_ column: String) -> String { c[column] ?? "" }
            func parse<T>(_ column: String, _ f: (String) -> T?, allowed: String) -> T? {
                let t = text(column)
                if t.isEmpty { return nil }
                if let v = f(t) { return v }
                issues.add(row, column, "v.invalidValue", ["value": t, "allowed": allowed])
                return nil
            }
            func days(_ column: String) -> Int? {
                let t = text(column)
                if t.isEmpty { return nil }
                let digits = t.replacingOccurrences(of: "个工作日", with: "").replacingOccurrences(of: "工作日", with: "").replacingOccurrences(of: "天", with: "")
                if let n = OneWindowSheet.count(digits) { return n }
                issues.add(row, column, "ow.bad_days", ["value": t])
                return nil
            }
            let code = text("实施编码")
            if code.isEmpty { issues.add(row, "实施编码", "v.required") }
            if let first = seen[code], !code.isEmpty {
                issues.add(row, "实施编码", "ow.duplicate_matter", ["value": code, "row": String(first)])
            } else if !code.isEmpty {
                seen[code] = row
            }
            let unitName = text("实施主体")
            guard let unit = orgs[unitName] else {
                issues.add(row, "实施主体", "ow.unknown_unit", ["value": unitName])
                continue
            }
            do { try AccessPolicy.canEditMatter(ownedBy: unit.id, actor) } catch {
                denied.add(row, "实施主体", code: "forbidden_unit", Strings.format("problem.detail.scope", ["unit": unit.shortName]))
                continue
            }
            let kind = parse("事项类型", MatterKind.init(label:), allowed: MatterKind.allCases.map(\.label).joined(separator: "、"))
            let level = parse("行使层级", MatterLevel.init(label:), allowed: "市级、区县级、乡镇级")
            if text("事项类型").isEmpty { issues.add(row, "事项类型", "v.required") }
            if text("行使层级").isEmpty { issues.add(row, "行使层级", "v.required") }
            var volume = 0
            if !text("办件量").isEmpty {
                if let n = OneWindowSheet.count(text("办件量")) { volume = n } else { issues.add(row, "办件量", "ow.bad_number", ["value": text("办件量")]) }
            }
            func flag(_ column: String) -> Bool {
                guard let b = OneWindowSheet.yesNo(text(column)) else { issues.add(row, column, "v.bool"); return false }
                return b
            }
            var systemID: Int64?
            let systemName = text("系统名称")
            if !systemName.isEmpty {
                if systemsByOrg[unit.id] == nil { systemsByOrg[unit.id] = try await systems(organizationID: unit.id) }
                systemID = systemsByOrg[unit.id]?.first { $0.name == systemName || $0.code == systemName }?.id
            }
            var joinedOn: String?
            if !text("接入日期").isEmpty {
                joinedOn = OneWindowSheet.date(text("接入日期"))
                if joinedOn == nil { issues.add(row, "接入日期", "ow.bad_date", ["value": text("接入日期")]) }
            }
            let draft = MatterDraft(
                basicCode: text("基本编码").isEmpty ? code : text("基本编码"), code: code, name: text("事项名称"), kind: kind ?? .publicService,
                organizationID: unit.id, level: level ?? .municipal, legalDays: days("法定办结时限"), promisedDays: days("承诺办结时限"),
                systemID: systemID, systemName: systemName,
                systemLevel: parse("事项所在系统层级", SystemLevel.init(oneWindowLabel:), allowed: "国家部委、省级、市级、区县"),
                caseVolume: volume, contact: text("联系人"), phone: text("联系方式"), scope: text("适用范围"),
                districts: CatalogTemplate.list(text("适用区县")),
                audience: parse("服务对象", MatterAudience.init(label:), allowed: "个人、法人、个人和法人") ?? .both,
                top100: flag("TOP100"), nearby: flag("就近可办"), online: flag("网上办理"),
                onlineException: parse("例外情形", OnlineException.init(label:), allowed: OnlineException.allCases.map(\.label).joined(separator: "、")),
                join: JoinStatus(joinedOn: joinedOn, mode: parse("对接方式", JoinMode.init(label:), allowed: "表单在一窗平台、表单在自建系统"),
                                 batch: text("对接批次").isEmpty ? nil : text("对接批次")))
            if issues.list.count == before {
                for i in draft.issues() { issues.add(row, Self.matterColumn(i.field), code: i.code, i.message) }
            }
            if let old = existing[code] {
                if old.draft.organizationID != unit.id { issues.add(row, "实施主体", "ow.import_unit_changed") }
                if actor.role != .admin {
                    // Units fill in; they do not rename, retype or re-level the bureau's list.
                    let fixed: [(String, Bool)] = [("基本编码", old.draft.basicCode != draft.basicCode), ("事项名称", old.draft.name != draft.name),
                                                    ("事项类型", old.draft.kind != draft.kind), ("行使层级", old.draft.level != draft.level),
                                                    ("法定办结时限", old.draft.legalDays != draft.legalDays), ("TOP100", old.draft.top100 != draft.top100)]
                    for (column, changed) in fixed where changed { denied.add(row, column, "ow.fill_only", ["column": column]) }
                }
            } else if actor.role != .admin, !code.isEmpty {
                denied.add(row, "实施编码", "ow.officer_cannot_create", ["value": code])
            }
            drafts.append((row, draft))
        }
        if !denied.list.isEmpty { throw CatalogImportError.forbidden(denied.list) }
        if !issues.list.isEmpty { throw CatalogImportError.invalid(issues.list) }
        let at = Clock.millis(now), checked = drafts
        return try await database.transaction { (db: any SQLDatabase) in
            var report = MatterImportReport(created: [], updated: [], unchanged: [])
            for (_, draft) in checked {
                if let old = existing[draft.code] {
                    if old.draft == draft { report.unchanged.append(draft.code); continue }
                    try await Self.updateMatter(db, id: old.id, draft, at: at)
                    report.updated.append(draft.code)
                } else {
                    _ = try await Self.insertMatter(db, draft, at: at)
                    report.created.append(draft.code)
                }
            }
            return report
        }
    }

    /// The template column a draft's JSON field came from.
    static func matterColumn(_ field: String?) -> String? {
        switch field {
        case "code": "实施编码"
        case "basicCode": "基本编码"
        case "name": "事项名称"
        case "legalDays": "法定办结时限"
        case "promisedDays": "承诺办结时限"
        case "caseVolume": "办件量"
        case "join.joinedOn": "接入日期"
        case "onlineException": "例外情形"
        case "contact": "联系人"
        case "phone": "联系方式"
        case "scope": "适用范围"
        case "systemName": "系统名称"
        default: nil
        }
    }

    /// The matters in the template's layout, header first (optionally one unit's).
    public func exportMatterRows(organizationID: Int64? = nil) async throws -> [[String]] {
        let orgs = Dictionary(uniqueKeysWithValues: try await organizations().map { ($0.id, $0) })
        var rows = [MatterTemplate.columns]
        func yes(_ b: Bool) -> String { b ? "是" : "否" }
        for m in try await allMatters() where organizationID == nil || m.draft.organizationID == organizationID {
            let d = m.draft
            let identity: [String] = [d.basicCode, d.code, d.name, d.kind.label, orgs[d.organizationID]?.name ?? "", d.level.label,
                                      d.legalDays.map(String.init) ?? "", d.promisedDays.map(String.init) ?? "", d.systemLevel?.oneWindowLabel ?? ""]
            let filledIn: [String] = [m.systemDisplayName, String(d.caseVolume), d.contact, d.phone, d.scope, d.districts.joined(separator: "、"), d.audience.label]
            let status: [String] = [yes(d.top100), yes(d.nearby), yes(d.online), d.onlineException?.label ?? "",
                                    d.join.joinedOn ?? "", d.join.mode?.label ?? "", d.join.batch ?? ""]
            let retired: [String] = [m.retirement?.retiredOn ?? "", m.retirement?.reason ?? ""]
            rows.append(identity + filledIn + status + retired)
        }
        return rows
    }
}
