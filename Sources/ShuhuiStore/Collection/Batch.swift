import Foundation
import ShuhuiCore
import ShuhuiSpreadsheet

/// How a batch's rows meet what is stored.
public enum IngestMode: String, Sendable, Codable, CaseIterable {
    /// Add rows; a key already stored is a uniqueness problem.
    case append
    /// Insert or replace by the resource's primary key.
    case upsert
    /// The batch is the new full snapshot: stored rows are removed first.
    case replace
}

/// The body's format.
public enum IngestFormat: String, Sendable, Codable, CaseIterable {
    /// CSV with a header row of field codes or names.
    case csv
    /// One JSON object per line.
    case jsonl
    /// A JSON array of objects.
    case json
}

/// What the caller says about a batch.
public struct IngestOptions: Sendable {
    public var format: IngestFormat
    public var mode: IngestMode
    /// nil: detect (UTF-8, or GB18030 when the bytes are not UTF-8).
    public var charset: StreamCharset?
    /// A retried upload with the same key is answered from the first, not stored twice.
    public var idempotencyKey: String?
    /// Called after each chunk with the rows read and bytes received so far (for progress bars).
    public var onProgress: (@Sendable (_ rows: Int, _ bytes: Int) -> Void)?
    /// Check everything and report, then roll back: nothing is stored or counted.
    public var dryRun = false
    /// The body's size when known ahead (a file's size, `Content-Length`): batch uniqueness
    /// is then sized once from the first rows instead of growing.
    public var expectedBytes: Int?

    /// Creates options.
    public init(format: IngestFormat = .csv, mode: IngestMode = .append, charset: StreamCharset? = nil, idempotencyKey: String? = nil,
                onProgress: (@Sendable (_ rows: Int, _ bytes: Int) -> Void)? = nil) {
        self.format = format
        self.mode = mode
        self.charset = charset
        self.idempotencyKey = idempotencyKey
        self.onProgress = onProgress
    }
}

/// Checks and failures on one quality dimension.
public struct DimensionTally: Sendable, Codable, Equatable {
    public var checked: Int
    public var failed: Int

    /// Share of checks passed, 1 when nothing was checked.
    public var passRate: Double { checked == 0 ? 1 : Double(checked - failed) / Double(checked) }
}

/// An ingested batch (归集批次) as reported to its sender.
public struct BatchReport: Sendable, Codable, Equatable {
    public var id: Int64
    public var resourceCode: String
    public var organizationID: Int64
    public var status: String
    public var mode: IngestMode
    public var format: IngestFormat
    /// Data rows read.
    public var rowsTotal: Int
    /// Rows that passed every rule and were stored.
    public var rowsStored: Int
    /// Rows that failed a rule and went to problem data instead.
    public var problemRows: Int
    public var bytes: Int
    public var dimensions: [QualityDimension: DimensionTally]
    public var actorName: String
    public var startedAt: Date
    public var finishedAt: Date?
    /// Set when this answer repeats an earlier batch with the same idempotency key.
    public var replayed: Bool
    /// Why a rejected batch was rejected.
    public var error: String?
}

/// Carries a dry run's report out of the transaction it rolls back.
struct DryRunFinished: Error {
    var report: BatchReport
}

/// A batch that could not be read at all; nothing of it was stored.
public enum IngestError: Error, Sendable, Equatable {
    /// Structural problems (charset, quoting, column count, unknown columns), each located.
    case malformed([FieldIssue])
}
