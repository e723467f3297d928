import Foundation

/// One rule a record broke.
public struct RuleFailure: Sendable, Equatable {
    /// Position of the rule in ``RecordChecker/rules``.
    public var ruleIndex: Int
    /// The rule's kind.
    public var kind: RuleKind
    /// The dimension the failure counts in.
    public var dimension: QualityDimension
    /// The field checked; nil for the primary-key uniqueness rule.
    public var field: String?
    /// The offending value as submitted (for the primary key: its values joined by commas);
    /// nil when the value is missing.
    public var value: String?
    /// What is wrong, for the provider.
    public var message: Localized

    /// Creates a failure.
    public init(ruleIndex: Int, kind: RuleKind, dimension: QualityDimension, field: String?, value: String?, message: Localized) {
        self.ruleIndex = ruleIndex
        self.kind = kind
        self.dimension = dimension
        self.field = field
        self.value = value
        self.message = message
    }
}

/// A record after checking: its typed values, the rules it broke, and its key.
public struct CheckedRecord: Sendable, Equatable {
    /// Values in field order; nil for a missing value or one that does not parse as its type.
    public var values: [TypedValue?]
    /// The rules broken, in rule order; empty when the record passed.
    public var failures: [RuleFailure]
    /// The primary-key values (canonical text) joined by U+001F; nil when the resource has no
    /// key or a key value is missing.
    public var key: String?

    /// Whether no rule failed.
    public var passed: Bool { failures.isEmpty }
}

/// Counts per dimension over the rows checked so far.
public struct QualityTally: Sendable, Equatable, Codable {
    /// Rows checked.
    public var rows: Int
    /// Rows with at least one failure.
    public var badRows: Int
    /// Rule evaluations per dimension: one per rule per row on which the rule was evaluated
    /// (rules other than `notNull` are not evaluated on missing values).
    public var checked: [QualityDimension: Int]
    /// Failed evaluations per dimension: one per failing rule per row.
    public var failed: [QualityDimension: Int]

    /// Creates a tally.
    public init(rows: Int = 0, badRows: Int = 0, checked: [QualityDimension: Int] = [:], failed: [QualityDimension: Int] = [:]) {
        self.rows = rows
        self.badRows = badRows
        self.checked = checked
        self.failed = failed
    }

    /// The share of evaluations in `dimension` that passed, or nil when nothing was checked.
    public func passRate(_ dimension: QualityDimension) -> Double? {
        let n = checked[dimension, default: 0]
        guard n > 0 else { return nil }
        return Double(n - failed[dimension, default: 0]) / Double(n)
    }
}

/// Checks records against a resource's rules in one pass, row by row, keeping counts.
///
/// Evaluated here: `notNull`, `type`, `length`, `pattern`, `codeList`, `range`,
/// `residentID` (check character and a real birth date not after `today`), `creditCode`,
/// `mobile`, `landline`, `phone`, `dateNotFuture`, `crossField`, and `unique` with batch
/// scope. Not evaluated here, because they need stored data: `reference`, `unique` with
/// stored scope, `timeliness`; the store checks those.
///
/// On a missing value (nil or the empty string) only `notNull` can fail; every other rule
/// skips it and does not count it as checked, so completeness and conformity are measured
/// separately and a pass rate is over present values, as Great Expectations and Soda report.
/// Rules on a value that does not parse as its field's type are skipped too, except those
/// that look at the text itself (`length`, `pattern`, `codeList`, identifier formats).
///
/// **Duplicates.** A batch `unique` rule fails on every row whose key was already seen
/// earlier in the batch; the first occurrence passes. So the duplicate count reported is
/// "rows after the first occurrence" (three rows with one key count 2). That is neither
/// Great Expectations' count (every row of a duplicate group, 3) nor Soda's (distinct
/// duplicated values, 1); it is the number of rows that would have to be removed, and it
/// is what a row-by-row stream can tell without holding rows back. Keys are remembered as
/// fingerprints, which can at worst take a new key for a repeat, never miss one (see `KeySet`).
///
/// Rules that cannot be checked (unknown field, missing parameter, a regular expression
/// that does not compile) are listed in ``skippedRules`` and not evaluated: rules should be
/// vetted with ``QualityRule/issues(for:fields:)`` when they are saved.
public struct RecordChecker: Sendable {
    /// The resource's fields; `check` takes values in this order.
    public var fields: [Field] { plan.fields }
    /// The rules in force: the ones given, exact repeats removed, plus a `type` rule for
    /// every field that had none (a value that cannot be stored as its type must never
    /// pass). ``RuleFailure/ruleIndex`` points into this list.
    public var rules: [QualityRule] { plan.rules }
    /// Indexes into ``rules`` of rules that are not evaluated here: those the store checks
    /// and those that cannot be checked.
    public var skippedRules: [Int] { plan.skippedRules }
    /// The day "future" is measured from.
    public var today: CalendarDate { plan.today }

