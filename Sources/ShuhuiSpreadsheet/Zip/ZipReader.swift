import Foundation
import ZIPFoundation

/// Reads entries of an in-memory zip archive defensively.
///
/// ZIPFoundation's `Archive` reader trusts the archive: on Linux its inflate loop spins
/// forever on a truncated deflate stream, and ZIP64 sizes or offsets near `UInt64.max`
/// trap in integer conversions. Uploaded files are hostile input, so the central directory
/// is parsed here with every offset bounds-checked, and only the inflater
/// (`Data.decompress`, fed by a provider that cannot run past the entry) comes from
/// ZIPFoundation.
struct ZipReader {
    /// Where an entry's data lives and what it should decompress to.
    struct Entry {
        let path: String
        let method: UInt16
        let crc32: UInt32
        let compressedSize: Int
        let uncompressedSize: UInt64
        let localHeaderOffset: Int
    }

    /// The largest size one entry may uncompress to by default; bigger ones are treated as
    /// zip bombs.
    static let defaultEntryLimit = 200 * 1024 * 1024
    /// The most all entries read from one archive may uncompress to together, by default.
    static let defaultTotalLimit = 400 * 1024 * 1024

    private let bytes: [UInt8]
    private let entries: [String: Entry]
    private let entryLimit: Int
    private let totalLimit: Int
    private var totalRead = 0

