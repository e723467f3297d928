import Logging
import NIOCore
import NIOPosix
import SQLiteNIO
import Synchronization

/// A single SQLite writer and a few readers over one WAL-mode file.
///
/// sqlite-nio connections run each statement on a thread pool; they are not meant to be
/// shared by concurrent transactions, so the writer is leased by one task at a time.
actor SQLitePool {
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    /// Round-robin position; atomic so that picking a reader needs no hop onto the actor.
    private let next = Atomic<Int>(0)
    private var writerBusy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// The writer's page cache, KiB.
    static let pageCacheKiB = 16384
    /// The writer's page cache while a batch only appends to a table without indexes, KiB:
    /// none of its pages is read again.
    static let appendPageCacheKiB = 2048

    static func open(path: String, readers count: Int, logger: Logger) async throws -> SQLitePool {
        let writer = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        // WAL lets readers run beside the writer; NORMAL sync in WAL mode is durable across a
        // process crash (kill -9), which is the failure the platform promises to survive.
        // A 16 MiB page cache (the default is 2 MiB, allocated as used): a large batch touches
        // the key index all over, and with a small cache every touched page is spilled to the
        // WAL and read back (bench/ingest showed most of the writer's time in the kernel). The
        // sorter that builds a deferred key index works within the same budget, so it bounds
        // the server's memory too.
        for pragma in [
            "PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON",
            "PRAGMA busy_timeout=10000", "PRAGMA cache_size=-\(pageCacheKiB)",
        ] {
            try await writer.query(pragma, [])
        }
        var readers: [SQLiteConnection] = []
        for _ in 0..<count {
            let r = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            try await r.query("PRAGMA busy_timeout=10000", [])
            try await r.query("PRAGMA foreign_keys=ON", [])
            readers.append(r)
        }
        return SQLitePool(writer: writer, readers: readers)
    }

    private init(writer: SQLiteConnection, readers: [SQLiteConnection]) {
        self.writer = writer
        self.readers = readers
    }

    nonisolated func withReader<T: Sendable>(_ body: (SQLiteConnection) async throws -> T) async throws -> T {
        let n = next.add(1, ordering: .relaxed).newValue
        return try await body(readers[(n & Int.max) % readers.count])
    }

    private func acquireWriter() async {
        if !writerBusy {
            writerBusy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func releaseWriter() {
        if waiting.isEmpty {
            writerBusy = false
        } else {
            waiting.removeFirst().resume()
        }
    }

    nonisolated func withWriter<T: Sendable>(_ body: (SQLiteConnection) async throws -> T) async throws -> T {
        await acquireWriter()
        do {
            let value = try await body(writer)
            await releaseWriter()
            return value
        } catch {
            await releaseWriter()
            throw error
        }
    }

    func close() async {
        for r in readers { try? await r.close() }
        try? await writer.close()
    }
}
