import Foundation
import ShuhuiCore
import ShuhuiSpreadsheet
import SQLKit

/// One batch in flight, inside its transaction: parser state, the rule checker, rows waiting
/// to be written, and the running counts.
struct IngestSession {
    let conn: DriverConnection
    let db: any SQLDatabase
    let resource: Resource
    let options: IngestOptions
    let dialect: SQLDialectKind
    let table: String
    let fields: [Field]
    let fieldIndex: [String: Int]
    let batchID: Int64
    let started: Date
    let hasKey: Bool
    /// Reference rules, resolved to the referenced table and column.
    let references: [(rule: QualityRule, field: Int, table: String, column: String)]
    var checker: RecordChecker
    /// The parser, boxed so that it can parse the next chunk in a task of its own while the
    /// chunks before it are checked; only one task touches it at a time.
    let parser: ParserBox
    /// The last chunk's records, parsed and not yet checked.
    var parsedAhead: Parsed?
    /// CSV column → field index, from the header row.
    var columnMap: [Int]?
    var bytes = 0
    var rowsTotal = 0, rowsStored = 0, problemRows = 0
    var extra: [QualityDimension: DimensionTally] = [:]
    var pending: [Pending] = []
    var problems: [ProblemRow] = []
    /// The previous chunk's writes, still running while the next chunk is read and checked.
    var inflight: Task<Void, any Error>?
    var malformed: [FieldIssue] = []
    /// Whether rows that pass are kept until the flush: when they are written, or when the
    /// flush still checks them against stored keys or referenced resources. A dry run into
    /// an empty table only counts them, and never builds their strings.
    var keepRows = true
    /// Rows that passed and were only counted, not kept, since the last flush.
    var passedUnkept = 0
    /// Rows checked since the last flush.
    var sinceFlush = 0
    /// Whether CSV rows that pass go straight from the chunk's bytes to `kept`: when they are
    /// written and the flush needs neither their strings nor their keys (no reference rules,
    /// no stored keys to compare).
    var keepFromBytes = false
    /// Rows kept from CSV bytes since the last flush.
    var kept: RowBuffer
    /// Whether CSV rows are checked with their strings: when rows are kept but not from bytes.
    var withStrings: Bool { keepRows && !keepFromBytes }
    /// The last CSV chunk taken, its rules being evaluated in a task while the next chunk is
    /// parsed and taken; concluded in order.
    var evaluating: Evaluating?
    /// Whether batch uniqueness was sized for the body (from its first rows).
    var sized = false

    struct Evaluating {
        var task: Task<RecordChecker.EvaluatedChunk, Never>
        /// The line each of the chunk's rows starts on.
        var lines: [Int]
    }

    /// The parser's home: handed to one parsing task at a time, and read by the session only
    /// after awaiting that task.
    final class ParserBox: @unchecked Sendable {
        var csv: CSVStreamParser?
        var jsonl: JSONLinesStreamParser?
        var json: JSONArrayStreamParser?
        /// Once the header is read: its column → field map and the number of fields, so that
        /// a parsing task also locates its rows' values (``Located``), off the checking task.
        var columns: (map: [Int], fields: Int)?

        init(_ format: IngestFormat, charset: StreamCharset?) {
            switch format {
            case .csv: csv = CSVStreamParser(charset: charset)
            case .jsonl: jsonl = JSONLinesStreamParser()
            case .json: json = JSONArrayStreamParser()
            }
        }

        // Optional chaining mutates each parser in place (no copy of its buffers).
        func feed(_ chunk: Data) throws -> Parsed {
            if let cells = try csv?.feedCells(chunk) { return .cells(cells, located(cells)) }
            if let objects = try jsonl?.feed(chunk) { return .objects(objects) }
            return .objects(try json?.feed(chunk) ?? [])
        }

        func finish() throws -> Parsed {
            if let cells = try csv?.finishCells() { return .cells(cells, located(cells)) }
            if let objects = try jsonl?.finish() { return .objects(objects) }
            return .objects(try json?.finish() ?? [])
        }

        private func located(_ cells: CellBatch) -> Located? {
            columns.map { Located(cells, from: 0, columns: $0.map, fields: $0.fields) }
        }
    }

    /// A CSV chunk's rows as the checker takes them: where each field's value starts and ends
    /// in the chunk's bytes (-1 for a field without a column), two numbers a field, row after
    /// row. A row with the wrong number of cells is left out and listed.
    struct Located: Sendable {
        var spans: [Int]
        /// The line each located row starts on.
        var lines: [Int] = []
        /// The rows with the wrong number of cells: their line and how many they have.
        var misshapen: [(line: Int, cells: Int)] = []

