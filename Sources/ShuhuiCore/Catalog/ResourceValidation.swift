import Foundation

extension ResourceDraft {
    /// Every rule a catalog entry must satisfy on its own (references to units and systems are
    /// checked by the store). Field paths are JSON paths such as `fields[2].code`.
    public func issues() -> [FieldIssue] {
        var out: [FieldIssue] = []
        func add(_ field: String, _ key: String, _ values: [String: String] = [:]) {
            out.append(FieldIssue(field: field, code: key, message: Strings.format(key, values)))
        }
        if name.trimmingCharacters(in: .whitespaces).isEmpty { add("name", "v.required") }
        if name.count > 200 { add("name", "v.tooLong", ["max": "200"]) }
        if !ResourceCode.isValidCategory(categoryCode) { add("categoryCode", "v.category") }
        if summary.count > 2000 { add("summary", "v.tooLong", ["max": "2000"]) }
        if sharing == .conditional && sharingCondition.trimmingCharacters(in: .whitespaces).isEmpty {
            add("sharingCondition", "v.condition")
        }
        if sharing == .notShared && !sharingModes.isEmpty { add("sharingModes", "v.modesNotShared") }
        if sharing != .notShared && sharingModes.isEmpty { add("sharingModes", "v.modes") }
        if !grade.allows(open) {
            add("open", "v.openGrade", ["grade": grade.rawValue, "open": Strings["open.\(open.rawValue)"].zh])
        }
        if let publishedOn, CalendarDate(iso: publishedOn) == nil { add("publishedOn", "v.date") }
        for (i, code) in relatedCodes.enumerated() where ResourceCode.parse(code) == nil {
            add("relatedCodes[\(i)]", "v.resourceCode")
        }
        if format == .table && fields.isEmpty { add("fields", "v.noFields") }
        var codes = Set<String>(), names = Set<String>()
        for (i, f) in fields.enumerated() {
            let path = "fields[\(i)]"
            if f.name.trimmingCharacters(in: .whitespaces).isEmpty { add("\(path).name", "v.required") }
            if !Field.isValidCode(f.code) { add("\(path).code", "v.fieldCode") }
            if !codes.insert(f.code).inserted { add("\(path).code", "v.duplicateFieldCode", ["code": f.code]) }
            if !f.name.isEmpty && !names.insert(f.name).inserted {
                add("\(path).name", "v.duplicateFieldName", ["name": f.name])
            }
            if let l = f.length, !(1...100_000).contains(l) { add("\(path).length", "v.length") }
            if f.primaryKey && !f.required { add("\(path).required", "v.primaryKeyRequired") }
            if f.sensitivity > grade {
                add("grade", "v.fieldGrade", ["grade": grade.rawValue, "field": f.name, "fieldGrade": f.sensitivity.rawValue])
            }
        }
        out += QualityRule.issues(for: rules, fields: fields)
        return out
    }
}
