import Foundation
import ShuhuiCore
import ShuhuiSpreadsheet
import SQLKit

extension Store {
    /// Ingests one batch into a resource: parses the chunks as they arrive (the body is never
    /// held whole), checks every row against the resource's rules, stores the good rows and
    /// hands the bad ones to problem data — all in one transaction, so a batch commits whole
    /// or not at all. Structural faults (charset, quoting, column count, unknown columns)
    /// reject the batch with located issues; rule failures do not.
    public func ingest<Chunks: AsyncSequence & Sendable>(
        code: String, chunks: Chunks, options: IngestOptions, by actor: Principal
    ) async throws -> BatchReport where Chunks.Element == Data {
        let resource = try await resource(code: code)
        guard resource.status == .active else { throw StoreError.notFound("resource \(code)") }
        try AccessPolicy.canEdit(ownedBy: resource.draft.providerID, actor)
        if let key = options.idempotencyKey, let earlier = try await batch(resourceID: resource.id, idempotencyKey: key) {
            var replay = earlier
            replay.replayed = true
            return replay
        }
        let dialect = database.dialect
        let started = Date()
        do {
            return try await database.transaction(driver: { conn in
                var session = try await IngestSession(conn: conn, resource: resource, options: options, actor: actor, dialect: dialect, started: started)
                let report: BatchReport
                do {
                    for try await chunk in chunks { try await session.feed(chunk) }
                    report = try await session.finish()
                } catch {
                    // No write of this batch may still be running when the transaction rolls back.
                    await session.abandon()
                    throw error
                }
                if options.dryRun { throw DryRunFinished(report: report) }
                return report
            })
        } catch let done as DryRunFinished {
            var report = done.report
            report.status = "checked"
            report.id = 0
            return report
        } catch let IngestError.malformed(issues) {
            if options.dryRun { throw IngestError.malformed(issues) }
            try await recordRejected(resource, options: options, actor: actor, started: started, issues: issues)
            throw IngestError.malformed(issues)
        } catch where ConstraintErrors.isUniqueViolation(error) {
            // Another batch with the same idempotency key or the same record keys committed
            // first; this one rolled back whole and can be retried.
            if let key = options.idempotencyKey, let earlier = try await batch(resourceID: resource.id, idempotencyKey: key) {
                var replay = earlier
                replay.replayed = true
                return replay
            }
            throw StoreError.duplicate(field: "batch", value: "a concurrent batch stored the same keys; retry / 并发批次已写入相同主键，请重试")
        }
    }