        init(_ batch: CellBatch, from first: Int, columns map: [Int], fields: Int) {
            let width = 2 * fields
            spans = [Int](repeating: -1, count: (batch.count - first) * width)
            lines.reserveCapacity(batch.count - first)
            for r in first..<batch.count {
                let cells = batch.cells(ofRow: r)
                guard cells.count == map.count else {
                    misshapen.append((batch.lines[r], cells.count))
                    continue
                }
                let base = lines.count * width
                for (c, i) in map.enumerated() where i >= 0 {
                    let range = batch.cell(cells.lowerBound + c)
                    spans[base + 2 * i] = range.lowerBound
                    spans[base + 2 * i + 1] = range.upperBound
                }
                lines.append(batch.lines[r])
            }
            spans.removeSubrange((lines.count * width)...)
        }
    }

    struct Pending {
        var line: Int
        var raw: [String?]
        var record: CheckedRecord
    }

    /// A row that broke rules, with every failure; written to problem data one record per failure.
    struct ProblemRow: Sendable {
        var line: Int
        var key: String?
        var raw: [String?]
        var failures: [Failure]
    }

    struct Failure: Sendable {
        var field: String?
        var rule: String
        var dimension: QualityDimension
        var value: String?
        var message: Localized
    }

    /// Rows checked before they are handed to a write: large enough that the write runs long
    /// beside the checking of the next rows, small enough to keep memory flat.
    static let flushRows = 4000

    /// Whether stored rows can clash with this batch's keys (not when the table started empty).
    var storedKeysPossible = true
    /// Whether earlier batches left open problems that good rows may close.
    var openProblemsPossible = true
    /// Whether the key index was dropped for this batch and is built when it finishes.
    var deferKeyIndex = false

    init(conn: DriverConnection, resource: Resource, options: IngestOptions, actor: Principal, dialect: SQLDialectKind, started: Date) async throws {
        self.conn = conn
        let db = conn.sql
        self.db = db
        self.resource = resource
        self.options = options
        self.dialect = dialect
        self.started = started
        table = DataTable.name(resource.id)
        fields = resource.draft.fields
        var index: [String: Int] = [:]
        for (i, f) in fields.enumerated() {
            index[f.code] = i
            index[f.name] = index[f.name] ?? i
        }
        fieldIndex = index
        hasKey = fields.contains(where: \.primaryKey)
        let rules = QualityRule.implicitRules(for: fields) + resource.draft.rules
        checker = RecordChecker(fields: fields, rules: rules, today: CalendarDate.today())
        var refs: [(QualityRule, Int, String, String)] = []
        for rule in resource.draft.rules where rule.kind == .reference {
            guard let f = rule.field, let fi = fields.firstIndex(where: { $0.code == f }), let code = rule.referenceResource,
                let row = try await db.raw("SELECT id FROM resources WHERE code = \(bind: ResourceCode.normalize(code) ?? code)").first()
            else { continue }
            let target = DataTable.name(try row.decode(column: "id", as: Int64.self))
            guard try await DataTable.columns(db, target, dialect) != nil else { continue }
            refs.append((rule, fi, target, DataTable.column(rule.referenceField ?? f)))
        }
        references = refs.map { (rule: $0.0, field: $0.1, table: $0.2, column: $0.3) }
        parser = ParserBox(options.format, charset: options.charset)
        kept = RowBuffer(fields: fields.count, rows: Self.flushRows)
        try await DataTable.ensure(db, resource, dialect)
        if dialect == .postgres {
            // Batches on one resource commit one after another, in the order of their ids, so
            // a push watermark on (batch, row) never skips a batch that commits late. SQLite
            // has a single writer and gets this order for free.
            try await db.raw("SELECT id FROM resources WHERE id = \(bind: resource.id) FOR UPDATE").run()
        }
        let row = try await db.raw("""
            INSERT INTO batches (resource_id, organization_id, idempotency_key, mode, format, status, actor_name, started_at)
            VALUES (\(bind: resource.id), \(bind: resource.draft.providerID), \(bind: options.idempotencyKey), \(bind: options.mode.rawValue),
                    \(bind: options.format.rawValue), 'running', \(bind: actor.displayName), \(bind: Clock.millis(started)))
            RETURNING id
            """).first()
        batchID = try row.orThrow(.notFound("batch")).decode(column: "id", as: Int64.self)
        if options.mode == .replace {
            try await db.raw("DELETE FROM \(unsafeRaw: table)").run()
            storedKeysPossible = false
        } else {
            storedKeysPossible = try await DataTable.hasRows(db, table)
        }
        openProblemsPossible = try await db.raw("SELECT 1 AS one FROM problem_records WHERE resource_id = \(bind: resource.id) AND status = 'open' LIMIT 1").first() != nil
        // Loading into an empty table, the key index is built once at the end (sorting the keys)
        // instead of being updated row by row at random places: bench/ingest measured the
        // row-by-row index at more than the rest of the insert. The batch's own keys are already
        // unique (the checker's batch uniqueness rule), and building the index would refuse the
        // batch otherwise. Not for upserts, which need the index for ON CONFLICT; and on
        // PostgreSQL not when replacing, where dropping the index would block readers of the
        // old rows until the batch commits.
        deferKeyIndex = hasKey && !options.dryRun && !storedKeysPossible && options.mode != .upsert
            && (dialect == .sqlite || options.mode == .append)
        if deferKeyIndex {
            try await DataTable.dropKeyIndex(db, table)
            try await appendOnlyCache(true)
        }
        let flushNeedsRows = !references.isEmpty || (hasKey && options.mode == .append && storedKeysPossible)
        keepRows = !options.dryRun || flushNeedsRows
        keepFromBytes = !options.dryRun && !flushNeedsRows
    }

