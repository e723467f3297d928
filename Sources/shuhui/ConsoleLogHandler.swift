import CShuhui
import Foundation
import Logging

/// Writes log lines to standard output as swift-log's `StreamLogHandler` does (same format),
/// but formats metadata only when a line is written. `StreamLogHandler` formats it each time
/// metadata is set, and the server sets a request id on every request's logger: on the
/// gateway that was 2 % of the server's CPU for lines never written.
struct ConsoleLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    init(label: String) { self.label = label }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        if let error = event.error {
            all["error.message"] = "\(error)"
            all["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        let pretty = all.isEmpty ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let line = "\(Self.timestamp()) \(event.level) \(label):\(pretty) [\(event.source)] \(event.message)\n"
        shuhui_write_stdout(line)
    }

    private static func timestamp() -> String {
        var buffer = [Int8](repeating: 0, count: 64)
        var now = time(nil)
        guard let local = localtime(&now) else { return "<unknown>" }
        strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", local)
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