    private let plan: Plan
    /// Batch uniqueness: the values seen so far.
    private var uniqueness: BatchUniqueness
    private var counts = Counts()
    /// Scratch for ``check(_:)``: the values' bytes, and where each starts and ends.
    private var scratchBytes: [UInt8] = []
    private var scratchSpans: [Int]

    /// Prepares the checks: field lookups, code lists and regular expressions are built
    /// once here, never per row.
    ///
    /// - Parameters:
    ///   - fields: The resource's fields.
    ///   - rules: Its rules, usually `QualityRule.implicitRules(for:)` plus its own.
    ///   - today: The day dates must not be after (Beijing time in production).
    public init(fields: [Field], rules: [QualityRule], today: CalendarDate) {
        plan = Plan(fields: fields, rules: rules, today: today)
        uniqueness = BatchUniqueness(slots: plan.uniqueSlots, keyFields: plan.keyFields, types: plan.types)
        scratchSpans = [Int](repeating: -1, count: 2 * fields.count)
    }

    /// Sizes batch uniqueness for about `rows` records at once (when the batch's size is known
    /// ahead), as one table instead of several added on the way; at most for 16 million rows,
    /// 100 MB a rule, whatever the estimate says.
    public mutating func reserve(rows: Int) {
        uniqueness.reserve(min(rows, 16_000_000))
    }

    /// Frees what batch uniqueness remembers, once the batch's records are all checked: for a
    /// large batch the key tables are most of its memory. The counts stay.
    public mutating func forgetValues() {
        uniqueness.forget()
    }

    /// The counts so far.
    public var tally: QualityTally {
        var checked: [QualityDimension: Int] = [:], failed: [QualityDimension: Int] = [:]
        for d in QualityDimension.allCases where counts.checked[d.ordinal] > 0 || counts.failed[d.ordinal] > 0 {
            checked[d] = counts.checked[d.ordinal]
            failed[d] = counts.failed[d.ordinal]
        }
        return QualityTally(rows: counts.rows, badRows: counts.badRows, checked: checked, failed: failed)
    }

    /// Checks one record.
    ///
    /// - Parameter raw: Values in field order as submitted; nil or "" means missing. Missing
    ///   trailing values may be left out; extra values are ignored.
    /// - Returns: The typed values, the failures and the key. Batch uniqueness remembers
    ///   the key, so check each record once.
    public mutating func check(_ raw: [String?]) -> CheckedRecord {
        var bytes = scratchBytes, spans = scratchSpans
        scratchBytes = []
        scratchSpans = []
        bytes.removeAll(keepingCapacity: true)
        for i in 0..<fields.count {
            if i < raw.count, let s = raw[i], !s.isEmpty {
                spans[2 * i] = bytes.count
                bytes.append(contentsOf: s.utf8)
                spans[2 * i + 1] = bytes.count
            } else {
                spans[2 * i] = -1
                spans[2 * i + 1] = -1
            }
        }
        let record = bytes.withUnsafeBufferPointer { b in
            spans.withUnsafeBufferPointer { check(bytes: b, spans: $0, raw: raw) }
        }
        scratchBytes = bytes
        scratchSpans = spans
        return record
    }

    /// Field `i`'s bytes in a record given as ``check(bytes:spans:raw:)`` takes it, or nil when
    /// its value is missing.
    @inline(__always) static func value(_ i: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ spans: UnsafeBufferPointer<Int>) -> UnsafeBufferPointer<UInt8>? {
        let lo = spans[2 * i], hi = spans[2 * i + 1]
        return lo >= 0 && hi > lo ? UnsafeBufferPointer(rebasing: bytes[lo..<hi]) : nil
    }

    /// Checks one record whose values are UTF-8 bytes in one buffer, as a CSV reader holds
    /// them: the same checks and counts as ``check(_:)``, without a `String` per value.
    ///
    /// - Parameters:
    ///   - bytes: The buffer holding the values.
    ///   - spans: Two numbers per field, in field order: where its value starts and ends in
    ///     `bytes`. A start below 0, or an empty range, means the value is missing.
    ///   - raw: The same values as strings, when the record may be stored: then ``CheckedRecord``
    ///     carries the typed values and the key. Without them (a row that is only counted),
    ///     `values` is empty and only a record that fails has its key.
    public mutating func check(bytes: UnsafeBufferPointer<UInt8>, spans: UnsafeBufferPointer<Int>, raw: [String?]?) -> CheckedRecord {
        plan.check(bytes: bytes, spans: spans, raw: raw, uniqueness: &uniqueness, counts: &counts)
    }