    // MARK: - Reading

    /// Parses `chunk` in a task of its own while the previous chunk's records are taken here
    /// (their rules evaluated in a task, the chunk before them concluded), so that every core
    /// keeps busy. Errors come in the order of the body: the previous chunk's rows are located
    /// (their cells counted) before this chunk's parse error is told.
    mutating func feed(_ chunk: Data) async throws {
        bytes += chunk.count
        let parser = self.parser
        if parser.columns == nil, let map = columnMap { parser.columns = (map, fields.count) }
        let parsing = Task { try parser.feed(chunk) }
        if let ready = parsedAhead {
            parsedAhead = nil
            do {
                try await take(ready)
            } catch {
                _ = try? await parsing.value
                throw error
            }
        }
        parsedAhead = try await parsed(parsing)
        options.onProgress?(rowsTotal, bytes)
    }

    private func parsed(_ parsing: Task<Parsed, any Error>) async throws -> Parsed {
        do {
            return try await parsing.value
        } catch let e as SpreadsheetError {
            throw IngestError.malformed(malformed + [FieldIssue(sheet: options.format.rawValue, row: e.line ?? 0, column: nil, code: "unreadable",
                message: Localized(zh: e.message.zh, en: e.message.en))])
        } catch let e as JSONStreamError {
            throw IngestError.malformed(malformed + [FieldIssue(sheet: options.format.rawValue, row: e.line ?? 0, column: e.key, code: "unreadable",
                message: Localized(zh: e.message.zh, en: e.message.en))])
        }
    }

    enum Parsed: Sendable {
        /// Records, and where their values are when the header was known before they were parsed.
        case cells(CellBatch, Located?)
        case objects([StreamObject])
    }

    private mutating func take(_ parsed: Parsed) async throws {
        switch parsed {
        case .cells(let batch, let located):
            try await acceptCSV(batch, located)
        case .objects(let objects):
            for object in objects { acceptObject(object) }
        }
        if malformed.count >= 50 { throw IngestError.malformed(malformed) }
        if sinceFlush >= Self.flushRows { try await flush() }
    }

    /// Takes CSV records: the first is the header; each value is checked from the batch's
    /// bytes, and strings are built only for rows that are kept or fail. The chunk's rules are
    /// evaluated in a task of their own while the chunk before is concluded here (batch
    /// uniqueness, in order), so that this sequential part keeps no core waiting.
    private mutating func acceptCSV(_ batch: CellBatch, _ located: Located?) async throws {
        var first = 0
        if columnMap == nil, batch.count > 0 {
            try acceptHeader(batch.cells(ofRow: 0).map(batch.text), line: batch.lines[0])
            first = 1
        }
        guard let map = columnMap, first < batch.count else { return }
        if !sized, let expected = options.expectedBytes {
            // Bytes a row takes: the batch's bytes are the text its rows were read from.
            let perRow = Double(batch.bytes.count) / Double(batch.count)
            checker.reserve(rows: Int(Double(expected) / perRow))
        }
        sized = true
        let located = located ?? Located(batch, from: first, columns: map, fields: fields.count)
        for (line, found) in located.misshapen {
            malformed.append(issue(line, nil, "column_count",
                Localized(zh: "应有 \(map.count) 列，实有 \(found) 列", en: "expected \(map.count) columns, found \(found)")))
        }
        let evaluator = checker.evaluator, bytes = batch.bytes, spans = located.spans, strings = withStrings
        let next = Evaluating(task: Task { await evaluator.evaluate(chunk: bytes, spans: spans, strings: strings) }, lines: located.lines)
        await concludeEvaluated()
        evaluating = next
    }

