import ArgumentParser
import Foundation
import ShuhuiCore
import ShuhuiSpreadsheet
import ShuhuiStore

/// `shuhui import RESOURCE FILE`: the same ingest as the HTTP endpoint, from a file, with a
/// progress bar on a terminal.
struct ImportRecords: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Collect a file of records into a catalog resource (CSV, JSON lines, JSON array).")

    @OptionGroup var storage: StorageOptions
    @Argument(help: "Resource code, e.g. 101001-00001.") var resource: String
    @Argument(help: "The file (.csv, .jsonl/.ndjson or .json).") var file: String
    @Option(help: "append, upsert or replace.") var mode: String = "append"
    @Option(help: "csv, jsonl or json (default: from the file name).") var format: String?
    @Option(help: "utf-8 or gb18030 (default: detect).") var charset: String?
    @Option(help: "Retrying with the same key does not store the batch twice.") var idempotencyKey: String?
    @Flag(help: "Check every row and report, but store nothing.") var dryRun = false

    func run() async throws {
        guard FileManager.default.isReadableFile(atPath: file) else { throw fail("cannot read \(file) / 无法读取文件") }
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        guard let mode = IngestMode(rawValue: mode) else { throw fail("mode must be append, upsert or replace") }
        let ext = (file as NSString).pathExtension.lowercased()
        guard let format = IngestFormat(rawValue: format ?? (ext == "ndjson" ? "jsonl" : ext == "json" || ext == "jsonl" ? ext : "csv")) else {
            throw fail("format must be csv, jsonl or json")
        }
        var streamCharset: StreamCharset?
        switch charset?.lowercased() {
        case nil: streamCharset = nil
        case "utf-8", "utf8": streamCharset = .utf8
        case "gb18030", "gbk": streamCharset = .gb18030
        default: throw fail("charset must be utf-8 or gb18030")
        }
        let progress = ProgressBar(total: size, enabled: isatty(STDERR_FILENO) != 0)
        var options = IngestOptions(format: format, mode: mode, charset: streamCharset, idempotencyKey: idempotencyKey) { rows, bytes in
            progress.update(rows: rows, bytes: bytes)
        }
        options.dryRun = dryRun
        options.expectedBytes = size
        let chunks = FileChunks(path: file)
        let store = try await storage.open(logger: makeLogger())
        do {
            let report = try await store.ingest(code: resource, chunks: chunks, options: options, by: operatorPrincipal)
            progress.finish()
            let what = dryRun ? "dry run / 仅检查" : "batch \(report.id)\(report.replayed ? " (already stored / 已存储过)" : "")"
            print("\(what): \(report.rowsTotal) rows read, \(report.rowsStored) \(dryRun ? "would be stored" : "stored"), \(report.problemRows) problem rows / 问题数据")
            for (d, t) in report.dimensions.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                print("  \(d.label.zh) \(d.rawValue): \(t.checked - t.failed)/\(t.checked) passed")
            }
        } catch {
            progress.finish()
            await store.close()
            throw fail(describe(error))
        }
        await store.close()
    }
}

/// A file read in 1 MiB chunks as the ingest asks for them: one chunk in memory at a time,
/// however large the file, and a read error ends the import with that error rather than
/// looking like the end of the file.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = Data
    let path: String
    var chunkSize = 1 << 20

    struct AsyncIterator: AsyncIteratorProtocol {
        let path: String
        let chunkSize: Int
        var handle: FileHandle?

        mutating func next() async throws -> Data? {
            if handle == nil {
                guard let h = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoPermission) }
                handle = h
            }
            guard let data = try handle?.read(upToCount: chunkSize), !data.isEmpty else {
                try handle?.close()
                return nil
            }
            return data
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(path: path, chunkSize: chunkSize) }
}

/// A one-line progress bar on standard error: rows, rows/s, bytes, ETA.
final class ProgressBar: @unchecked Sendable {
    private let total: Int
    private let enabled: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    private let lock = NSLock()

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    func update(rows: Int, bytes: Int) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) > 0.2 else { return }
        lastDraw = now
        let elapsed = max(now.timeIntervalSince(start), 0.001)
        let fraction = total > 0 ? min(1, Double(bytes) / Double(total)) : 0
        let width = 30
        let filled = Int(fraction * Double(width))
        let eta = fraction > 0 ? elapsed / fraction - elapsed : 0
        let line = String(format: "\r[%@%@] %3.0f%% %d rows %.0f rows/s %.1f MB ETA %d:%02d ",
                          String(repeating: "=", count: filled), String(repeating: " ", count: width - filled), fraction * 100,
                          rows, Double(rows) / elapsed, Double(bytes) / 1_048_576, Int(eta) / 60, Int(eta) % 60)
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