    /// Appends a record that passed to `rows`: its key and typed values, those the same record
    /// checked with its strings (`raw`) would carry.
    public func keep(bytes: UnsafeBufferPointer<UInt8>, spans: UnsafeBufferPointer<Int>, in rows: inout RowBuffer) {
        let keys = plan.keyFields
        if keys.isEmpty || keys.contains(where: { RecordChecker.value($0, bytes, spans) == nil }) {
            rows.appendNull()
        } else if keys.count == 1, plan.types[keys[0]] == .string, let b = RecordChecker.value(keys[0], bytes, spans) {
            rows.appendText(b)
        } else {
            rows.appendText(uniqueness.key(bytes, spans))
        }
        for (i, type) in plan.types.enumerated() {
            if let b = RecordChecker.value(i, bytes, spans) { rows.append(parsing: b, as: type) } else { rows.appendNull() }
        }
    }

    /// What ``check(chunk:spans:strings:)`` found in a chunk.
    public struct CheckedChunk: Sendable {
        /// The records that broke a rule, in order: their position in the chunk and their record.
        public var failed: [(index: Int, record: CheckedRecord)] = []
        /// With strings: every record's strings and record, in order (those that failed too).
        public var all: [(raw: [String?], record: CheckedRecord)] = []
    }

    /// Checks the records of one chunk as ``check(bytes:spans:raw:)`` checks each in turn —
    /// the same results and the same counts: ``evaluator`` evaluates them, then ``conclude(_:)``
    /// takes them in order.
    ///
    /// - Parameters:
    ///   - bytes: The buffer holding the values.
    ///   - spans: Each record's spans as ``check(bytes:spans:raw:)`` takes them (two numbers a
    ///     field), one record after another.
    ///   - strings: Whether each record is checked with its values as strings (`raw`); then
    ///     ``CheckedChunk/all`` has every record. Otherwise each is checked as a row that is
    ///     only counted, and only those that fail are returned.
    public mutating func check(chunk bytes: [UInt8], spans: [Int], strings: Bool) async -> CheckedChunk {
        conclude(await evaluator.evaluate(chunk: bytes, spans: spans, strings: strings))
    }

    /// What evaluates chunks for this checker: it reads only the compiled rules, never the
    /// checker's state, so a chunk can be evaluated while the one before is concluded.
    public var evaluator: ChunkEvaluator { ChunkEvaluator(plan: plan) }

    /// Evaluates chunks of records for a ``RecordChecker``: every rule but batch uniqueness.
    public struct ChunkEvaluator: Sendable {
        fileprivate let plan: Plan

        /// Evaluates a chunk (arguments as ``RecordChecker/check(chunk:spans:strings:)``) in
        /// four pieces run as tasks, so that every core takes part.
        public func evaluate(chunk bytes: [UInt8], spans: [Int], strings: Bool) async -> EvaluatedChunk {
            let plan = self.plan
            let width = 2 * plan.fields.count
            let rows = width == 0 ? 0 : spans.count / width
            // Each piece large enough that starting its task costs nothing beside its rows.
            let size = max(512, (rows + 3) / 4)
            let starts = Array(stride(from: 0, to: rows, by: size))
            var pieces = await withTaskGroup(of: Plan.Piece.self) { group in
                for start in starts.dropFirst() {
                    group.addTask { plan.evaluate(rows: start..<min(start + size, rows), bytes: bytes, spans: spans, strings: strings) }
                }
                var pieces = starts.prefix(1).map { plan.evaluate(rows: $0..<min($0 + size, rows), bytes: bytes, spans: spans, strings: strings) }
                for await piece in group { pieces.append(piece) }
                return pieces
            }
            pieces.sort { $0.rows.lowerBound < $1.rows.lowerBound }
            return EvaluatedChunk(bytes: bytes, spans: spans, strings: strings, pieces: pieces)
        }
    }

    /// A chunk evaluated by a ``ChunkEvaluator``, waiting for ``RecordChecker/conclude(_:)``.
    public struct EvaluatedChunk: Sendable {
        /// The chunk's values and spans, as given to ``ChunkEvaluator/evaluate(chunk:spans:strings:)``.
        public let bytes: [UInt8]
        public let spans: [Int]
        let strings: Bool
        fileprivate let pieces: [Plan.Piece]
    }