    /// Concludes the chunk being evaluated, if any: batch uniqueness and the counts, then each
    /// row kept, counted or sent to problem data.
    private mutating func concludeEvaluated() async {
        guard let chunk = evaluating else { return }
        evaluating = nil
        let evaluated = await chunk.task.value
        let checked = checker.conclude(evaluated)
        let lines = chunk.lines, width = 2 * fields.count
        rowsTotal += lines.count
        sinceFlush += lines.count
        if withStrings {
            for (j, row) in checked.all.enumerated() { settle(line: lines[j], raw: row.raw, record: row.record) }
            return
        }
        evaluated.bytes.withUnsafeBufferPointer { b in
            evaluated.spans.withUnsafeBufferPointer { all in
                func row(_ j: Int) -> UnsafeBufferPointer<Int> { UnsafeBufferPointer(rebasing: all[j * width..<(j + 1) * width]) }
                // Rows that passed are kept (or, in a dry run, counted) between the ones that failed.
                var next = 0
                func pass(upTo end: Int) {
                    if keepFromBytes {
                        for j in next..<end { checker.keep(bytes: b, spans: row(j), in: &kept) }
                    } else {
                        passedUnkept += end - next
                    }
                }
                for (j, record) in checked.failed {
                    pass(upTo: j)
                    // A dry run stores no problem data: a failing row is only counted, its strings never built.
                    settle(line: lines[j], raw: options.dryRun ? [] : RecordChecker.strings(b, row(j)), record: record)
                    next = j + 1
                }
                pass(upTo: lines.count)
            }
        }
    }

    private mutating func acceptHeader(_ names: [String], line: Int) throws {
        var map: [Int] = []
        var seen = Set<Int>()
        for cell in names {
            let name = cell.trimmingCharacters(in: .whitespaces)
            guard let i = fieldIndex[name] else {
                malformed.append(issue(line, name, "unknown_column", Localized(zh: "列“\(name)”不是该资源的信息项", en: "column “\(name)” is not an item of this resource")))
                map.append(-1)
                continue
            }
            if !seen.insert(i).inserted {
                malformed.append(issue(line, name, "duplicate_column", Localized(zh: "列“\(name)”重复", en: "column “\(name)” appears twice")))
            }
            map.append(i)
        }
        for (i, f) in fields.enumerated() where f.primaryKey && !seen.contains(i) {
            malformed.append(issue(line, f.name, "missing_key_column", Localized(zh: "缺少主键列“\(f.name)”（\(f.code)）", en: "key column “\(f.code)” is missing")))
        }
        columnMap = map
        if !malformed.isEmpty { throw IngestError.malformed(malformed) }
    }

    private mutating func acceptObject(_ object: StreamObject) {
        var raw = [String?](repeating: nil, count: fields.count)
        for (key, value) in object.fields {
            guard let i = fieldIndex[key] else {
                malformed.append(issue(object.line, key, "unknown_field", Localized(zh: "“\(key)”不是该资源的信息项", en: "“\(key)” is not an item of this resource")))
                continue
            }
            raw[i] = value
        }
        accept(line: object.line, raw: raw)
    }

    private func issue(_ line: Int, _ column: String?, _ code: String, _ message: Localized) -> FieldIssue {
        FieldIssue(sheet: options.format.rawValue, row: line, column: column, code: code, message: message)
    }

    private mutating func accept(line: Int, raw: [String?]) {
        rowsTotal += 1
        sinceFlush += 1
        settle(line: line, raw: raw, record: checker.check(raw))
    }

