/// The short notation for a field's quality rules in the catalog spreadsheet's 质量规则 column,
/// so departments set rules where they describe their fields. Items are separated by `；`
/// or `;`:
///
/// | item | rule |
/// |---|---|
/// | `身份证` `信用代码` `手机` `固话` `电话` | resident ID, credit code, mobile, landline, either phone |
/// | `不晚于今天` | date not in the future |
/// | `码表:男|女` | code list |
/// | `范围:0~150`, `范围:2000-01-01~2020-12-31` | numeric or date range (either end may be empty) |
/// | `正则:^[0-9]{6}$` | pattern |
/// | `晚于:kssj` | this field's value is after field `kssj` |
/// | `出生日期与:gmsfhm` | this date equals the birth date in resident ID field `gmsfhm` |
/// | `引用:101001-00001.gmsfhm` | value exists in that resource's field |
/// | `唯一` | unique among stored records |
public enum RuleNotation {
    static let simple: [(String, RuleKind)] = [
        ("身份证", .residentID), ("信用代码", .creditCode), ("手机", .mobile), ("固话", .landline), ("电话", .phone), ("不晚于今天", .dateNotFuture),
    ]

    /// Parses a cell for `field`; returns the rules and the items it could not read.
    public static func parse(_ cell: String, field: String) -> (rules: [QualityRule], unreadable: [String]) {
        var rules: [QualityRule] = [], bad: [String] = []
        for raw in cell.split(whereSeparator: { $0 == ";" || $0 == "；" }) {
            let item = raw.trimmingCharacters(in: .whitespaces)
            if item.isEmpty { continue }
            if let kind = simple.first(where: { $0.0 == item })?.1 {
                rules.append(QualityRule(kind: kind, field: field))
                continue
            }
            if item == "唯一" {
                rules.append(QualityRule(kind: .unique, field: field, scope: .stored))
                continue
            }
            guard let colon = item.firstIndex(where: { $0 == ":" || $0 == "：" }) else { bad.append(item); continue }
            let name = item[..<colon].trimmingCharacters(in: .whitespaces)
            let arg = item[item.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch name {
            case "码表":
                rules.append(QualityRule(kind: .codeList, field: field, values: arg.split(whereSeparator: { $0 == "|" || $0 == "｜" }).map(String.init)))
            case "正则":
                rules.append(QualityRule(kind: .pattern, field: field, pattern: arg))
            case "晚于":
                rules.append(QualityRule(kind: .crossField, field: field, otherField: arg, check: .after))
            case "出生日期与":
                rules.append(QualityRule(kind: .crossField, field: field, otherField: arg, check: .birthDateMatchesID))
            case "引用":
                let parts = arg.split(separator: ".", maxSplits: 1).map(String.init)
                rules.append(QualityRule(kind: .reference, field: field, referenceResource: parts.first, referenceField: parts.count > 1 ? parts[1] : nil))
            case "范围":
                let ends = arg.split(separator: "~", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                guard ends.count == 2 else { bad.append(item); continue }
                if ends.allSatisfy({ $0.isEmpty || Double($0) != nil }) {
                    rules.append(QualityRule(kind: .range, field: field, min: Double(ends[0]), max: Double(ends[1])))
                } else if ends.allSatisfy({ $0.isEmpty || CalendarDate(iso: $0) != nil }) {
                    rules.append(QualityRule(kind: .range, field: field, minDate: ends[0].isEmpty ? nil : ends[0], maxDate: ends[1].isEmpty ? nil : ends[1]))
                } else {
                    bad.append(item)
                }
            default:
                bad.append(item)
            }
        }
        return (rules, bad)
    }

    /// Writes the rules on `field` back in the same notation; rules it cannot express are left
    /// out (they stay in the catalog entry and are kept on re-import).
    public static func format(_ rules: [QualityRule], field: String) -> String {
        var items: [String] = []
        for r in rules where r.field == field {
            if let name = simple.first(where: { $0.1 == r.kind })?.0 {
                items.append(name)
                continue
            }
            switch r.kind {
            case .unique where r.scope == .stored: items.append("唯一")
            case .codeList: items.append("码表:" + (r.values ?? []).joined(separator: "|"))
            case .pattern: items.append("正则:" + (r.pattern ?? ""))
            case .crossField where r.check == .after: items.append("晚于:" + (r.otherField ?? ""))
            case .crossField where r.check == .birthDateMatchesID: items.append("出生日期与:" + (r.otherField ?? ""))
            case .reference: items.append("引用:" + (r.referenceResource ?? "") + (r.referenceField.map { "." + $0 } ?? ""))
            case .range:
                if r.minDate != nil || r.maxDate != nil {
                    items.append("范围:\(r.minDate ?? "")~\(r.maxDate ?? "")")
                } else {
                    items.append("范围:\(r.min.map(number) ?? "")~\(r.max.map(number) ?? "")")
                }
            default: continue
            }
        }
        return items.joined(separator: "；")
    }

    /// Whether the notation can write this rule (the rest survive a re-import untouched).
    public static func expresses(_ r: QualityRule) -> Bool {
        guard let f = r.field else { return false }
        return !format([r], field: f).isEmpty
    }

    private static func number(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
    }
}

import Foundation