    /// Finishes the check of an evaluated chunk: batch uniqueness, inserting the rows'
    /// fingerprints in order (each row's table slots fetched 16 rows ahead), and the counts.
    /// Conclude chunks in the order of their records.
    public mutating func conclude(_ chunk: EvaluatedChunk) -> CheckedChunk {
        let width = 2 * plan.fields.count, strings = chunk.strings
        var out = CheckedChunk()
        if strings { out.all.reserveCapacity(chunk.pieces.reduce(0) { $0 + $1.rows.count }) }
        chunk.bytes.withUnsafeBufferPointer { b in
            chunk.spans.withUnsafeBufferPointer { all in
                for piece in chunk.pieces {
                    counts.add(piece.counts)
                    var duplicates = [UInt64](repeating: 0, count: piece.rows.count)
                    duplicates.withUnsafeMutableBufferPointer { d in
                        piece.fingerprints.withUnsafeBufferPointer { uniqueness.insert(records: $0, into: d) }
                    }
                    var f = 0
                    for (j, r) in piece.rows.enumerated() {
                        let s = UnsafeBufferPointer(rebasing: all[r * width..<(r + 1) * width])
                        if strings {
                            let raw = piece.raws[j]
                            out.all.append((raw, plan.conclude(piece.evaluations[j], duplicates: duplicates[j], bytes: b, spans: s, raw: raw, counts: &counts)))
                            continue
                        }
                        let duplicate = duplicates[j] & piece.applicable[j]
                        let ruleFailed = f < piece.failing.count && piece.failing[f] == r
                        guard ruleFailed || duplicate != 0 else {
                            counts.rows += 1
                            continue
                        }
                        let evaluation = ruleFailed ? piece.evaluations[f]
                            : Plan.Evaluation(values: [], failures: [], keyPresent: plan.keyPresent(s), applicable: piece.applicable[j])
                        if ruleFailed { f += 1 }
                        out.failed.append((r, plan.conclude(evaluation, duplicates: duplicate, bytes: b, spans: s, raw: nil, counts: &counts)))
                    }
                }
            }
        }
        return out
    }

    /// A record's values as strings: "" for an empty value, nil for a field without one
    /// (a start below 0).
    public static func strings(_ bytes: UnsafeBufferPointer<UInt8>, _ spans: UnsafeBufferPointer<Int>) -> [String?] {
        (0..<spans.count / 2).map { i in
            spans[2 * i] < 0 ? nil : String(decoding: UnsafeBufferPointer(rebasing: bytes[spans[2 * i]..<spans[2 * i + 1]]), as: UTF8.self)
        }
    }
}

extension RecordChecker {
    /// Evaluations and failures per dimension, by ``QualityDimension/ordinal``, and rows.
    fileprivate struct Counts: Sendable {
        var checked = InlineArray<7, Int>(repeating: 0)
        var failed = InlineArray<7, Int>(repeating: 0)
        var rows = 0, badRows = 0

        mutating func add(_ other: Counts) {
            for d in checked.indices {
                checked[d] += other.checked[d]
                failed[d] += other.failed[d]
            }
            rows += other.rows
            badRows += other.badRows
        }
    }