    /// Keeps or counts a record that passed, or sends one that failed to problem data.
    private mutating func settle(line: Int, raw: [String?], record: CheckedRecord) {
        if record.failures.isEmpty {
            if keepRows {
                pending.append(Pending(line: line, raw: raw, record: record))
            } else {
                passedUnkept += 1
            }
        } else {
            reject(line: line, raw: raw, key: record.key, failures: record.failures.map {
                Failure(field: $0.field, rule: $0.kind.rawValue, dimension: $0.dimension, value: $0.value, message: $0.message)
            })
        }
    }

    private mutating func reject(line: Int, raw: [String?], key: String?, failures: [Failure]) {
        problemRows += 1
        guard !options.dryRun else { return }
        problems.append(ProblemRow(line: line, key: key, raw: raw, failures: failures))
    }

    // MARK: - Writing

    /// Checks what needs the database (stored keys, references), then hands the chunk's rows
    /// and problems to a write that runs while the next chunk is parsed and checked. Only one
    /// write is in flight: the next flush, and every other statement, waits for it first.
    mutating func flush() async throws {
        try await drain()
        var rows = pending
        pending = []
        sinceFlush = 0
        if !rows.isEmpty {
            var failed: [Int: [Failure]] = [:]
            for ref in references {
                let values = Set(rows.compactMap { $0.raw[ref.field] }.filter { !$0.isEmpty })
                var found = Set<String>()
                if !values.isEmpty {
                    let binds = values.map { $0 as any Encodable & Sendable }
                    for r in try await db.raw("SELECT DISTINCT CAST(\(unsafeRaw: ref.column) AS TEXT) AS v FROM \(unsafeRaw: ref.table) WHERE CAST(\(unsafeRaw: ref.column) AS TEXT) IN (\(binds: binds))").all() {
                        found.insert(try r.decode(column: "v", as: String.self))
                    }
                }
                var tally = extra[ref.rule.dimension] ?? DimensionTally(checked: 0, failed: 0)
                for (i, row) in rows.enumerated() {
                    guard let v = row.raw[ref.field], !v.isEmpty else { continue }
                    tally.checked += 1
                    if !found.contains(v) {
                        tally.failed += 1
                        failed[i, default: []].append(Failure(field: fields[ref.field].code, rule: "reference", dimension: ref.rule.dimension, value: v,
                            message: Localized(zh: "在资源 \(ref.rule.referenceResource ?? "") 中不存在", en: "does not exist in resource \(ref.rule.referenceResource ?? "")")))
                    }
                }
                extra[ref.rule.dimension] = tally
            }
            if hasKey && options.mode == .append && storedKeysPossible {
                let keys = rows.compactMap(\.record.key)
                var stored = Set<String>()
                if !keys.isEmpty {
                    for r in try await db.raw("SELECT _key FROM \(unsafeRaw: table) WHERE _key IN (\(binds: keys.map { $0 as any Encodable & Sendable }))").all() {
                        stored.insert(try r.decode(column: "_key", as: String.self))
                    }
                }
                var tally = extra[.uniqueness] ?? DimensionTally(checked: 0, failed: 0)
                for (i, row) in rows.enumerated() {
                    guard let key = row.record.key else { continue }
                    tally.checked += 1
                    if stored.contains(key) {
                        tally.failed += 1
                        failed[i, default: []].append(Failure(field: nil, rule: "unique", dimension: .uniqueness, value: key.replacingOccurrences(of: "\u{1F}", with: ","),
                            message: Localized(zh: "主键已存在（追加模式不覆盖已有记录；要更新请用 upsert）", en: "key already stored (append does not overwrite; use upsert)")))
                    }
                }
                extra[.uniqueness] = tally
            }
            if !failed.isEmpty {
                for (i, failures) in failed.sorted(by: { $0.key < $1.key }) {
                    reject(line: rows[i].line, raw: rows[i].raw, key: rows[i].record.key, failures: failures)
                }
                rows = rows.enumerated().filter { failed[$0.offset] == nil }.map(\.element)
            }
        }
        var stored = kept
        kept = RowBuffer(fields: fields.count, rows: Self.flushRows)
        for row in rows { stored.append(key: row.record.key, values: row.record.values) }
        rowsStored += stored.count + passedUnkept
        passedUnkept = 0
        let problems = self.problems
        self.problems = []
        // A dry run checks everything above and stores nothing.
        guard !options.dryRun, !stored.isEmpty || !problems.isEmpty else { return }
        let write = ChunkWrite(
            conn: conn, table: table, fields: fields, rows: stored, problems: problems, batchID: batchID, resourceID: resource.id,
            organizationID: resource.draft.providerID, upsert: hasKey && options.mode == .upsert, closeOpenProblems: openProblemsPossible)
        inflight = Task { try await write.run() }
    }

