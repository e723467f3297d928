import Foundation
import ShuhuiCore
import ShuhuiSpreadsheet
import SQLKit

/// The catalog template departments fill in: one row per data item (信息项), the resource's
/// own columns repeated on each of its rows. Import and export use the same layout, so an
/// exported file imports back unchanged.
public enum CatalogTemplate {
    /// Column headers, in order. Headers are matched by name, so columns may be reordered.
    public static let columns = [
        "资源代码", "资源名称", "资源分类代码", "提供方", "提供方代码", "来源系统", "资源摘要", "资源格式", "更新周期",
        "共享属性", "共享条件", "共享方式", "开放属性", "开放条件", "安全级别", "发布日期", "关联资源代码", "标签",
        "信息项名称", "信息项代码", "数据类型", "长度", "必填", "主键", "信息项说明", "敏感级别", "信息项共享属性", "质量规则",
    ]
    /// Columns that must be present.
    public static let required = ["资源名称", "资源分类代码", "提供方", "共享属性", "开放属性", "安全级别", "信息项名称", "信息项代码", "数据类型"]
    /// Resource-level columns: equal on every row of one resource.
    static let resourceColumns = Array(columns[1...17])

    /// The second sheet of an exported workbook: what each column takes.
    public static let guide: [[String]] = [
        ["列 Column", "说明 Meaning", "取值 Allowed values"],
        ["资源代码", "留空则按分类代码自动生成 / blank: generated", "101001-00001"],
        ["资源分类代码", "类(1位)+项(2位)+目(3位)+细目 / class+item+catalog", "101001"],
        ["提供方", "单位全称或简称 / unit name", ""],
        ["提供方代码", "提供方的统一社会信用代码；与提供方二选一，都填须一致 / the provider's credit code", "113301000015068552"],
        ["资源格式", "", "数据库表、电子文件、服务接口"],
        ["更新周期", "", "实时、每日、每周、每月、每季度、每年、不定期"],
        ["共享属性", "", "无条件共享、有条件共享（受限共享）、不予共享"],
        ["共享方式", "多个用顿号分隔 / separate with 、", "数据推送、接口调用、页面查询"],
        ["开放属性", "L4 禁止开放；L2/L3 只能受限开放", "无条件开放、受限开放、禁止开放"],
        ["安全级别", "", "L1、L2、L3、L4"],
        ["数据类型", "", "字符型、整型、数值型、日期型、日期时间型、布尔型"],
        ["必填 / 主键", "", "是、否"],
        ["信息项代码", "小写字母开头，字母数字下划线 / lowercase identifier", "sfzh"],
        ["质量规则", "多条用；分隔 / separate with ；", "身份证；信用代码；手机；固话；电话；不晚于今天；唯一；码表:男|女；范围:0~150；正则:^[0-9]{6}$；晚于:kssj；出生日期与:gmsfhm；引用:101001-00001.gmsfhm"],
    ]

