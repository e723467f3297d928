import Foundation
import Testing

@testable import ShuhuiCore

@Suite struct QualityTests {
    // A fixed "today" keeps the date rules deterministic.
    private let today = CalendarDate(year: 2025, month: 6, day: 1)!

    private let fields = [
        Field(name: "公民身份号码", code: "sfzh", type: .string, length: 18, required: true, primaryKey: true),
        Field(name: "姓名", code: "xm", type: .string, length: 4, required: true),
        Field(name: "性别", code: "xb", type: .string),
        Field(name: "出生日期", code: "csrq", type: .date),
        Field(name: "手机号码", code: "sjhm", type: .string),
        Field(name: "金额", code: "je", type: .decimal),
        Field(name: "统一社会信用代码", code: "xydm", type: .string),
        Field(name: "年龄", code: "nl", type: .integer),
        Field(name: "开始时间", code: "kssj", type: .datetime),
        Field(name: "结束时间", code: "jssj", type: .datetime),
        Field(name: "有效", code: "yx", type: .boolean),
        Field(name: "联系电话", code: "lxdh", type: .string),
        Field(name: "结束日期", code: "jsrq", type: .date),
    ]

    private func row(_ values: [String: String]) -> [String?] {
        fields.map { values[$0.code] }
    }

    /// A row's values in one byte buffer with their spans, as a CSV cell batch holds them.
    private func cells(_ raw: [String?]) -> ([UInt8], [Int]) {
        var buffer: [UInt8] = []
        var spans: [Int] = []
        for value in raw {
            spans.append(value == nil ? -1 : buffer.count)
            buffer.append(contentsOf: (value ?? "").utf8)
            spans.append(value == nil ? -1 : buffer.count)
        }
        return (buffer, spans)
    }

    private func checker(_ rules: [QualityRule]) -> RecordChecker {
        RecordChecker(fields: fields, rules: rules, today: today)
    }

    /// The kinds of the failures of `rule` alone on a record with `values`.
    private func fails(_ rule: QualityRule, _ values: [String: String]) -> Bool {
        var c = checker([rule])
        return c.check(row(values)).failures.contains { $0.ruleIndex == 0 }
    }

    /// Whether `rule` on `field` fails for `value`.
    private func fails(_ rule: QualityRule, _ value: String) -> Bool {
        fails(rule, [rule.field ?? "sfzh": value])
    }

    // MARK: - Rules as data

