import Foundation
import ZIPFoundation

/// Builds an in-memory zip archive from named parts.
enum ZipWriter {
    /// Entry timestamps are fixed so the same sheets always produce the same bytes, which
    /// keeps exports cacheable and tests exact.
    private static let timestamp = Date(timeIntervalSince1970: 1_577_836_800)

    /// Zips `parts` in order, deflated.
    ///
    /// - Throws: `SpreadsheetError.writeFailed` if ZIPFoundation fails.
    static func archive(_ parts: [(path: String, data: Data)]) throws(SpreadsheetError) -> Data {
        do {
            let archive = try Archive(accessMode: .create)
            for part in parts {
                let data = part.data
                try archive.addEntry(
                    with: part.path, type: .file, uncompressedSize: Int64(data.count),
                    modificationDate: timestamp, compressionMethod: .deflate,
                    provider: { position, size in
                        let start = data.startIndex + Int(position)
                        return data.subdata(in: start..<min(start + size, data.endIndex))
                    })
            }
            guard let data = archive.data else { throw SpreadsheetError(.writeFailed) }
            return data
        } catch {
            throw SpreadsheetError(.writeFailed)
        }
    }
}