    /// A batch by its idempotency key.
    func batch(resourceID: Int64, idempotencyKey: String) async throws -> BatchReport? {
        try await database.read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.batchColumns) FROM batches b JOIN resources r ON r.id = b.resource_id WHERE b.resource_id = \(bind: resourceID) AND b.idempotency_key = \(bind: idempotencyKey)")
                .first().map(Self.batchReport)
        }
    }

    /// Keeps a rejected batch in the history (outside the rolled-back transaction).
    private func recordRejected(_ resource: Resource, options: IngestOptions, actor: Principal, started: Date, issues: [FieldIssue]) async throws {
        let summary = issues.prefix(5).map { i in
            "\(i.row.map { "row \($0)" } ?? "")\(i.column.map { " \($0)" } ?? ""): \(i.message.zh)"
        }.joined(separator: "; ")
        try await database.transaction { db in
            try await db.raw("""
                INSERT INTO batches (resource_id, organization_id, idempotency_key, mode, format, status, error, actor_name, started_at, finished_at)
                VALUES (\(bind: resource.id), \(bind: resource.draft.providerID), NULL, \(bind: options.mode.rawValue), \(bind: options.format.rawValue),
                        'rejected', \(bind: summary), \(bind: actor.displayName), \(bind: Clock.millis(started)), \(bind: Clock.millis()))
                """).run()
        }
    }

    static let batchColumns = """
        b.id, r.code, b.organization_id, b.status, b.mode, b.format, b.rows_total, b.rows_stored, b.problem_rows, b.bytes, b.tally,
        b.actor_name, b.started_at, b.finished_at, b.error
        """

    static func batchReport(_ row: any SQLRow) throws -> BatchReport {
        BatchReport(
            id: try row.decode(column: "id", as: Int64.self),
            resourceCode: try row.decode(column: "code", as: String.self),
            organizationID: try row.decode(column: "organization_id", as: Int64.self),
            status: try row.decode(column: "status", as: String.self),
            mode: IngestMode(rawValue: try row.decode(column: "mode", as: String.self)) ?? .append,
            format: IngestFormat(rawValue: try row.decode(column: "format", as: String.self)) ?? .csv,
            rowsTotal: try row.decode(column: "rows_total", as: Int.self),
            rowsStored: try row.decode(column: "rows_stored", as: Int.self),
            problemRows: try row.decode(column: "problem_rows", as: Int.self),
            bytes: try row.decode(column: "bytes", as: Int.self),
            dimensions: (try? JSONText.decode([QualityDimension: DimensionTally].self, try row.decode(column: "tally", as: String.self))) ?? [:],
            actorName: try row.decode(column: "actor_name", as: String.self),
            startedAt: Clock.date(try row.decode(column: "started_at", as: Int64.self)),
            finishedAt: try row.optional("finished_at", as: Int64.self).map(Clock.date),
            replayed: false,
            error: try row.optional("error", as: String.self))
    }

    /// A resource's batches, newest first.
    public func batches(code: String, page: PageRequest = .init()) async throws -> Page<BatchReport> {
        let r = try await resource(code: code)
        return try await database.read { db in
            let total = try await db.raw("SELECT COUNT(*) AS n FROM batches WHERE resource_id = \(bind: r.id)").first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await db.raw("""
                SELECT \(unsafeRaw: Self.batchColumns) FROM batches b JOIN resources r ON r.id = b.resource_id
                WHERE b.resource_id = \(bind: r.id) ORDER BY b.id DESC LIMIT \(bind: page.limit) OFFSET \(bind: page.offset)
                """).all()
            return Page(items: try rows.map(Self.batchReport), total: total, limit: page.limit, offset: page.offset)
        }
    }

    /// The stored records of a resource, in ingestion order, as JSON-ready values.
    public func records(code: String, page: PageRequest = .init()) async throws -> Page<[String: TypedValue?]> {
        let r = try await resource(code: code)
        let dialect = database.dialect
        return try await database.read { db in
            let table = DataTable.name(r.id)
            guard try await DataTable.columns(db, table, dialect) != nil else { return Page(items: [], total: 0, limit: page.limit, offset: page.offset) }
            let total = try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self) ?? 0
            let cols = r.draft.fields.map { DataTable.column($0.code) }.joined(separator: ", ")
            let rows = try await db.raw("SELECT \(unsafeRaw: cols) FROM \(unsafeRaw: table) ORDER BY _id LIMIT \(bind: page.limit) OFFSET \(bind: page.offset)").all()
            let items = try rows.map { row in
                var out: [String: TypedValue?] = [:]
                for f in r.draft.fields { out[f.code] = try DataTable.read(row, f) }
                return out
            }
            return Page(items: items, total: total, limit: page.limit, offset: page.offset)
        }
    }
}

extension DataTable {
    /// Reads one typed column back.
    static func read(_ row: any SQLRow, _ f: Field) throws -> TypedValue? {
        if try row.decodeNil(column: f.code) { return nil }
        switch f.type {
        case .string: return .text(try row.decode(column: f.code, as: String.self))
        case .integer: return .integer(try row.decode(column: f.code, as: Int64.self))
        case .decimal: return .decimal(try row.decode(column: f.code, as: Double.self))
        case .date: return .date(try row.decode(column: f.code, as: String.self))
        case .datetime: return .datetime(try row.decode(column: f.code, as: String.self))
        case .boolean: return .boolean(try row.decode(column: f.code, as: Int64.self) != 0)
        }
    }

    /// The value as a database bind. A null carries its column's type: PostgreSQL refuses a
    /// text-typed NULL for a BIGINT column.
    static func bind(_ value: TypedValue?, _ type: FieldType) -> any Encodable & Sendable {
        switch value {
        case nil:
            switch type {
            case .integer, .boolean: return Int64?.none
            case .decimal: return Double?.none
            case .string, .date, .datetime: return String?.none
            }
        case .text(let s)?, .date(let s)?, .datetime(let s)?: return s
        case .integer(let i)?: return i
        case .decimal(let d)?: return d
        case .boolean(let b)?: return Int64(b ? 1 : 0)
        }
    }
}