    @Test func dimensionsHaveChineseLabelsAndKindsDefaultDimensions() {
        #expect(QualityDimension.allCases.map(\.label.zh) == ["完整性", "准确性", "规范性", "一致性", "唯一性", "关联性", "及时性"])
        #expect(RuleKind.notNull.defaultDimension == .completeness)
        #expect(RuleKind.phone.defaultDimension == .conformity)
        #expect(RuleKind.range.defaultDimension == .accuracy)
        #expect(RuleKind.crossField.defaultDimension == .consistency)
        #expect(RuleKind.unique.defaultDimension == .uniqueness)
        #expect(RuleKind.reference.defaultDimension == .relations)
        #expect(RuleKind.timeliness.defaultDimension == .timeliness)
        for (i, d) in QualityDimension.allCases.enumerated() { #expect(d.ordinal == i) }
    }

    @Test func decodingDefaultsTheDimensionAndRoundTrips() throws {
        let json = #"[{"kind":"codeList","field":"xb","values":["男","女"]},{"kind":"range","field":"nl","min":0,"dimension":"conformity"}]"#
        let rules = try JSONDecoder().decode([QualityRule].self, from: Data(json.utf8))
        #expect(rules[0] == QualityRule(kind: .codeList, field: "xb", values: ["男", "女"]))
        #expect(rules[0].dimension == .accuracy)
        #expect(rules[1].dimension == .conformity)
        #expect(rules[1].max == nil)
        let again = try JSONDecoder().decode([QualityRule].self, from: JSONEncoder().encode(rules))
        #expect(again == rules)
        // Dimension-keyed dictionaries encode as JSON objects.
        let tally = QualityTally(rows: 1, badRows: 0, checked: [.completeness: 2], failed: [:])
        let text = String(decoding: try JSONEncoder().encode(tally), as: UTF8.self)
        #expect(text.contains(#""checked":{"completeness":2}"#))
    }

    @Test func implicitRulesFollowTheFields() {
        let rules = QualityRule.implicitRules(for: Array(fields.prefix(3)))
        #expect(rules == [
            QualityRule(kind: .notNull, field: "sfzh"), QualityRule(kind: .type, field: "sfzh"),
            QualityRule(kind: .length, field: "sfzh", maxLength: 18),
            QualityRule(kind: .notNull, field: "xm"), QualityRule(kind: .type, field: "xm"),
            QualityRule(kind: .length, field: "xm", maxLength: 4),
            QualityRule(kind: .type, field: "xb"),
            QualityRule(kind: .unique, scope: .batch),
        ])
        #expect(!QualityRule.implicitRules(for: [fields[2]]).contains { $0.kind == .unique })
    }

    @Test func invalidRulesAreReportedWithPaths() {
        let rules = [
            QualityRule(kind: .codeList, field: "xb", values: ["男", "女"]),
            QualityRule(kind: .notNull, field: "nope"),
            QualityRule(kind: .codeList, field: "xb"),
            QualityRule(kind: .pattern, field: "xm", pattern: "([a-z"),
            QualityRule(kind: .range, field: "yx", min: 0),
            QualityRule(kind: .range, field: "nl", min: 10, max: 1),
            QualityRule(kind: .crossField, field: "csrq", check: .birthDateMatchesID),
            QualityRule(kind: .dateNotFuture, field: "xm"),
            QualityRule(kind: .range, field: "csrq", minDate: "2024/01/01"),
            QualityRule(kind: .reference, field: "xydm"),
            QualityRule(kind: .crossField, field: "kssj", otherField: "nl", check: .after),
            QualityRule(kind: .residentID),
        ]
        let issues = QualityRule.issues(for: rules, fields: fields)
        let paths = issues.map(\.field)
        #expect(!paths.contains { $0?.hasPrefix("rules[0].") == true })
        #expect(paths.contains("rules[1].field"))
        #expect(issues.first { $0.field == "rules[1].field" }?.code == "rule_unknown_field")
        #expect(paths.contains("rules[2].values"))
        #expect(issues.first { $0.field == "rules[3].pattern" }?.code == "rule_invalid_pattern")
        #expect(issues.first { $0.field == "rules[4].field" }?.code == "rule_wrong_type")
        #expect(paths.contains("rules[5].max"))
        #expect(paths.contains("rules[6].otherField"))
        #expect(paths.contains("rules[7].field"))
        #expect(paths.contains("rules[8].minDate"))
        #expect(paths.contains("rules[9].referenceResource"))
        #expect(paths.contains("rules[10].otherField"))
        #expect(paths.contains("rules[11].field"))
        #expect(issues.allSatisfy { !$0.message.zh.isEmpty && !$0.message.en.isEmpty })
        // A key-less resource cannot have a primary-key uniqueness rule.
        #expect(!QualityRule(kind: .unique).issues(fields: [fields[2]]).isEmpty)
        #expect(QualityRule(kind: .unique).issues(fields: fields).isEmpty)
        #expect(QualityRule.issues(for: QualityRule.implicitRules(for: fields), fields: fields).isEmpty)
    }

    // MARK: - Typed values

    @Test func parsesIntegersAndDecimals() {
        #expect(TypedValue.parse("42", as: .integer) == .integer(42))
        #expect(TypedValue.parse("+7", as: .integer) == .integer(7))
        #expect(TypedValue.parse("-9223372036854775808", as: .integer) == .integer(.min))
        #expect(TypedValue.parse(" 12 ", as: .integer) == .integer(12))
        for bad in ["9223372036854775808", "1.0", "1e3", "-", "", "12a", "１２"] {
            #expect(TypedValue.parse(bad, as: .integer) == nil, "\(bad)")
        }
        #expect(TypedValue.parse("3.25", as: .decimal) == .decimal(3.25))
        #expect(TypedValue.parse("-.5", as: .decimal) == .decimal(-0.5))
        #expect(TypedValue.parse("1e3", as: .decimal) == .decimal(1000))
        #expect(TypedValue.parse("7", as: .decimal) == .decimal(7))
        for bad in ["nan", "NaN", "inf", "-infinity", "1e999", "0x10", "1,000", ".", "1e", "e5", "1.2.3", "-", "--1", "1-"] {
            #expect(TypedValue.parse(bad, as: .decimal) == nil, "\(bad)")
        }
    }

    /// Plain decimals are read without strtod, and to exactly strtod's double.
    @Test func fastDecimalsEqualStrtod() {
        var generator = SystemRandomNumberGenerator()
        var texts = ["0", "-0", "0.1", "0.2", "0.3", "202.64", "999999.99", "1000000", "-.5", "5.", "007.50", "123456789012345", "1234567890123456",
                     "0.000000000000001", "9007199254740993", "1.7976931348623157"]
        for _ in 0..<20_000 {
            let whole = String(Int.random(in: 0...9_999_999, using: &generator))
            let fraction = String(Int.random(in: 0...99_999_999, using: &generator)).prefix(Int.random(in: 0...8, using: &generator))
            texts.append((Bool.random(using: &generator) ? "-" : "") + whole + (fraction.isEmpty ? "" : "." + fraction))
        }
        for t in texts {
            #expect(ValueParsing.decimal(t)?.bitPattern == Double(t)?.bitPattern, "\(t)")
        }
    }

    @Test func parsesDatesInTheFormsDepartmentsWrite() {
        for text in ["2024-02-09", "2024/02/09", "2024/2/9", "2024-2-9", "2024.2.9", "20240209", "2024年2月9日", "2024年02月09日", " 2024-02-09 "] {
            #expect(TypedValue.parse(text, as: .date) == .date("2024-02-09"), "\(text)")
        }
        #expect(TypedValue.parse("2024-02-29", as: .date) == .date("2024-02-29"))
        for bad in ["2023-02-29", "2024-13-01", "2024-00-10", "2024-1-32", "2024/02-09", "202402", "24-02-09", "2024年2月9", "abcd-ef-gh", "2024-02-09x"] {
            #expect(TypedValue.parse(bad, as: .date) == nil, "\(bad)")
        }
    }

    @Test func parsesDatetimes() {
        #expect(TypedValue.parse("2024-01-02 03:04:05", as: .datetime) == .datetime("2024-01-02 03:04:05"))
        #expect(TypedValue.parse("2024-01-02T03:04:05", as: .datetime) == .datetime("2024-01-02 03:04:05"))
        #expect(TypedValue.parse("2024-01-02 3:04", as: .datetime) == .datetime("2024-01-02 03:04:00"))
        #expect(TypedValue.parse("2024/1/2 23:59:59.123", as: .datetime) == .datetime("2024-01-02 23:59:59"))
        #expect(TypedValue.parse("2024-01-02", as: .datetime) == .datetime("2024-01-02 00:00:00"))
        for bad in ["2024-01-02 24:00", "2024-01-02 12:60", "2024-01-02 12:00:61", "2024-01-02 12", "2024-01-02X12:00", "2024-01-02 12:00+08:00"] {
            #expect(TypedValue.parse(bad, as: .datetime) == nil, "\(bad)")
        }
    }

    @Test func parsesBooleansAndEncodesPlainJSON() throws {
        for t in ["是", "true", "TRUE", "True", "1", "Y", "y"] { #expect(TypedValue.parse(t, as: .boolean) == .boolean(true), "\(t)") }
        for f in ["否", "false", "False", "0", "N", "n"] { #expect(TypedValue.parse(f, as: .boolean) == .boolean(false), "\(f)") }
        for bad in ["yes", "2", "对", "t"] { #expect(TypedValue.parse(bad, as: .boolean) == nil, "\(bad)") }
        #expect(TypedValue.parse("", as: .string) == nil)
        #expect(TypedValue.parse(" a ", as: .string) == .text(" a "))
        let values: [TypedValue?] = [.text("段誉"), .integer(3), .decimal(2.5), .date("2024-01-02"), .datetime("2024-01-02 03:04:05"), .boolean(true), nil]
        let json = String(decoding: try JSONEncoder().encode(values), as: UTF8.self)
        #expect(json == #"["段誉",3,2.5,"2024-01-02","2024-01-02 03:04:05",true,null]"#)
        #expect(TypedValue.decimal(1000).description == "1000")
    }

    // MARK: - Every rule kind

    @Test func notNullAndType() {
        let notNull = QualityRule(kind: .notNull, field: "xm")
        #expect(fails(notNull, [:]))
        #expect(fails(notNull, ["xm": ""]))
        #expect(!fails(notNull, ["xm": "段誉"]))
        let type = QualityRule(kind: .type, field: "nl")
        #expect(fails(type, "三十"))
        #expect(!fails(type, "30"))
        #expect(!fails(type, [:]))
        #expect(fails(QualityRule(kind: .type, field: "csrq"), "2023-02-29"))
        #expect(fails(QualityRule(kind: .type, field: "yx"), "对"))
    }

    @Test func typeIsAlwaysCheckedEvenWithoutARule() {
        var c = checker([])
        #expect(c.rules.count == fields.count)
        let record = c.check(row(["nl": "abc"]))
        #expect(record.failures.map(\.kind) == [.type])
        #expect(record.failures[0].field == "nl")
        #expect(record.failures[0].value == "abc")
        #expect(record.values[7] == nil)
    }

    @Test func lengthCountsCharactersNotBytes() {
        let rule = QualityRule(kind: .length, field: "xm", maxLength: 4)
        #expect(!fails(rule, "欧阳锋锋"))
        #expect(fails(rule, "欧阳锋锋锋"))
        #expect(!fails(rule, "abcd"))
        #expect(fails(rule, "abcde"))
        // Without maxLength the field's own length applies.
        #expect(fails(QualityRule(kind: .length, field: "xm"), "慕容复慕容"))
    }

    @Test func patternMatchesTheWholeValue() {
        let rule = QualityRule(kind: .pattern, field: "xb", pattern: "[0-9]{3}")
        #expect(!fails(rule, "123"))
        #expect(fails(rule, "1234"))
        #expect(fails(rule, "a123"))
        #expect(!fails(QualityRule(kind: .pattern, field: "xb", pattern: "^男|女$"), "女"))
        #expect(!fails(QualityRule(kind: .pattern, field: "xb", pattern: "\\p{Han}+"), "段誉"))
    }

    @Test func codeList() {
        let rule = QualityRule(kind: .codeList, field: "xb", values: ["男", "女", "未知"])
        #expect(!fails(rule, "女"))
        #expect(fails(rule, "M"))
        #expect(fails(rule, "男 "))
    }

    @Test func longCodeListsAndCanonicallyEqualValues() {
        // Administrative division codes: a list long enough to be looked up by fingerprint.
        let divisions = (1...3_000).map { String(330_000 + $0) }
        let rule = QualityRule(kind: .codeList, field: "xb", values: divisions)
        #expect(!fails(rule, "330001"))
        #expect(!fails(rule, "333000"))
        #expect(fails(rule, "333001"))
        #expect(fails(rule, "33000"))
        // As Set<String> sees it: "é" precomposed and decomposed are one value, and the
        // Kelvin sign is "K".
        #expect(!fails(QualityRule(kind: .codeList, field: "xb", values: ["caf\u{E9}"]), "cafe\u{301}"))
        #expect(!fails(QualityRule(kind: .codeList, field: "xb", values: ["\u{212A}"]), "K"))
        #expect(fails(QualityRule(kind: .codeList, field: "xb", values: ["\u{212A}"]), "k"))
    }

    @Test func rangeOnNumbersStringsAndDates() {
        let age = QualityRule(kind: .range, field: "nl", min: 0, max: 150)
        #expect(!fails(age, "0"))
        #expect(!fails(age, "150"))
        #expect(fails(age, "151"))
        #expect(fails(age, "-1"))
        #expect(!fails(age, "abc"))  // a type failure, not a range one
        let amount = QualityRule(kind: .range, field: "je", min: 0.5)
        #expect(fails(amount, "0.49"))
        #expect(!fails(amount, "1e6"))
        let text = QualityRule(kind: .range, field: "xb", max: 10)
        #expect(!fails(text, "9.5"))
        #expect(fails(text, "10.5"))
        #expect(fails(text, "ten"))
        let born = QualityRule(kind: .range, field: "csrq", minDate: "1900-01-01", maxDate: "2020-12-31")
        #expect(!fails(born, "1900-01-01"))
        #expect(!fails(born, "2020年12月31日"))
        #expect(fails(born, "1899-12-31"))
        #expect(fails(born, "20210101"))
    }

    @Test func residentIDUsesTheAnchorVectors() {
        let rule = QualityRule(kind: .residentID, field: "sfzh")
        for valid in ["360426199101010071", "44011320141005001X", "110102199101010078", "330106199001010018", "33060219900101001X",
                      "44011320141005001x", " 330106199001010018 "] {
            #expect(!fails(rule, valid), "\(valid)")
        }
        for invalid in ["36042619910102009X", "360426199113010079", "33010619900101001", "3301061990010100181", "33010619900101001Y",
                        "３３０１０６１９９００１０１００１８"] {
            #expect(fails(rule, invalid), "\(invalid)")
        }
        var c = checker([rule])
        let failure = c.check(row(["sfzh": "36042619910102009X"])).failures.first
        #expect(failure?.message.zh.contains("校验码") == true)
        #expect(c.check(row(["sfzh": "360426199113010079"])).failures.first?.message.zh.contains("出生日期") == true)
    }

    @Test func residentIDBirthDateMustNotBeAfterToday() throws {
        let first17 = "33010620250602001"
        let id = first17 + String(try #require(ResidentID.checkCharacter(for: first17)))
        #expect(fails(QualityRule(kind: .residentID, field: "sfzh"), id))
        var later = RecordChecker(fields: fields, rules: [QualityRule(kind: .residentID, field: "sfzh")],
                                  today: CalendarDate(year: 2025, month: 6, day: 2)!)
        #expect(later.check(row(["sfzh": id])).failures.isEmpty)
    }

    @Test func creditCodeUsesTheAnchorVectors() {
        let rule = QualityRule(kind: .creditCode, field: "xydm")
        for valid in ["91110000600037341L", "9144030071526726XG", "91310115MA1K3BTP2B", "121200004013590816", "91310115ma1k3btp2b"] {
            #expect(!fails(rule, valid), "\(valid)")
        }
        for invalid in ["91110000600037341N", "9111000060003IOZSV", "91110000600037341", "911100006000373410L"] {
            #expect(fails(rule, invalid), "\(invalid)")
        }
    }

    @Test func mobileLandlineAndPhone() {
        let mobile = QualityRule(kind: .mobile, field: "sjhm")
        for valid in ["13800138000", "19912345678", "+86 138-0013-8000", "8613800138000"] { #expect(!fails(mobile, valid), "\(valid)") }
        for invalid in ["12345678901", "1380013800", "138001380001", "1380013800a", "0571-87654321"] { #expect(fails(mobile, invalid), "\(invalid)") }
        let landline = QualityRule(kind: .landline, field: "lxdh")
        for valid in ["0571-87654321", "01087654321", "057187654321", "(0571)87654321", "0571 8765432", "010-87654321"] {
            #expect(!fails(landline, valid), "\(valid)")
        }
        for invalid in ["0571-17654321", "571-87654321", "0571-876543", "13800138000", "05718765432100", "0571-8765-4321"] {
            #expect(fails(landline, invalid), "\(invalid)")
        }
        let phone = QualityRule(kind: .phone, field: "lxdh")
        #expect(!fails(phone, "13800138000"))
        #expect(!fails(phone, "0571-87654321"))
        #expect(fails(phone, "12345"))
    }

    @Test func dateNotFuture() {
        let rule = QualityRule(kind: .dateNotFuture, field: "csrq")
        #expect(!fails(rule, "2025-06-01"))
        #expect(fails(rule, "2025-06-02"))
        #expect(fails(rule, "2025年6月2日"))
        let stamp = QualityRule(kind: .dateNotFuture, field: "kssj")
        #expect(!fails(stamp, "2025-06-01 23:59:59"))
        #expect(fails(stamp, "2025-06-02 00:00:00"))
    }

    @Test func crossFieldBirthDateMatchesID() {
        let rule = QualityRule(kind: .crossField, field: "csrq", otherField: "sfzh", check: .birthDateMatchesID)
        #expect(rule.dimension == .consistency)
        #expect(!fails(rule, ["csrq": "1991-01-01", "sfzh": "360426199101010071"]))
        #expect(!fails(rule, ["csrq": "19910101", "sfzh": "360426199101010071"]))
        #expect(fails(rule, ["csrq": "1991-01-02", "sfzh": "360426199101010071"]))
        // Either side missing: nothing to compare.
        #expect(!fails(rule, ["csrq": "1991-01-02"]))
        #expect(!fails(rule, ["sfzh": "360426199101010071"]))
        var c = checker([rule])
        let failure = c.check(row(["csrq": "1991-01-02", "sfzh": "360426199101010071"])).failures.first
        #expect(failure?.message.zh.contains("1991-01-01") == true)
    }

    @Test func crossFieldAfter() {
        let rule = QualityRule(kind: .crossField, field: "jssj", otherField: "kssj", check: .after)
        #expect(!fails(rule, ["kssj": "2024-01-01 08:00:00", "jssj": "2024-01-01 17:00:00"]))
        #expect(!fails(rule, ["kssj": "2024-01-01 08:00:00", "jssj": "2024-01-01 08:00:00"]))
        #expect(fails(rule, ["kssj": "2024-01-01 08:00:00", "jssj": "2024-01-01 07:59:59"]))
        #expect(fails(rule, ["kssj": "2024-01-02", "jssj": "2024-01-01 23:00"]))
        // A date compared with a date-time compares days.
        let mixed = QualityRule(kind: .crossField, field: "jsrq", otherField: "kssj", check: .after)
        #expect(!fails(mixed, ["kssj": "2024-01-01 08:00:00", "jsrq": "2024-01-01"]))
        #expect(fails(mixed, ["kssj": "2024-01-02 08:00:00", "jsrq": "2024-01-01"]))
        let numbers = QualityRule(kind: .crossField, field: "je", otherField: "nl", check: .after)
        #expect(fails(numbers, ["nl": "10", "je": "9.5"]))
        #expect(!fails(numbers, ["nl": "10", "je": "10.5"]))
    }

    @Test func batchUniquenessCountsRowsAfterTheFirst() {
        var c = checker([QualityRule(kind: .unique)])
        let keys = ["330106199001010018", "330106199001010018", "110102199101010078", "330106199001010018", ""]
        let results = keys.map { c.check(row(["sfzh": $0])) }
        #expect(results.map(\.failures.count) == [0, 1, 0, 1, 0])
        #expect(results[1].failures[0].kind == .unique)
        #expect(results[1].failures[0].field == nil)
        #expect(results[1].failures[0].value == "330106199001010018")
        #expect(results[4].key == nil)
        let tally = c.tally
        #expect(tally.checked[.uniqueness] == 4)
        #expect(tally.failed[.uniqueness] == 2)
        #expect(tally.rows == 5)
        #expect(tally.badRows == 2)

        var byField = checker([QualityRule(kind: .unique, field: "csrq")])
        // The same day written two ways is the same value.
        #expect(byField.check(row(["csrq": "2024-01-02"])).failures.isEmpty)
        #expect(byField.check(row(["csrq": "2024/1/2"])).failures.count == 1)
        // Stored-scope uniqueness is the store's job.
        let stored = checker([QualityRule(kind: .unique, scope: .stored)])
        #expect(stored.skippedRules == [0])
    }

    @Test func compositeKeysAreCanonicalAndJoined() {
        let keyed = [
            Field(name: "代码", code: "dm", type: .string, required: true, primaryKey: true),
            Field(name: "日期", code: "rq", type: .date, required: true, primaryKey: true),
            Field(name: "值", code: "z", type: .integer),
        ]
        var c = RecordChecker(fields: keyed, rules: QualityRule.implicitRules(for: keyed), today: today)
        let first = c.check(["A", "2024/1/2", "1"])
        #expect(first.key == "A\u{1F}2024-01-02")
        #expect(first.values == [.text("A"), .date("2024-01-02"), .integer(1)])
        let second = c.check(["A", "20240102", "2"])
        #expect(second.failures.map(\.kind) == [.unique])
        #expect(second.failures[0].value == "A,2024-01-02")
        #expect(c.check(["A", nil, "3"]).key == nil)
        #expect(c.check(["B", "2024-01-02"]).failures.isEmpty)  // short rows: missing trailing values
    }

    @Test func nullsFailOnlyNotNullAndAreNotCountedElsewhere() {
        let rules = [
            QualityRule(kind: .notNull, field: "sjhm"),
            QualityRule(kind: .mobile, field: "sjhm"),
            QualityRule(kind: .length, field: "sjhm", maxLength: 11),
            QualityRule(kind: .codeList, field: "xb", values: ["男"]),
        ]
        var c = checker(rules)
        let record = c.check(row(["sjhm": "", "xb": ""]))
        #expect(record.failures.map(\.kind) == [.notNull])
        #expect(record.failures[0].value == nil)
        #expect(record.failures[0].dimension == .completeness)
        let tally = c.tally
        #expect(tally.checked[.completeness] == 1)
        #expect(tally.failed[.completeness] == 1)
        #expect(tally.checked[.conformity] == nil)
        #expect(tally.checked[.accuracy] == nil)
    }

    @Test func talliesCountOneCheckPerRulePerRowEvaluated() {
        let rules = QualityRule.implicitRules(for: fields) + [
            QualityRule(kind: .residentID, field: "sfzh"),
            QualityRule(kind: .codeList, field: "xb", values: ["男", "女"]),
            QualityRule(kind: .crossField, field: "csrq", otherField: "sfzh", check: .birthDateMatchesID),
            QualityRule(kind: .reference, field: "xydm", referenceResource: "101001-00001"),
            QualityRule(kind: .timeliness),
        ]
        var c = checker(rules)
        #expect(c.skippedRules.map { c.rules[$0].kind } == [.reference, .timeliness])
        let good = c.check(row(["sfzh": "330106199001010018", "xm": "段誉", "xb": "男", "csrq": "1990-01-01"]))
        #expect(good.passed)
        #expect(good.key == "330106199001010018")
        let bad = c.check(row(["sfzh": "36042619910102009X", "xm": "", "xb": "M", "csrq": "1991-01-03"]))
        #expect(Set(bad.failures.map(\.kind)) == [.notNull, .residentID, .codeList, .crossField])
        let tally = c.tally
        #expect(tally.rows == 2)
        #expect(tally.badRows == 1)
        // notNull on sfzh and xm, both rows.
        #expect(tally.checked[.completeness] == 4)
        #expect(tally.failed[.completeness] == 1)
        // Row 1: type×4 + length×2 + residentID; row 2: type×3 (xm is null) + length×1 + residentID.
        #expect(tally.checked[.conformity] == 12)
        #expect(tally.failed[.conformity] == 1)
        #expect(tally.checked[.accuracy] == 2)
        #expect(tally.failed[.accuracy] == 1)
        #expect(tally.checked[.consistency] == 2)
        #expect(tally.failed[.consistency] == 1)
        #expect(tally.checked[.uniqueness] == 2)
        #expect(tally.failed[.uniqueness] == nil || tally.failed[.uniqueness] == 0)
        #expect(tally.passRate(.accuracy) == 0.5)
        #expect(tally.passRate(.relations) == nil)
    }

    @Test func repeatedRulesAreEvaluatedOnce() {
        let rule = QualityRule(kind: .notNull, field: "xm")
        var c = checker([rule, rule])
        #expect(c.check(row([:])).failures.count == 1)
    }

    // MARK: - Fast identifier checks agree with the identifier types

    @Test func fastChecksAgreeWithIdentifierTypes() {
        var rng = SystemRandomNumberGenerator()
        var samples: [String] = [
            "360426199101010071", "44011320141005001X", "44011320141005001x", "36042619910102009X", "360426199113010079",
            "91110000600037341L", "9144030071526726XG", "91310115MA1K3BTP2B", "121200004013590816", "91110000600037341N",
            "9111000060003IOZSV", "13800138000", "12345678901", "0571-87654321", "01012345678", "0571-17654321", "",
            " 13800138000", "+8613800138000", "0086 13800138000", "(010)12345678", "010-1234567", "0-1234567", "-0571876543",
        ]
        let digits = Array("0123456789")
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXYabcdIOZSVx- ")
        for _ in 0..<3000 {
            // Valid-shaped IDs with random dates, sometimes broken on purpose.
            let year = Int.random(in: 1880...2030, using: &rng), month = Int.random(in: 0...13, using: &rng), day = Int.random(in: 0...32, using: &rng)
            var first17 = String((0..<6).map { _ in digits.randomElement(using: &rng)! })
            first17 += String(format: "%04d%02d%02d", year, month, day)
            first17 += String((0..<3).map { _ in digits.randomElement(using: &rng)! })
            let check = ResidentID.checkCharacter(for: first17).map(String.init) ?? "0"
            samples.append(first17 + (Bool.random(using: &rng) ? check : String(digits.randomElement(using: &rng)!)))
            // Random credit-code-like strings; and valid ones built by the type itself.
            samples.append(String((0..<18).map { _ in alphabet.randomElement(using: &rng)! }))
            let body = String((0..<8).map { _ in Array("0123456789ABCDEFGHJKLMNPQRTUWXY").randomElement(using: &rng)! })
            let code = CreditCode.make(authority: "9", kind: "1", region: "330106", organizationCode8: body).value
            samples.append(Bool.random(using: &rng) ? code : code.lowercased())
            // Phone-like strings.
            let length = Int.random(in: 9...13, using: &rng)
            var phone = String((0..<length).map { _ in digits.randomElement(using: &rng)! })
            if Bool.random(using: &rng) { phone.insert("-", at: phone.index(phone.startIndex, offsetBy: Int.random(in: 1...4, using: &rng))) }
            samples.append(phone)
            samples.append("1" + String((0..<10).map { _ in digits.randomElement(using: &rng)! }))
            samples.append("0" + String((0..<Int.random(in: 9...11, using: &rng)).map { _ in digits.randomElement(using: &rng)! }))
        }
        let todayNumber = today.year * 10000 + today.month * 100 + today.day
        for s in samples {
            let id = Self.error { () throws(IdentifierError) in try ResidentID(s, asOf: today) }
            let credit = Self.error { () throws(IdentifierError) in try CreditCode(s) }
            let mobile = Self.error { () throws(IdentifierError) in try MobilePhone(s) }
            let landline = Self.error { () throws(IdentifierError) in try Landline(s) }
            #expect(FastIdentifiers.residentID(s, today: today, todayNumber: todayNumber) == id, "\(s)")
            #expect(FastIdentifiers.creditCode(s) == credit, "\(s)")
            #expect(FastIdentifiers.mobile(s) == mobile, "\(s)")
            #expect(FastIdentifiers.landline(s) == landline, "\(s)")
        }
    }

    private static func error<T>(_ body: () throws(IdentifierError) -> T) -> IdentifierError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Speed (printed, not asserted)

    /// The ICU-free matcher gives ICU's verdict for every pattern it accepts, on values
    /// around the patterns' edges and on random ASCII, and refuses the shapes it cannot match.
    @Test func simplePatternsAgreeWithICU() throws {
        let patterns = ["[0-9]{17}[0-9X]", "\\d{6}", "^[A-Z]{2}-\\d{4,8}$", "[a-c]*x?", "1[3-9]\\d{9}", "[0-9a-fA-F]+", "\\.?ab{2,}",
                        "[-_a-z]{0,3}", "A\\+B", "[\\d.]{1,5}"]
        for p in patterns { #expect(SimplePattern(p) != nil, "\(p)") }
        for p in ["a|b", "(ab)+", ".*", "[^0-9]", "\\w+", "\\d+?", "a{2}{3}", "[男女]", "\\p{Han}", "[a-z&&[^x]]", "\\1"] {
            #expect(SimplePattern(p) == nil, "\(p)")
        }
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789XxABab.-_+ 9")
        for p in patterns {
            let simple = try #require(SimplePattern(p))
            let icu = try NSRegularExpression(pattern: "\\A(?:\(p))\\z")
            var values = ["", "330106199001010018", "33010619900101001X", "33010619900101001x", "13812345678", "AB-1234", "AB-123456789", "abbb", ".ab", "A+B", "1.2.3"]
            for _ in 0..<400 {
                values.append(String((0..<Int.random(in: 0...20, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }))
            }
            for v in values {
                let fast = ValueParsing.withBytes(v) { simple.matches($0) }
                let reference = icu.firstMatch(in: v, options: [], range: NSRange(location: 0, length: (v as NSString).length)) != nil
                #expect(fast == reference, "\(p) on \(v.debugDescription)")
            }
        }
        // Non-ASCII and long values are left to ICU.
        let id = try #require(SimplePattern("\\d{6}"))
        #expect(ValueParsing.withBytes("１２３４５６") { id.matches($0) } == nil)
        #expect(ValueParsing.withBytes(String(repeating: "1", count: 64)) { id.matches($0) } == nil)
    }

    @Test func keySetRemembersEveryKeyThroughGrowthAndReserve() {
        let keys = (0..<50_000).map { "33010619900101\(String(format: "%04d", $0))" }
        // Grown from empty (a new table each time one fills), and reserved ahead as one table.
        var reserved = KeySet()
        reserved.reserve(keys.count)
        for var set in [KeySet(), reserved] {
            let fresh = keys.filter { key in ValueParsing.withBytes(key) { set.insert($0) } }.count
            #expect(fresh == keys.count)
            set.reserve(10)  // a set holding keys is never resized or emptied
            #expect(keys.allSatisfy { key in !ValueParsing.withBytes(key) { set.insert($0) } })
            #expect(ValueParsing.withBytes("330106199001020000") { set.insert($0) })  // a new key still goes in
        }
    }

    /// Rules of most kinds, unique ones on the key and on a date among them.
    private var mixedRules: [QualityRule] {
        QualityRule.implicitRules(for: fields) + [
            QualityRule(kind: .unique),
            QualityRule(kind: .unique, field: "csrq"),
            QualityRule(kind: .residentID, field: "sfzh"),
            QualityRule(kind: .codeList, field: "xb", values: ["男", "女"]),
            QualityRule(kind: .mobile, field: "sjhm"),
            QualityRule(kind: .phone, field: "lxdh"),
            QualityRule(kind: .creditCode, field: "xydm"),
            QualityRule(kind: .pattern, field: "xydm", pattern: "[0-9A-Z]{18}"),
            QualityRule(kind: .length, field: "xm", maxLength: 2),
            QualityRule(kind: .dateNotFuture, field: "csrq"),
            QualityRule(kind: .crossField, field: "csrq", otherField: "sfzh", check: .birthDateMatchesID),
            QualityRule(kind: .crossField, field: "jssj", otherField: "kssj", check: .after),
            QualityRule(kind: .range, field: "je", min: 0, max: 1000),
        ]
    }

    /// Rows for ``mixedRules``: the first passes, the others break rules of every kind.
    private var mixedRows: [[String: String]] {
        let id = "11010519491231002" + String(ResidentID.checkCharacter(for: "11010519491231002")!)
        return [
            ["sfzh": id, "xm": "段誉", "xb": "男", "csrq": "1949-12-31", "sjhm": "13800138000", "je": "12.5",
             "xydm": "91350100M000100Y43", "kssj": "2024-01-01 08:00", "jssj": "2024-01-01 09:00", "lxdh": "010-62345678"],
            ["sfzh": id, "xm": "王语嫣儿", "xb": "M", "csrq": "1949/12/31", "sjhm": "1380013800", "je": "1e9",
             "xydm": "91350100m000100y43", "kssj": "2024-01-01 08:00", "jssj": "2023-12-31 09:00", "lxdh": "12"],
            ["sfzh": "110105194912310021", "xm": "", "csrq": "2030-01-01", "je": "abc", "nl": "1.5", "yx": "maybe", "jsrq": "2024-02-30"],
            ["sfzh": "", "xm": "阿朱", "csrq": "1990-01-01"],
            ["sfzh": " \(id) ", "xm": "12", "csrq": "19491231", "je": " 7 "],
        ]
    }

    @Test func checkingBytesAgreesWithCheckingStrings() {
        let rules = mixedRules, rows = mixedRows
        var strings = checker(rules), bytes = checker(rules), kept = checker(rules)
        for values in rows {
            let raw = row(values)
            let expected = strings.check(raw)
            let (buffer, spans) = cells(raw)
            let counted = buffer.withUnsafeBufferPointer { b in spans.withUnsafeBufferPointer { bytes.check(bytes: b, spans: $0, raw: nil) } }
            let stored = buffer.withUnsafeBufferPointer { b in spans.withUnsafeBufferPointer { kept.check(bytes: b, spans: $0, raw: raw) } }
            #expect(counted.failures == expected.failures, "\(values)")
            #expect(counted.values.isEmpty)
            #expect(counted.key == (expected.failures.isEmpty ? nil : expected.key), "\(values)")
            #expect(stored == expected, "\(values)")
            if values == rows[0] { #expect(expected.failures.isEmpty, "\(expected.failures.map(\.message.en))") }
        }
        #expect(bytes.tally == strings.tally)
        #expect(kept.tally == strings.tally)
        #expect(strings.tally.badRows == 4)  // the first row passes
    }

    /// A chunk checked in pieces on several cores gives each row the record, and the checker
    /// the counts, that checking its rows one by one in order gives: duplicates across pieces
    /// included.
    @Test func checkingAChunkAgreesWithCheckingRowByRow() async {
        let rules = mixedRules
        // 3,000 rows (four pieces); keys and birth dates repeat within and across the pieces.
        var rows: [[String?]] = []
        for r in 0..<3000 {
            var values = mixedRows[r % mixedRows.count]
            if r % 5 == 0 {
                // A valid resident ID and its birth date, 900 different ones.
                let n = r % 900
                let year = String(1950 + n % 50), month = String(format: "%02d", 1 + n % 12), day = String(format: "%02d", 1 + n % 28)
                let body = "110105\(year)\(month)\(day)123"
                values["sfzh"] = body + String(ResidentID.checkCharacter(for: body)!)
                values["csrq"] = "\(year)-\(month)-\(day)"
            }
            if r % 11 == 0 { values["csrq"] = "2001-0\(1 + r % 9)-1\(r % 10)" }
            rows.append(row(values))
        }
        var bytes: [UInt8] = [], spans: [Int] = []
        for raw in rows {
            let (b, s) = cells(raw)
            spans += s.map { $0 < 0 ? $0 : $0 + bytes.count }
            bytes += b
        }
        var oneByOne = checker(rules), counted = checker(rules), withStrings = checker(rules)
        let expected = rows.map { oneByOne.check($0) }
        let chunk = await counted.check(chunk: bytes, spans: spans, strings: false)
        let full = await withStrings.check(chunk: bytes, spans: spans, strings: true)

        #expect(full.all.map(\.record) == expected)
        #expect(full.all.map(\.raw) == rows)
        #expect(full.failed.isEmpty)
        let failing = expected.indices.filter { !expected[$0].failures.isEmpty }
        #expect(chunk.failed.map(\.index) == failing)
        #expect(chunk.failed.map(\.record.failures) == failing.map { expected[$0].failures })
        #expect(chunk.failed.map(\.record.key) == failing.map { expected[$0].key })
        #expect(chunk.all.isEmpty)
        #expect(counted.tally == oneByOne.tally)
        #expect(withStrings.tally == oneByOne.tally)
        // Duplicates were found, across pieces too.
        #expect(expected[750...].contains { $0.failures.contains { $0.kind == .unique } })
        #expect(oneByOne.tally.badRows > 0 && oneByOne.tally.badRows < rows.count)
    }

    /// Rows kept straight from their bytes carry the key and typed values that checking their
    /// strings gives: canonical dates and date-times, numbers, booleans, missing values.
    @Test func rowsKeptFromBytesEqualTheCheckedValues() {
        let rules = QualityRule.implicitRules(for: fields)
        let rows: [[String: String]] = [
            ["sfzh": "a1", "xm": "段誉", "csrq": "1949-12-31", "je": "12.5", "nl": " 7 ", "kssj": "2024-01-01 08:00:00", "yx": "true", "jsrq": "2024/2/3"],
            ["sfzh": " b2 ", "xm": "王语嫣", "xb": "", "csrq": "19491231", "je": "-1e3", "nl": "-9223372036854775808", "kssj": "2024/1/1 8:00",
             "jssj": "2024-01-01T09:00", "yx": "否", "lxdh": "tab\there, \"quoted\"\nnew line", "jsrq": "2024.02.29"],
            ["sfzh": "c3", "xm": "阿朱", "je": "0", "yx": "1", "csrq": " 2000-01-02 "],
        ]
        var strings = checker(rules), bytes = checker(rules)
        var buffer = RowBuffer(fields: fields.count)
        for (r, values) in rows.enumerated() {
            let raw = row(values)
            let expected = strings.check(raw)
            #expect(expected.failures.isEmpty, "\(values): \(expected.failures.map(\.message.en))")
            let (data, spans) = cells(raw)
            let record = data.withUnsafeBufferPointer { b in
                spans.withUnsafeBufferPointer { s in
                    let record = bytes.check(bytes: b, spans: s, raw: nil)
                    bytes.keep(bytes: b, spans: s, in: &buffer)
                    return record
                }
            }
            #expect(record.failures.isEmpty)
            #expect(buffer.count == r + 1)
            #expect(buffer.text(r, 0) == expected.key)
            for (i, f) in fields.enumerated() {
                #expect(buffer.value(r, field: i, as: f.type) == expected.values[i], "\(f.code) of row \(r)")
            }
        }
        #expect(bytes.tally == strings.tally)
        #expect(buffer.keys == ["a1", " b2 ", "c3"])
        // Rows checked elsewhere append their values as they are.
        var copy = RowBuffer(fields: fields.count)
        for r in 0..<buffer.count {
            copy.append(key: buffer.text(r, 0), values: fields.enumerated().map { i, f in buffer.value(r, field: i, as: f.type) })
        }
        #expect(copy.bytes == buffer.bytes)
        #expect((0..<copy.count).allSatisfy { r in (0..<fields.count).allSatisfy { copy.value(r, field: $0, as: fields[$0].type) == buffer.value(r, field: $0, as: fields[$0].type) } })
    }

    @Test func timing200kRows() {
        let rules = QualityRule.implicitRules(for: fields) + [
            QualityRule(kind: .residentID, field: "sfzh"),
            QualityRule(kind: .codeList, field: "xb", values: ["男", "女"]),
            QualityRule(kind: .mobile, field: "sjhm"),
            QualityRule(kind: .creditCode, field: "xydm"),
            QualityRule(kind: .dateNotFuture, field: "csrq"),
            QualityRule(kind: .crossField, field: "csrq", otherField: "sfzh", check: .birthDateMatchesID),
            QualityRule(kind: .range, field: "je", min: 0, max: 1_000_000),
        ]
        var rows: [[String?]] = []
        for i in 0..<200_000 {
            // Region digits from i / 1000 and sequence from i % 1000 keep the IDs distinct.
            let first17 = String(format: "33%04d%04d%02d%02d%03d", i / 1000, 1950 + i % 60, 1 + i % 12, 1 + i % 28, i % 1000)
            let id = first17 + String(ResidentID.checkCharacter(for: first17)!)
            rows.append(row([
                "sfzh": i % 50 == 0 ? "330106199001010018" : id, "xm": "段誉", "xb": i % 97 == 0 ? "M" : "男",
                "csrq": String(format: "%04d-%02d-%02d", 1950 + i % 60, 1 + i % 12, 1 + i % 28), "sjhm": "138\(String(format: "%08d", i))",
                "je": "\(i % 5000).25", "xydm": "91310115MA1K3BTP2B", "nl": "\(i % 90)",
            ]))
        }
        var c = checker(rules)
        let start = Date()
        var bad = 0
        for r in rows where !c.check(r).failures.isEmpty { bad += 1 }
        let seconds = Date().timeIntervalSince(start)
        print("RecordChecker: 200000 rows × \(c.rules.count) rules in \(String(format: "%.3f", seconds)) s (\(Int(200_000 / seconds)) rows/s), bad rows \(bad)")
        #expect(bad > 0)
    }
}