    /// Splits a multi-value cell (or a console form's list field) on 、 , ， ; ；.
    public static func list(_ cell: String) -> [String] {
        cell.split(whereSeparator: { "、,，;；".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func yesNo(_ cell: String) -> Bool? {
        switch cell.trimmingCharacters(in: .whitespaces).lowercased() {
        case "是", "y", "yes", "true", "1", "√": true
        case "否", "n", "no", "false", "0", "": false
        default: nil
        }
    }
}

/// The outcome of an applied import.
public struct CatalogImportReport: Sendable, Codable, Equatable {
    public var created: [String]
    public var updated: [String]
    public var unchanged: [String]
    public var fields: Int
}

/// An import that was refused; nothing was applied.
public enum CatalogImportError: Error, Sendable, Equatable {
    /// Problems with the file's contents, each naming sheet, row and column.
    case invalid([FieldIssue])
    /// Rows for units the importing user may not change.
    case forbidden([FieldIssue])
}

/// One resource as read from the sheet, before it touches the database.
struct ImportedResource {
    var code: String?
    var firstRow: Int
    var cells: [String: String]
    var fieldRows: [(row: Int, cells: [String: String])]
}

extension Store {
    /// Reads a catalog file (XLSX or CSV by content) and applies it in one transaction: every
    /// row is checked first, and any problem means nothing is written.
    public func importCatalog(data: Data, filename: String?, by actor: Principal) async throws -> CatalogImportReport {
        do {
            try AccessPolicy.canImportCatalog(actor)
        } catch {
            throw CatalogImportError.forbidden([FieldIssue(field: nil, code: "forbidden", message: Strings.format("problem.detail.role", ["role": actor.role.rawValue]))])
        }
        let sheet: Sheet
        do {
            if data.starts(with: [0x50, 0x4B]) {  // "PK": a zip container, so XLSX
                let sheets = try XLSX.read(data)
                sheet = sheets.first { $0.rows.first.map { Set($0).isSuperset(of: CatalogTemplate.required) } ?? false } ?? sheets.first ?? Sheet(name: "Sheet1", rows: [])
            } else {
                sheet = Sheet(name: filename ?? "CSV", rows: try CSV.parse(data))
            }
        } catch {
            throw CatalogImportError.invalid([FieldIssue(field: "file", code: "unreadable",
                message: Strings.format("v.unreadable", localized: ["reason": Localized(zh: error.message.zh, en: error.message.en)]))])
        }
        let (groups, issues) = Self.group(sheet)
        if !issues.isEmpty { throw CatalogImportError.invalid(issues) }
        let orgs = try await organizationLookup()
        return try await database.transaction { db in
            try await Self.apply(db, groups, sheet: sheet.name, orgs: orgs, actor: actor, dialect: database.dialect)
        }
    }

    /// Splits rows into resources, checking the header and that repeated resource columns agree.
    static func group(_ sheet: Sheet) -> ([ImportedResource], [FieldIssue]) {
        var issues: [FieldIssue] = []
        guard let header = sheet.rows.first else {
            return ([], [FieldIssue(sheet: sheet.name, row: 1, column: nil, code: "empty", message: Strings["v.emptySheet"])])
        }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces) }
        for column in CatalogTemplate.required where !names.contains(column) {
            issues.append(FieldIssue(sheet: sheet.name, row: 1, column: column, code: "missing_column", message: Strings.format("v.missingColumn", ["column": column])))
        }
        if !issues.isEmpty { return ([], issues) }
        if sheet.rows.count < 2 {
            return ([], [FieldIssue(sheet: sheet.name, row: 2, column: nil, code: "empty", message: Strings["v.emptySheet"])])
        }
        var groups: [ImportedResource] = []
        var index: [String: Int] = [:]
        for (i, row) in sheet.rows.enumerated().dropFirst() {
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            var cells: [String: String] = [:]
            for (c, name) in names.enumerated() where !name.isEmpty {
                cells[name] = c < row.count ? row[c].trimmingCharacters(in: .whitespacesAndNewlines) : ""
            }
            let rowNumber = i + 1
            let code = cells["资源代码"].flatMap { $0.isEmpty ? nil : $0 }
            let key = code ?? "\(cells["资源名称"] ?? "")\u{1}\(cells["提供方"] ?? "")"
            if let g = index[key] {
                for column in CatalogTemplate.resourceColumns {
                    let value = cells[column] ?? ""
                    if !value.isEmpty && value != groups[g].cells[column] ?? "" {
                        issues.append(FieldIssue(sheet: sheet.name, row: rowNumber, column: column, code: "conflicting_row",
                            message: Strings.format("v.conflictingRow", ["column": column])))
                    }
                }
                groups[g].fieldRows.append((rowNumber, cells))
            } else {
                index[key] = groups.count
                groups.append(ImportedResource(code: code, firstRow: rowNumber, cells: cells, fieldRows: [(rowNumber, cells)]))
            }
        }
        return (groups, issues)
    }

    /// Maps a draft's JSON field path to the template column it came from.
    static func column(forPath path: String) -> String? {
        let map: [String: String] = [
            "name": "资源名称", "categoryCode": "资源分类代码", "providerID": "提供方", "sourceSystemID": "来源系统",
            "summary": "资源摘要", "format": "资源格式", "updateCycle": "更新周期", "sharing": "共享属性",
            "sharingCondition": "共享条件", "sharingModes": "共享方式", "open": "开放属性", "openCondition": "开放条件",
            "grade": "安全级别", "publishedOn": "发布日期", "relatedCodes": "关联资源代码", "tags": "标签",
            "fields": "信息项名称", "code": "信息项代码", "type": "数据类型", "length": "长度", "required": "必填",
            "primaryKey": "主键", "sensitivity": "敏感级别",
        ]
        let last = path.split(separator: ".").last.map { String($0.split(separator: "[").first ?? "") } ?? path
        if path.hasPrefix("fields[") && last == "name" { return "信息项名称" }
        if path.hasPrefix("fields[") && last == "summary" { return "信息项说明" }
        if path.hasPrefix("fields[") && last == "sharing" { return "信息项共享属性" }
        if path.hasPrefix("rules[") { return "质量规则" }
        return map[last]
    }

    static func apply(_ db: any SQLDatabase, _ groups: [ImportedResource], sheet: String, orgs: [String: Organization], actor: Principal, dialect: SQLDialectKind) async throws -> CatalogImportReport {
        var issues: [FieldIssue] = [], denied: [FieldIssue] = []
        var report = CatalogImportReport(created: [], updated: [], unchanged: [], fields: 0)
        var systemsByOrg: [Int64: [InformationSystem]] = [:]
        for group in groups {
            func issue(_ row: Int, _ column: String?, _ key: String, _ values: [String: String] = [:]) {
                issues.append(FieldIssue(sheet: sheet, row: row, column: column, code: key, message: Strings.format(key, values)))
            }
            let c = group.cells
            let byName = (c["提供方"] ?? "").isEmpty ? nil : c["提供方"]
            let byCode = (c["提供方代码"] ?? "").isEmpty ? nil : c["提供方代码"]
            guard let provider = orgs[byName ?? byCode ?? ""] else {
                issue(group.firstRow, byName == nil && byCode != nil ? "提供方代码" : "提供方", "v.unknownProvider", ["value": byName ?? byCode ?? ""])
                continue
            }
            if let byCode, orgs[byCode]?.id != provider.id {
                issue(group.firstRow, "提供方代码", "v.conflictingRow", ["column": "提供方"])
                continue
            }
            do {
                try AccessPolicy.canEdit(ownedBy: provider.id, actor)
            } catch {
                denied.append(FieldIssue(sheet: sheet, row: group.firstRow, column: "提供方", code: "forbidden_unit",
                    message: Strings.format("problem.detail.scope", ["unit": provider.shortName])))
                continue
            }
            var systemID: Int64?
            if let name = c["来源系统"], !name.isEmpty {
                if systemsByOrg[provider.id] == nil {
                    systemsByOrg[provider.id] = try await db.raw("SELECT \(unsafeRaw: systemColumns) FROM information_systems WHERE organization_id = \(bind: provider.id)").all().map(system)
                }
                systemID = systemsByOrg[provider.id]?.first { $0.name == name || $0.code == name }?.id
                if systemID == nil { issue(group.firstRow, "来源系统", "v.unknownSystem", ["value": name]) }
            }
            // Enumerated cells: an unknown label is reported, then a placeholder keeps parsing going.
            func parse<T>(_ column: String, _ f: (String) -> T?, default value: T, allowed: String, row: Int? = nil, cells: [String: String]? = nil) -> T {
                let text = (cells ?? c)[column] ?? ""
                if text.isEmpty, !CatalogTemplate.required.contains(column) { return value }
                if let v = f(text) { return v }
                issue(row ?? group.firstRow, column, "v.invalidValue", ["value": text, "allowed": allowed])
                return value
            }
            let sharing = parse("共享属性", SharingAttribute.init(label:), default: .notShared, allowed: "无条件共享、有条件共享、不予共享")
            var modes: [SharingMode] = []
            for m in CatalogTemplate.list(c["共享方式"] ?? "") {
                if let mode = SharingMode(label: m) { modes.append(mode) } else { issue(group.firstRow, "共享方式", "v.invalidValue", ["value": m, "allowed": "数据推送、接口调用、页面查询"]) }
            }
            var fields: [Field] = []
            var rules: [QualityRule] = []
            for (row, fc) in group.fieldRows {
                let parsed = RuleNotation.parse(fc["质量规则"] ?? "", field: fc["信息项代码"] ?? "")
                rules += parsed.rules
                for item in parsed.unreadable {
                    issue(row, "质量规则", "v.invalidValue", ["value": item, "allowed": "身份证、码表:A|B、范围:0~150 …"])
                }
                var lengthValue: Int?
                if let l = fc["长度"], !l.isEmpty {
                    if let n = Int(l) ?? Double(l).flatMap({ $0 == $0.rounded() ? Int($0) : nil }) { lengthValue = n } else { issue(row, "长度", "v.length") }
                }
                let required = CatalogTemplate.yesNo(fc["必填"] ?? "") ?? { issue(row, "必填", "v.bool"); return false }()
                let key = CatalogTemplate.yesNo(fc["主键"] ?? "") ?? { issue(row, "主键", "v.bool"); return false }()
                fields.append(Field(
                    name: fc["信息项名称"] ?? "", code: fc["信息项代码"] ?? "",
                    type: parse("数据类型", FieldType.init(label:), default: .string, allowed: "字符型、整型、数值型、日期型、日期时间型、布尔型", row: row, cells: fc),
                    length: lengthValue, required: required, primaryKey: key, summary: fc["信息项说明"] ?? "",
                    sensitivity: parse("敏感级别", SecurityGrade.init(label:), default: .l1, allowed: "L1、L2、L3、L4", row: row, cells: fc),
                    sharing: (fc["信息项共享属性"] ?? "").isEmpty ? nil : parse("信息项共享属性", SharingAttribute.init(label:), default: .notShared, allowed: "无条件共享、有条件共享、不予共享", row: row, cells: fc)))
            }
            let draft = ResourceDraft(
                name: c["资源名称"] ?? "", categoryCode: c["资源分类代码"] ?? "", providerID: provider.id, sourceSystemID: systemID,
                summary: c["资源摘要"] ?? "",
                format: parse("资源格式", ResourceFormat.init(label:), default: .table, allowed: "数据库表、电子文件、服务接口"),
                updateCycle: parse("更新周期", UpdateCycle.init(label:), default: .irregular, allowed: "实时、每日、每周、每月、每季度、每年、不定期"),
                sharing: sharing, sharingCondition: c["共享条件"] ?? "", sharingModes: modes,
                open: parse("开放属性", OpenAttribute.init(label:), default: .notOpen, allowed: "无条件开放、受限开放、禁止开放"),
                openCondition: c["开放条件"] ?? "",
                grade: parse("安全级别", SecurityGrade.init(label:), default: .l4, allowed: "L1、L2、L3、L4"),
                publishedOn: (c["发布日期"] ?? "").isEmpty ? nil : c["发布日期"],
                relatedCodes: CatalogTemplate.list(c["关联资源代码"] ?? ""), tags: CatalogTemplate.list(c["标签"] ?? ""),
                fields: fields, rules: rules)
            for i in draft.issues() {
                var row = group.firstRow
                if let path = i.field, path.hasPrefix("rules["), let close = path.firstIndex(of: "]"),
                    let n = Int(path[path.index(path.startIndex, offsetBy: 6)..<close]), n < draft.rules.count,
                    let fieldRow = group.fieldRows.first(where: { $0.cells["信息项代码"] == draft.rules[n].field })
                {
                    row = fieldRow.row
                }
                if let path = i.field, path.hasPrefix("fields["), let close = path.firstIndex(of: "]"),
                    let n = Int(path[path.index(path.startIndex, offsetBy: 7)..<close]), n < group.fieldRows.count
                {
                    row = group.fieldRows[n].row
                }
                issues.append(FieldIssue(sheet: sheet, row: row, column: i.field.flatMap(column(forPath:)), code: i.code, message: i.message))
            }
            if let code = group.code, ResourceCode.parse(code) == nil { issue(group.firstRow, "资源代码", "v.resourceCode") }
            if !issues.isEmpty || !denied.isEmpty { continue }
            // Write now; later groups may still fail, and then the transaction rolls all back.
            do {
                try await checkReferences(db, draft, path: "")
                var draft = draft
                let existing = try await existingResource(db, code: group.code, draft: draft)
                if let existing {
                    // Rules the notation cannot write (resource-level ones, say) survive a round trip.
                    draft.rules = existing.draft.rules.filter { !RuleNotation.expresses($0) } + draft.rules
                    try AccessPolicy.canEdit(ownedBy: existing.draft.providerID, actor)
                    let saved = try await updateResource(db, existing: existing, draft, expectedVersion: nil, actor: actor, action: "import", dialect: dialect)
                    if saved.version == existing.version { report.unchanged.append(saved.code) } else { report.updated.append(saved.code) }
                } else {
                    let code = group.code.flatMap(ResourceCode.normalize)
                    if let code { try await reserveCode(db, code) }
                    let saved = try await insertResource(db, draft, actor: actor, code: code)
                    report.created.append(saved.code)
                }
                report.fields += draft.fields.count
            } catch let StoreError.invalid(failure) {
                for i in failure.issues { issues.append(FieldIssue(sheet: sheet, row: group.firstRow, column: i.field.flatMap(column(forPath:)), code: i.code, message: i.message)) }
            } catch let StoreError.duplicate(field, value) {
                issue(group.firstRow, field == "code" ? "资源代码" : nil, "v.duplicate", ["value": value])
            } catch is AccessDenial {
                denied.append(FieldIssue(sheet: sheet, row: group.firstRow, column: "资源代码", code: "forbidden_unit",
                    message: Strings.format("problem.detail.scope", ["unit": orgs.values.first { $0.id == actor.organizationID }?.shortName ?? "-"])))
            }
        }
        if !denied.isEmpty { throw CatalogImportError.forbidden(denied) }
        if !issues.isEmpty { throw CatalogImportError.invalid(issues) }
        return report
    }

    private static func existingResource(_ db: any SQLDatabase, code: String?, draft: ResourceDraft) async throws -> Resource? {
        let row: (any SQLRow)?
        if let code {
            row = try await db.raw("SELECT \(unsafeRaw: resourceColumns) FROM resources WHERE code = \(bind: ResourceCode.normalize(code) ?? code)").first()
        } else {
            // Re-importing a file without codes updates what the first import created.
            row = try await db.raw("SELECT \(unsafeRaw: resourceColumns) FROM resources WHERE name = \(bind: draft.name) AND provider_id = \(bind: draft.providerID) AND category_code = \(bind: draft.categoryCode)").first()
        }
        return try row.map(resource)
    }

    /// The catalog in the template's layout, header first.
    public func exportCatalogRows(providerID: Int64? = nil) async throws -> [[String]] {
        let resources = try await resources(providerID: providerID)
        let orgs = Dictionary(uniqueKeysWithValues: try await organizations().map { ($0.id, $0) })
        var systems: [Int64: String] = [:]
        for s in try await database.read({ db in try await db.raw("SELECT \(unsafeRaw: Self.systemColumns) FROM information_systems").all().map(Self.system) }) {
            systems[s.id] = s.name
        }
        var rows = [CatalogTemplate.columns]
        for r in resources {
            let d = r.draft
            let label = { (key: String) in Strings[key].zh }
            let resourceCells = [
                r.code, d.name, d.categoryCode, orgs[d.providerID]?.name ?? "", orgs[d.providerID]?.code ?? "", d.sourceSystemID.flatMap { systems[$0] } ?? "",
                d.summary, label("format.\(d.format.rawValue)"), label("cycle.\(d.updateCycle.rawValue)"),
                label("sharing.\(d.sharing.rawValue)"), d.sharingCondition, d.sharingModes.map { label("mode.\($0.rawValue)") }.joined(separator: "、"),
                label("open.\(d.open.rawValue)"), d.openCondition, d.grade.rawValue, d.publishedOn ?? "",
                d.relatedCodes.joined(separator: "、"), d.tags.joined(separator: "、"),
            ]
            for f in d.fields {
                rows.append(resourceCells + [
                    f.name, f.code, label("type.\(f.type.rawValue)"), f.length.map(String.init) ?? "", f.required ? "是" : "否",
                    f.primaryKey ? "是" : "否", f.summary, f.sensitivity.rawValue, f.sharing.map { label("sharing.\($0.rawValue)") } ?? "",
                    RuleNotation.format(d.rules, field: f.code),
                ])
            }
        }
        return rows
    }
}