    /// Parses the central directory of `data`.
    ///
    /// - Throws: `.legacyFormat` for OLE compound files (.xls, encrypted .xlsx), `.notZip`
    ///   for anything else that is not a well-formed zip.
    init(
        _ data: Data, entryLimit: Int = defaultEntryLimit, totalLimit: Int = defaultTotalLimit
    ) throws(SpreadsheetError) {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw SpreadsheetError(.legacyFormat)
        }
        self.bytes = bytes
        self.entries = try Self.centralDirectory(bytes)
        self.entryLimit = entryLimit
        self.totalLimit = totalLimit
    }

    /// Whether the archive has an entry at `path` (case-insensitive, as OPC part names are).
    func contains(_ path: String) -> Bool { entries[Self.key(path)] != nil }

    /// The uncompressed contents of the entry at `path`, or `nil` if there is none.
    ///
    /// - Throws: `.tooLarge` past the size limits, `.notZip` for damaged or unsupported data.
    mutating func contents(of path: String) throws(SpreadsheetError) -> Data? {
        guard let entry = entries[Self.key(path)] else { return nil }
        let damaged = SpreadsheetError(.notZip, part: entry.path)
        let budget = min(entryLimit, totalLimit - totalRead)
        guard entry.uncompressedSize <= UInt64(budget) else { throw SpreadsheetError(.tooLarge, part: entry.path) }

        let header = entry.localHeaderOffset
        guard Self.uint32(bytes, header) == 0x0403_4B50,
              let nameLength = Self.uint16(bytes, header + 26),
              let extraLength = Self.uint16(bytes, header + 28)
        else { throw damaged }
        let start = header + 30 + nameLength + extraLength
        let (end, overflow) = start.addingReportingOverflow(entry.compressedSize)
        guard !overflow, end <= bytes.count else { throw damaged }

        let output: Data
        let checksum: UInt32
        switch entry.method {
        case 0:
            guard entry.compressedSize <= budget else { throw SpreadsheetError(.tooLarge, part: entry.path) }
            output = Data(bytes[start..<end])
            checksum = output.crc32(checksum: 0)
        case 8:
            (output, checksum) = try inflate(bytes[start..<end], budget: budget, entry: entry)
        default:
            throw damaged
        }
        guard checksum == entry.crc32 else { throw damaged }
        totalRead += output.count
        return output
    }

    /// Thrown from the inflater's consumer when the output passes the budget.
    private struct TooLarge: Error {}
    /// Thrown from the inflater's provider when the entry's compressed bytes are used up.
    private struct Exhausted: Error {}

    private func inflate(
        _ compressed: ArraySlice<UInt8>, budget: Int, entry: Entry
    ) throws(SpreadsheetError) -> (Data, UInt32) {
        var output = Data()
        output.reserveCapacity(Int(min(entry.uncompressedSize, UInt64(budget))))
        var position = compressed.startIndex
        do {
            let checksum = try Data.decompress(
                size: Int64(compressed.count), bufferSize: 64 * 1024, skipCRC32: false,
                provider: { _, size in
                    // ZIPFoundation's Linux inflater tells zlib the chunk is `size` bytes
                    // long whatever it really holds, and loops forever on an empty chunk.
                    // So always hand over exactly `size` bytes (zero-padded; zeros are an
                    // invalid deflate block, so a truncated stream fails fast) and throw
                    // once the entry's own bytes are used up.
                    guard position < compressed.endIndex else { throw Exhausted() }
                    let end = min(position + size, compressed.endIndex)
                    var chunk = Data(compressed[position..<end])
                    if chunk.count < size { chunk.append(Data(count: size - chunk.count)) }
                    position = end
                    return chunk
                },
                consumer: { chunk in
                    guard output.count + chunk.count <= budget else { throw TooLarge() }
                    output.append(chunk)
                })
            return (output, checksum)
        } catch {
            if error is TooLarge { throw SpreadsheetError(.tooLarge, part: entry.path) }
            throw SpreadsheetError(.notZip, part: entry.path)
        }
    }

    private static func key(_ path: String) -> String {
        var normalized = path.replacingOccurrences(of: "\\", with: "/")
        while normalized.hasPrefix("/") { normalized.removeFirst() }
        return normalized.lowercased()
    }

    /// Finds the end-of-central-directory record (the last one, as ZIPFoundation does) and
    /// reads every central directory entry, ZIP64 fields included.
    private static func centralDirectory(_ bytes: [UInt8]) throws(SpreadsheetError) -> [String: Entry] {
        let notZip = SpreadsheetError(.notZip)
        guard bytes.count >= 22 else { throw notZip }
        var eocd: Int?
        var candidate = bytes.count - 22
        while candidate >= max(0, bytes.count - 22 - 0xFFFF) {
            if uint32(bytes, candidate) == 0x0605_4B50 {
                eocd = candidate
                break
            }
            candidate -= 1
        }
        guard let eocd, var count = uint16(bytes, eocd + 10),
              let offset32 = uint32(bytes, eocd + 16)
        else { throw notZip }
        var directoryOffset = Int(offset32)

        if count == 0xFFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: the locator just before the EOCD points at the ZIP64 EOCD record.
            guard uint32(bytes, eocd - 20) == 0x0706_4B50,
                  let recordOffset = uint64(bytes, eocd - 12).flatMap({ Int(exactly: $0) }),
                  uint32(bytes, recordOffset) == 0x0606_4B50,
                  let count64 = uint64(bytes, recordOffset + 32).flatMap({ Int(exactly: $0) }),
                  let offset64 = uint64(bytes, recordOffset + 48).flatMap({ Int(exactly: $0) })
            else { throw notZip }
            count = count64
            directoryOffset = offset64
        }
        // Each central directory record is at least 46 bytes; a larger count is a lie.
        guard directoryOffset <= bytes.count, count <= (bytes.count - directoryOffset) / 46 else { throw notZip }

        var entries: [String: Entry] = [:]
        var position = directoryOffset
        for _ in 0..<count {
            guard uint32(bytes, position) == 0x0201_4B50,
                  let method = uint16(bytes, position + 10),
                  let crc = uint32(bytes, position + 16),
                  var compressed = uint32(bytes, position + 20).map(UInt64.init),
                  var uncompressed = uint32(bytes, position + 24).map(UInt64.init),
                  let nameLength = uint16(bytes, position + 28),
                  let extraLength = uint16(bytes, position + 30),
                  let commentLength = uint16(bytes, position + 32),
                  var localOffset = uint32(bytes, position + 42).map(UInt64.init),
                  position + 46 + nameLength + extraLength + commentLength <= bytes.count
            else { throw notZip }
            let nameStart = position + 46
            let extra = bytes[(nameStart + nameLength)..<(nameStart + nameLength + extraLength)]
            if let zip64 = zip64Field(extra) {
                // Only the saturated fields are present, in this fixed order.
                var cursor = zip64.startIndex
                func next64() -> UInt64? {
                    defer { cursor += 8 }
                    return cursor + 8 <= zip64.endIndex ? uint64(bytes, cursor) : nil
                }
                if uncompressed == 0xFFFF_FFFF {
                    guard let value = next64() else { throw notZip }
                    uncompressed = value
                }
                if compressed == 0xFFFF_FFFF {
                    guard let value = next64() else { throw notZip }
                    compressed = value
                }
                if localOffset == 0xFFFF_FFFF {
                    guard let value = next64() else { throw notZip }
                    localOffset = value
                }
            }
            guard let compressedSize = Int(exactly: compressed), compressedSize <= bytes.count,
                  let localHeaderOffset = Int(exactly: localOffset), localHeaderOffset <= bytes.count
            else { throw notZip }
            let path = String(decoding: bytes[nameStart..<(nameStart + nameLength)], as: UTF8.self)
            let entry = Entry(path: path, method: UInt16(method), crc32: crc, compressedSize: compressedSize,
                              uncompressedSize: uncompressed, localHeaderOffset: localHeaderOffset)
            let key = key(path)
            // Duplicate names are legal in zip; like ZIPFoundation, the first one wins.
            if entries[key] == nil { entries[key] = entry }
            position = nameStart + nameLength + extraLength + commentLength
        }
        return entries
    }

    /// The data of the ZIP64 extended information field (header 0x0001) in `extra`.
    private static func zip64Field(_ extra: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        var cursor = extra.startIndex
        while cursor + 4 <= extra.endIndex {
            let id = Int(extra[cursor]) | Int(extra[cursor + 1]) << 8
            let size = Int(extra[cursor + 2]) | Int(extra[cursor + 3]) << 8
            let dataStart = cursor + 4
            guard dataStart + size <= extra.endIndex else { return nil }
            if id == 0x0001 { return extra[dataStart..<(dataStart + size)] }
            cursor = dataStart + size
        }
        return nil
    }

    private static func uint16(_ bytes: [UInt8], _ offset: Int) -> Int? {
        guard offset >= 0, offset + 2 <= bytes.count else { return nil }
        return Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
    }

    private static func uint32(_ bytes: [UInt8], _ offset: Int) -> UInt32? {
        guard offset >= 0, offset + 4 <= bytes.count else { return nil }
        return (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    }

    private static func uint64(_ bytes: [UInt8], _ offset: Int) -> UInt64? {
        guard offset >= 0, offset + 8 <= bytes.count else { return nil }
        return (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * $1) }
    }
}