    /// The rules compiled for checking: field positions, operations, code lists and patterns.
    /// Built once and never changed; a class, so that checking a row borrows its tables
    /// instead of retaining and releasing each of them.
    fileprivate final class Plan: Sendable {
        let fields: [Field]
        let rules: [QualityRule]
        let skippedRules: [Int]
        let today: CalendarDate
        let todayNumber: Int

        enum Op: Sendable {
            case notNull, type
            case length(max: Int)
            case pattern(slot: Int)
            case codeList(slot: Int)
            case rangeNumber(min: Double, max: Double)
            case rangeDay(min: Int, max: Int)
            case residentID, creditCode, mobile, landline, phone
            case dateNotFuture
            case birthDateMatchesID(other: Int)
            case after(other: Int, daysOnly: Bool)
            case uniqueKey(slot: Int)
            case uniqueField(slot: Int)
        }

        struct Compiled: Sendable {
            var index: Int
            var kind: RuleKind
            var dimension: QualityDimension
            var field: Int
            var op: Op
        }

        let compiled: [Compiled]
        /// The batch `unique` rules among ``compiled``, evaluated after the others.
        let uniqueRules: [Compiled]
        /// The field of each batch `unique` rule, by slot; nil for the primary key.
        let uniqueSlots: [Int?]
        let types: [FieldType]
        let keyFields: [Int]
        let patterns: [Pattern]
        let codeLists: [CodeList]

        /// A pattern rule's expression, and its ICU-free form where it has the simple shape.
        final class Pattern: Sendable {
            let icu: NSRegularExpression
            let simple: SimplePattern?

            init(icu: NSRegularExpression, simple: SimplePattern?) {
                self.icu = icu
                self.simple = simple
            }
        }

        /// What checking a row learns about one of its fields (kept on the stack, per row).
        struct FieldState {
            var present = false
            var typed = false
            var scalars = ParsedScalars()
        }

        /// A date as the number `yyyymmdd`, how parsed dates are compared.
        private static func number(_ d: CalendarDate) -> Int { d.year * 10000 + d.month * 100 + d.day }

        init(fields: [Field], rules: [QualityRule], today: CalendarDate) {
            self.fields = fields
            self.today = today
            todayNumber = Self.number(today)
            types = fields.map(\.type)
            keyFields = fields.indices.filter { fields[$0].primaryKey }

            var effective: [QualityRule] = []
            var unique = Set<QualityRule>()
            for rule in rules where unique.insert(rule).inserted { effective.append(rule) }
            let typed = Set(effective.filter { $0.kind == .type }.compactMap(\.field))
            for field in fields where !typed.contains(field.code) {
                effective.append(QualityRule(kind: .type, field: field.code))
            }
            self.rules = effective

            var index: [String: Int] = [:]
            for (i, f) in fields.enumerated() where index[f.code] == nil { index[f.code] = i }
            var compiled: [Compiled] = [], skipped: [Int] = []
            var patterns: [Pattern] = [], codeLists: [CodeList] = []
            var uniqueSlots: [Int?] = []
            for (i, rule) in effective.enumerated() {
                let f = rule.field.flatMap { index[$0] }
                if rule.field != nil, f == nil {
                    skipped.append(i)
                    continue
                }
                let op: Op?
                switch rule.kind {
                case .notNull: op = .notNull
                case .type: op = .type
                case .length:
                    op = (rule.maxLength ?? f.flatMap { fields[$0].length }).map { Op.length(max: $0) }
                case .pattern:
                    if let p = rule.pattern, !p.isEmpty, let re = try? NSRegularExpression(pattern: "\\A(?:\(p))\\z") {
                        op = .pattern(slot: patterns.count)
                        patterns.append(Pattern(icu: re, simple: SimplePattern(p)))
                    } else {
                        op = nil
                    }
                case .codeList:
                    if let values = rule.values, !values.isEmpty {
                        op = .codeList(slot: codeLists.count)
                        codeLists.append(CodeList(values))
                    } else {
                        op = nil
                    }
                case .range:
                    switch f.map({ fields[$0].type }) {
                    case .date?, .datetime?:
                        let low = rule.minDate.flatMap(CalendarDate.init(iso:)), high = rule.maxDate.flatMap(CalendarDate.init(iso:))
                        op = low == nil && high == nil ? nil : .rangeDay(min: low.map(Self.number) ?? 0, max: high.map(Self.number) ?? 99_999_999)
                    case .integer?, .decimal?, .string?:
                        op = rule.min == nil && rule.max == nil ? nil
                            : .rangeNumber(min: rule.min ?? -.infinity, max: rule.max ?? .infinity)
                    default:
                        op = nil
                    }
                case .residentID: op = .residentID
                case .creditCode: op = .creditCode
                case .mobile: op = .mobile
                case .landline: op = .landline
                case .phone: op = .phone
                case .dateNotFuture: op = .dateNotFuture
                case .crossField:
                    let other = rule.otherField.flatMap { index[$0] }
                    switch (rule.check, other) {
                    case (.birthDateMatchesID?, let o?): op = .birthDateMatchesID(other: o)
                    case (.after?, let o?):
                        let daysOnly = f.map { fields[$0].type == .date } == true || fields[o].type == .date
                        op = .after(other: o, daysOnly: daysOnly)
                    default: op = nil
                    }
                case .unique:
                    // One bit per rule in BatchUniqueness's results: at most 64 of them.
                    if rule.scope == .stored || uniqueSlots.count == 64 {
                        op = nil
                    } else if let f {
                        op = .uniqueField(slot: uniqueSlots.count)
                        uniqueSlots.append(f)
                    } else if !keyFields.isEmpty {
                        op = .uniqueKey(slot: uniqueSlots.count)
                        uniqueSlots.append(nil)
                    } else {
                        op = nil
                    }
                case .reference, .timeliness:
                    op = nil
                }
                guard let op, rule.kind == .unique || f != nil else {
                    skipped.append(i)
                    continue
                }
                compiled.append(Compiled(index: i, kind: rule.kind, dimension: rule.dimension, field: f ?? -1, op: op))
            }
            self.compiled = compiled
            uniqueRules = compiled.filter {
                switch $0.op {
                case .uniqueKey, .uniqueField: true
                default: false
                }
            }
            self.skippedRules = skipped
            self.patterns = patterns
            self.codeLists = codeLists
            self.uniqueSlots = uniqueSlots
        }

        /// What the rules other than batch uniqueness found in one record: the first half of a
        /// check, which reads nothing but the plan and the record, so that records can be
        /// evaluated on several cores at once.
        struct Evaluation: Sendable {
            var values: [TypedValue?]
            var failures: [RuleFailure]
            /// Whether every primary-key value is present.
            var keyPresent: Bool
            /// The batch `unique` rules that apply to the record (their value is present), as bit `slot`.
            var applicable: UInt64
        }

        /// Rows of a chunk evaluated together (see ``RecordChecker/check(chunk:spans:strings:)``).
        struct Piece: Sendable {
            var rows: Range<Int>
            /// Each row's strings, when asked for.
            var raws: [[String?]]
            /// With strings, every row's evaluation; without, only those of the rows in ``failing``.
            var evaluations: [Evaluation]
            /// Without strings: the rows (by position in the chunk) that broke a rule other than
            /// batch uniqueness, in order.
            var failing: [Int]
            /// Each row's ``Evaluation/applicable``.
            var applicable: [UInt64]
            /// Each row's fingerprints for batch uniqueness, one per slot, row after row.
            var fingerprints: [UInt64]
            var counts: Counts
        }

        /// Checks one record, as ``RecordChecker/check(bytes:spans:raw:)``, with the checker's
        /// state passed in: the plan itself never changes, so its tables are read in place.
        func check(bytes: UnsafeBufferPointer<UInt8>, spans: UnsafeBufferPointer<Int>, raw: [String?]?,
                   uniqueness: inout BatchUniqueness, counts: inout Counts) -> CheckedRecord {
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: uniqueness.count) { fingerprints in
                // First, so that the key's place in the uniqueness table is fetched from memory
                // while the other rules run; the insert comes after them.
                uniqueness.fingerprints(bytes: bytes, spans: spans, into: fingerprints)
                let evaluation = evaluate(bytes: bytes, spans: spans, raw: raw, counts: &counts)
                let duplicates = uniqueRules.isEmpty ? 0 : uniqueness.insert(fingerprints)
                return conclude(evaluation, duplicates: duplicates, bytes: bytes, spans: spans, raw: raw, counts: &counts)
            }
        }