    /// Waits for the write in flight, if any, and passes on its error.
    mutating func drain() async throws {
        guard let write = inflight else { return }
        inflight = nil
        try await write.value
    }

    /// Waits for the write in flight and ignores its outcome: called before an abandoned batch
    /// rolls back, so that no statement of it can run after the rollback.
    mutating func abandon() async {
        try? await drain()
        try? await appendOnlyCache(false)
    }

    /// While this batch only appends to a table without its key index, the SQLite writer's page
    /// cache is kept small: a large batch's memory stays flat. Restored before the index is
    /// built, whose sort works within the same budget.
    private func appendOnlyCache(_ on: Bool) async throws {
        guard deferKeyIndex, case .sqlite = conn else { return }
        try await db.raw("PRAGMA cache_size=-\(unsafeRaw: String(on ? SQLitePool.appendPageCacheKiB : SQLitePool.pageCacheKiB))").run()
    }

    mutating func finish() async throws -> BatchReport {
        if let ready = parsedAhead {
            parsedAhead = nil
            try await take(ready)
        }
        let parser = self.parser
        try await take(try await parsed(Task { try parser.finish() }))
        await concludeEvaluated()
        if !malformed.isEmpty { throw IngestError.malformed(malformed) }
        try await flush()
        try await drain()
        // Every row is checked: the key tables go before the key index is sorted, so that the
        // two never take memory at once.
        checker.forgetValues()
        try await appendOnlyCache(false)
        if deferKeyIndex { try await DataTable.createKeyIndex(db, table) }
        var dimensions: [QualityDimension: DimensionTally] = extra
        for d in QualityDimension.allCases {
            let checked = checker.tally.checked[d, default: 0], failedCount = checker.tally.failed[d, default: 0]
            if checked > 0 || dimensions[d] != nil {
                var t = dimensions[d] ?? DimensionTally(checked: 0, failed: 0)
                t.checked += checked
                t.failed += failedCount
                dimensions[d] = t
            }
        }
        let finished = Date()
        try await db.raw("""
            UPDATE batches SET status = 'committed', rows_total = \(bind: rowsTotal), rows_stored = \(bind: rowsStored), problem_rows = \(bind: problemRows),
                bytes = \(bind: bytes), tally = \(bind: try JSONText.encode(dimensions)), finished_at = \(bind: Clock.millis(finished))
            WHERE id = \(bind: batchID)
            """).run()
        let day = Counters.day(finished)
        try await db.raw("""
            INSERT INTO collection_daily (resource_id, organization_id, day, rows_collected, batches, bytes, problem_rows)
            VALUES (\(bind: resource.id), \(bind: resource.draft.providerID), \(bind: day), \(bind: rowsStored), 1, \(bind: bytes), \(bind: problemRows))
            ON CONFLICT (resource_id, day) DO UPDATE SET rows_collected = collection_daily.rows_collected + excluded.rows_collected,
                batches = collection_daily.batches + 1, bytes = collection_daily.bytes + excluded.bytes,
                problem_rows = collection_daily.problem_rows + excluded.problem_rows
            """).run()
        for (dimension, t) in dimensions {
            try await db.raw("""
                INSERT INTO quality_daily (resource_id, organization_id, day, dimension, checked, failed)
                VALUES (\(bind: resource.id), \(bind: resource.draft.providerID), \(bind: day), \(bind: dimension.rawValue), \(bind: t.checked), \(bind: t.failed))
                ON CONFLICT (resource_id, day, dimension) DO UPDATE SET checked = quality_daily.checked + excluded.checked,
                    failed = quality_daily.failed + excluded.failed
                """).run()
        }
        return BatchReport(
            id: batchID, resourceCode: resource.code, organizationID: resource.draft.providerID, status: "committed", mode: options.mode,
            format: options.format, rowsTotal: rowsTotal, rowsStored: rowsStored, problemRows: problemRows, bytes: bytes,
            dimensions: dimensions, actorName: "", startedAt: started, finishedAt: finished, replayed: false, error: nil)
    }
}

/// Calendar days as the bureau counts them (Beijing time).
enum Counters {
    static func day(_ date: Date) -> String {
        CalendarDate(beijing: date).description
    }
}
