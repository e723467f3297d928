import Foundation

extension QualityRule {
    /// Everything wrong with a list of rules for a resource with `fields`, with paths
    /// `rules[i].param` so a client, the console and the catalog spreadsheet can point at
    /// the exact parameter.
    public static func issues(for rules: [QualityRule], fields: [Field]) -> [FieldIssue] {
        rules.enumerated().flatMap { index, rule in rule.issues(fields: fields, at: index) }
    }

    /// What is wrong with this rule for a resource with `fields`: unknown fields, missing or
    /// contradictory parameters, a regular expression that does not compile, a kind that
    /// cannot apply to the field's type. Empty when the rule can be checked.
    ///
    /// - Parameters:
    ///   - fields: The resource's fields.
    ///   - index: The rule's position, used in the issue paths (`rules[index].field`).
    public func issues(fields: [Field], at index: Int = 0) -> [FieldIssue] {
        var out: [FieldIssue] = []
        func add(_ param: String, _ code: String, _ zh: String, _ en: String) {
            out.append(FieldIssue(field: "rules[\(index)].\(param)", code: code, message: Localized(zh: zh, en: en)))
        }
        func lookup(_ code: String?, _ param: String) -> Field? {
            guard let code else { return nil }
            guard let found = fields.first(where: { $0.code == code }) else {
                add(param, "rule_unknown_field", "信息项“\(code)”不存在", "there is no field “\(code)”")
                return nil
            }
            return found
        }
        func missing(_ param: String, _ what: (zh: String, en: String)) {
            add(param, "rule_missing_param", "\(kind.label.zh)规则需要\(what.zh)", "a \(kind.rawValue) rule needs \(what.en)")
        }
        func wrongType(_ field: Field, _ allowed: String) {
            add("field", "rule_wrong_type", "\(kind.label.zh)规则不适用于\(Strings["type.\(field.type.rawValue)"].zh)信息项“\(field.code)”",
                "a \(kind.rawValue) rule does not apply to the \(field.type.rawValue) field “\(field.code)” (needs \(allowed))")
        }

        let needsField = kind != .unique && kind != .timeliness
        if needsField, field == nil { missing("field", ("指定信息项", "a field")) }
        let target = lookup(field, "field")

        switch kind {
        case .notNull, .type, .unique, .reference, .timeliness:
            break
        case .length:
            if let target, target.type != .string { wrongType(target, "string") }
            if let maxLength {
                if maxLength < 1 { add("maxLength", "rule_invalid_param", "最大长度应为正整数", "maxLength must be a positive whole number") }
            } else if target != nil, (target?.length ?? 0) < 1 {
                missing("maxLength", ("最大长度（maxLength），或信息项自身的长度", "maxLength or a field length"))
            }
        case .pattern:
            if let pattern, !pattern.isEmpty {
                do {
                    _ = try NSRegularExpression(pattern: pattern)
                } catch {
                    add("pattern", "rule_invalid_pattern", "正则表达式无效", "the regular expression does not compile")
                }
            } else {
                missing("pattern", ("正则表达式（pattern）", "a pattern"))
            }
        case .codeList:
            if (values ?? []).isEmpty { missing("values", ("至少一个取值（values）", "at least one value")) }
        case .range:
            guard let target else { break }
            switch target.type {
            case .integer, .decimal, .string:
                if min == nil, max == nil { missing("min", ("下限（min）或上限（max）", "min or max")) }
                if let min, let max, min > max { add("max", "rule_invalid_param", "上限小于下限", "max is below min") }
                if let min, !min.isFinite { add("min", "rule_invalid_param", "下限必须是有限数", "min must be finite") }
                if let max, !max.isFinite { add("max", "rule_invalid_param", "上限必须是有限数", "max must be finite") }
            case .date, .datetime:
                if minDate == nil, maxDate == nil {
                    missing("minDate", ("最早日期（minDate）或最晚日期（maxDate）", "minDate or maxDate"))
                }
                let low = minDate.flatMap(CalendarDate.init(iso:))
                let high = maxDate.flatMap(CalendarDate.init(iso:))
                if minDate != nil, low == nil { add("minDate", "rule_invalid_param", "日期应为 YYYY-MM-DD", "minDate must be YYYY-MM-DD") }
                if maxDate != nil, high == nil { add("maxDate", "rule_invalid_param", "日期应为 YYYY-MM-DD", "maxDate must be YYYY-MM-DD") }
                if let low, let high, high < low { add("maxDate", "rule_invalid_param", "最晚日期早于最早日期", "maxDate is before minDate") }
            case .boolean:
                wrongType(target, "a number, string or date")
            }
        case .residentID, .creditCode, .landline:
            if let target, target.type != .string { wrongType(target, "string") }
        case .mobile, .phone:
            if let target, target.type != .string, target.type != .integer { wrongType(target, "string or integer") }
        case .dateNotFuture:
            if let target, target.type != .date, target.type != .datetime { wrongType(target, "date or datetime") }
        case .crossField:
            guard let check else {
                missing("check", ("比较方式（check）", "a check"))
                break
            }
            if otherField == nil { missing("otherField", ("另一个信息项（otherField）", "otherField")) }
            let other = lookup(otherField, "otherField")
            if let other, other.code == field {
                add("otherField", "rule_invalid_param", "不能与自身比较", "otherField must differ from field")
            }
            guard let target, let other else { break }
            switch check {
            case .birthDateMatchesID:
                if target.type != .date, target.type != .datetime { wrongType(target, "date or datetime") }
                if other.type != .string {
                    add("otherField", "rule_wrong_type", "“\(other.code)”应为字符型的公民身份号码",
                        "“\(other.code)” must be a string field holding resident IDs")
                }
            case .after:
                let numeric: Set<FieldType> = [.integer, .decimal], temporal: Set<FieldType> = [.date, .datetime]
                let comparable = (numeric.contains(target.type) && numeric.contains(other.type))
                    || (temporal.contains(target.type) && temporal.contains(other.type))
                if !comparable {
                    add("otherField", "rule_wrong_type", "“\(target.code)”与“\(other.code)”类型不同，无法比较先后",
                        "“\(target.code)” and “\(other.code)” are not both numbers or both dates")
                }
            }
        }

        switch kind {
        case .unique:
            if field == nil, !fields.contains(where: \.primaryKey) {
                missing("field", ("信息项，或资源设有主键", "a field, or a resource with a primary key"))
            }
        case .reference:
            if (referenceResource ?? "").isEmpty {
                missing("referenceResource", ("被关联资源代码（referenceResource）", "referenceResource"))
            }
        case .timeliness:
            if let target, target.type != .date, target.type != .datetime { wrongType(target, "date or datetime") }
        default:
            break
        }
        return out
    }
}