        /// Evaluates rows `rows` of a chunk whose spans are `2 × fields` a row: strings when
        /// asked for, the rules other than batch uniqueness, and the fingerprints batch
        /// uniqueness takes afterwards, with counts of the piece's own.
        func evaluate(rows: Range<Int>, bytes: [UInt8], spans: [Int], strings: Bool) -> Piece {
            let width = 2 * fields.count, slots = uniqueSlots.count
            var piece = Piece(rows: rows, raws: [], evaluations: [], failing: [], applicable: [], fingerprints: [UInt64](repeating: 0, count: rows.count * slots), counts: Counts())
            piece.applicable.reserveCapacity(rows.count)
            if strings {
                piece.raws.reserveCapacity(rows.count)
                piece.evaluations.reserveCapacity(rows.count)
            }
            bytes.withUnsafeBufferPointer { b in
                spans.withUnsafeBufferPointer { all in
                    piece.fingerprints.withUnsafeMutableBufferPointer { fingerprints in
                        for (j, r) in rows.enumerated() {
                            let s = UnsafeBufferPointer(rebasing: all[r * width..<(r + 1) * width])
                            BatchUniqueness.fingerprints(slots: uniqueSlots, keyFields: keyFields, types: types, bytes: b, spans: s,
                                                         into: UnsafeMutableBufferPointer(rebasing: fingerprints[j * slots..<(j + 1) * slots]))
                            let raw = strings ? RecordChecker.strings(b, s) : nil
                            let evaluation = evaluate(bytes: b, spans: s, raw: raw, counts: &piece.counts)
                            piece.applicable.append(evaluation.applicable)
                            if let raw {
                                piece.raws.append(raw)
                                piece.evaluations.append(evaluation)
                            } else if !evaluation.failures.isEmpty {
                                piece.failing.append(r)
                                piece.evaluations.append(evaluation)
                            }
                        }
                    }
                }
            }
            return piece
        }

        /// Field `i`'s value as text: for failures, keys and rows that are kept.
        private static func text(_ i: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ spans: UnsafeBufferPointer<Int>, _ raw: [String?]?) -> String {
            if let raw, i < raw.count, let s = raw[i] { return s }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[spans[2 * i]..<spans[2 * i + 1]]), as: UTF8.self)
        }

        /// The first half of a check: every rule but batch uniqueness.
        func evaluate(bytes: UnsafeBufferPointer<UInt8>, spans: UnsafeBufferPointer<Int>, raw: [String?]?, counts: inout Counts) -> Evaluation {
            let n = fields.count
            return withUnsafeTemporaryAllocation(of: FieldState.self, capacity: n) { state in
                state.initialize(repeating: FieldState())
                @inline(__always) func value(_ i: Int) -> UnsafeBufferPointer<UInt8> {
                    UnsafeBufferPointer(rebasing: bytes[spans[2 * i]..<spans[2 * i + 1]])
                }
                func text(_ i: Int) -> String { Self.text(i, bytes, spans, raw) }
                var values = raw == nil ? [] : [TypedValue?](repeating: nil, count: n)
                for i in 0..<n {
                    guard let b = RecordChecker.value(i, bytes, spans) else {
                        state[i].present = false
                        state[i].typed = false
                        continue
                    }
                    state[i].present = true
                    if raw != nil {
                        let v = ValueParsing.parse(text(i), types[i], &state[i].scalars)
                        state[i].typed = v != nil
                        values[i] = v
                    } else {
                        state[i].typed = ValueParsing.scan(b, types[i], &state[i].scalars)
                    }
                }

                var failures: [RuleFailure] = []
                for rule in compiled {
                    let f = rule.field
                    if case .notNull = rule.op {
                        counts.checked[rule.dimension.ordinal] += 1
                        if !state[f].present { failures.append(failure(rule, value: nil, notNullMessage)) }
                        continue
                    }
                    guard f >= 0, state[f].present else { continue }
                    let b = value(f)
                    var message: Localized?
                    switch rule.op {
                    case .notNull, .uniqueKey, .uniqueField:
                        continue
                    case .type:
                        if !state[f].typed { message = typeMessage(types[f]) }
                    case .length(let max):
                        // Bytes bound characters from above: only long texts need counting.
                        if b.count > max {
                            let characters = b.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
                            if characters > max {
                                message = Localized(zh: "超过 \(max) 个字符（实为 \(characters) 个）", en: "is longer than \(max) characters (\(characters))")
                            }
                        }
                    case .pattern(let slot):
                        let pattern = patterns[slot]
                        let matched = pattern.simple?.matches(b) ?? {
                            let s = text(f)
                            return pattern.icu.firstMatch(in: s, options: [], range: NSRange(location: 0, length: (s as NSString).length)) != nil
                        }()
                        if !matched {
                            message = Localized(zh: "不符合格式要求", en: "does not match the required pattern")
                        }
                    case .codeList(let slot):
                        if !codeLists[slot].contains(b) {
                            message = Localized(zh: "不在代码表中", en: "is not in the code list")
                        }
                    case .rangeNumber(let low, let high):
                        let number: Double?
                        switch types[f] {
                        case .integer, .decimal: number = state[f].typed ? state[f].scalars.number : nil
                        default: number = ValueParsing.decimal(b)
                        }
                        if let number {
                            if number < low || number > high { message = rangeMessage(low, high) }
                        } else if types[f] == .string {
                            message = Localized(zh: "不是数值", en: "is not a number")
                        } else {
                            continue
                        }
                    case .rangeDay(let low, let high):
                        guard state[f].typed else { continue }
                        let day = state[f].scalars.day
                        if day < low || day > high { message = dayRangeMessage(low, high) }
                    case .residentID:
                        if let e = FastIdentifiers.residentID(b, today: today, todayNumber: todayNumber) {
                            message = identifierMessage("公民身份号码无效", "invalid resident ID", e)
                        }
                    case .creditCode:
                        if let e = FastIdentifiers.creditCode(b) {
                            message = identifierMessage("统一社会信用代码无效", "invalid unified social credit code", e)
                        }
                    case .mobile:
                        if let e = FastIdentifiers.mobile(b) {
                            message = identifierMessage("手机号码无效", "invalid mobile number", e)
                        }
                    case .landline:
                        if let e = FastIdentifiers.landline(b) {
                            message = identifierMessage("固定电话号码无效", "invalid landline number", e)
                        }
                    case .phone:
                        if FastIdentifiers.mobile(b) != nil, FastIdentifiers.landline(b) != nil {
                            message = Localized(zh: "既不是手机号码也不是固定电话号码", en: "is neither a mobile nor a landline number")
                        }
                    case .dateNotFuture:
                        guard state[f].typed else { continue }
                        if state[f].scalars.day > todayNumber {
                            message = Localized(zh: "日期晚于今天（\(today)）", en: "is after today (\(today))")
                        }
                    case .birthDateMatchesID(let o):
                        guard state[f].typed, state[o].present, let born = FastIdentifiers.birthDay(inID: value(o)) else { continue }
                        if born != state[f].scalars.day {
                            let date = ValueParsing.dateText(born)
                            message = Localized(zh: "与“\(fields[o].code)”中的出生日期 \(date) 不一致",
                                                en: "differs from the birth date \(date) in “\(fields[o].code)”")
                        }
                    case .after(let o, let daysOnly):
                        guard state[f].typed, state[o].present, state[o].typed else { continue }
                        let earlier: Bool
                        switch types[f] {
                        case .integer, .decimal: earlier = state[f].scalars.number < state[o].scalars.number
                        default: earlier = daysOnly ? state[f].scalars.day < state[o].scalars.day : state[f].scalars.stamp < state[o].scalars.stamp
                        }
                        if earlier {
                            let other = text(o)
                            message = Localized(zh: "早于“\(fields[o].code)”（\(other)）", en: "is before “\(fields[o].code)” (\(other))")
                        }
                    }
                    counts.checked[rule.dimension.ordinal] += 1
                    if let message { failures.append(failure(rule, value: text(f), message)) }
                }

                let keyPresent = !keyFields.isEmpty && keyFields.allSatisfy { state[$0].present }
                var applicable: UInt64 = 0
                for rule in uniqueRules {
                    switch rule.op {
                    case .uniqueKey(let slot) where keyPresent, .uniqueField(let slot) where state[rule.field].present:
                        applicable |= 1 << UInt64(slot)
                        counts.checked[rule.dimension.ordinal] += 1
                    default:
                        continue
                    }
                }
                return Evaluation(values: values, failures: failures, keyPresent: keyPresent, applicable: applicable)
            }
        }

        /// Whether every primary-key value of the record is present.
        func keyPresent(_ spans: UnsafeBufferPointer<Int>) -> Bool {
            !keyFields.isEmpty && keyFields.allSatisfy { spans[2 * $0] >= 0 && spans[2 * $0 + 1] > spans[2 * $0] }
        }

        /// The second half of a check: batch uniqueness's verdict (`duplicates`, as
        /// ``BatchUniqueness/insert(_:)`` gives it), the key, and the record counted.
        func conclude(_ evaluation: Evaluation, duplicates: UInt64, bytes: UnsafeBufferPointer<UInt8>, spans: UnsafeBufferPointer<Int>,
                      raw: [String?]?, counts: inout Counts) -> CheckedRecord {
            var failures = evaluation.failures
            /// The primary-key values' canonical text, joined by U+001F.
            func keyText() -> String {
                guard raw != nil else { return BatchUniqueness.key(keyFields: keyFields, types: types, bytes, spans) }
                return keyFields.map { k in
                    if let v = evaluation.values[k] {
                        if case .text(let s) = v { return s }
                        return v.description
                    }
                    return Self.text(k, bytes, spans, raw)
                }.joined(separator: "\u{1F}")
            }
            if evaluation.applicable != 0 {
                let before = failures.count
                for rule in uniqueRules {
                    let slot: Int
                    switch rule.op {
                    case .uniqueKey(let s), .uniqueField(let s): slot = s
                    default: continue
                    }
                    // Counted as checked by `evaluate`.
                    guard evaluation.applicable & duplicates & (1 << UInt64(slot)) != 0 else { continue }
                    let value = rule.field >= 0 ? Self.text(rule.field, bytes, spans, raw) : keyText().replacingOccurrences(of: "\u{1F}", with: ",")
                    failures.append(failure(rule, value: value, duplicateMessage))
                }
                // Failures are listed in rule order.
                if before > 0, failures.count > before { failures.sort { $0.ruleIndex < $1.ruleIndex } }
            }

            let key = evaluation.keyPresent && (raw != nil || !failures.isEmpty) ? keyText() : nil
            counts.rows += 1
            if !failures.isEmpty {
                counts.badRows += 1
                for failure in failures { counts.failed[failure.dimension.ordinal] += 1 }
            }
            return CheckedRecord(values: evaluation.values, failures: failures, key: key)
        }

        // MARK: - Helpers (failure path only)

        private func failure(_ rule: Compiled, value: String?, _ message: Localized) -> RuleFailure {
            RuleFailure(ruleIndex: rule.index, kind: rule.kind, dimension: rule.dimension,
                        field: rule.field >= 0 ? fields[rule.field].code : nil, value: value, message: message)
        }

        private var notNullMessage: Localized { Localized(zh: "必须填写", en: "is required") }

        private var duplicateMessage: Localized {
            Localized(zh: "在本批次中重复出现（同一取值的第一行不计）", en: "repeats a value seen earlier in this batch")
        }

        private func typeMessage(_ type: FieldType) -> Localized {
            let hint: (zh: String, en: String)
            switch type {
            case .string: hint = ("字符型", "a string")
            case .integer: hint = ("整数", "a whole number")
            case .decimal: hint = ("数值", "a number")
            case .date: hint = ("日期（如 2024-01-31、2024/1/31、20240131、2024年1月31日）", "a date (e.g. 2024-01-31, 2024/1/31, 20240131)")
            case .datetime: hint = ("日期时间（如 2024-01-31 08:30:00）", "a date-time (e.g. 2024-01-31 08:30:00)")
            case .boolean: hint = ("是/否", "yes/no (是/否, true/false, 1/0, Y/N)")
            }
            return Localized(zh: "不是有效的\(hint.zh)", en: "is not \(hint.en)")
        }

        private func rangeMessage(_ low: Double, _ high: Double) -> Localized {
            switch (low.isFinite, high.isFinite) {
            case (true, true):
                let a = ValueParsing.format(low), b = ValueParsing.format(high)
                return Localized(zh: "应在 \(a) 至 \(b) 之间", en: "must be between \(a) and \(b)")
            case (true, false):
                let a = ValueParsing.format(low)
                return Localized(zh: "应不小于 \(a)", en: "must be at least \(a)")
            default:
                let b = ValueParsing.format(high)
                return Localized(zh: "应不大于 \(b)", en: "must be at most \(b)")
            }
        }

        private func dayRangeMessage(_ low: Int, _ high: Int) -> Localized {
            let a = ValueParsing.dateText(Swift.max(low, 101)), b = ValueParsing.dateText(Swift.min(high, 99_991_231))
            return Localized(zh: "日期应在 \(a) 至 \(b) 之间", en: "date must be between \(a) and \(b)")
        }

        private func identifierMessage(_ zh: String, _ en: String, _ error: IdentifierError) -> Localized {
            Localized(zh: "\(zh)：\(error.message.zh)", en: "\(en): \(error.message.en)")
        }
    }

}
