import Foundation

/// Turns the bytes of an uploaded text file into a string, guessing the encoding the way
/// Chinese offices need: Excel on Chinese Windows saves "CSV" as GB18030/GBK, while newer
/// tools save UTF-8, often with a BOM.
enum TextDecoding {
    /// `kCFStringEncodingGB_18030_2000` (0x0632) as an NSStringEncoding. Linux Foundation has
    /// no `CFStringEncodings` to compute it, but `String(data:encoding:)` accepts the raw value.
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// Decodes `data`: UTF-8 or UTF-16 with a BOM, else UTF-8 when valid, else GB18030.
    ///
    /// - Throws: `SpreadsheetError.unknownEncoding` when no candidate decodes the bytes.
    static func decode(_ data: Data) throws(SpreadsheetError) -> String {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            // A BOM is a clear statement; damaged bytes become U+FFFD instead of a refusal.
            return String(decoding: bytes.dropFirst(3), as: UTF8.self)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let encoding: String.Encoding = bytes[0] == 0xFF ? .utf16LittleEndian : .utf16BigEndian
            guard let text = String(data: Data(bytes.dropFirst(2)), encoding: encoding) else {
                throw SpreadsheetError(.unknownEncoding)
            }
            return text
        }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        if let text = String(data: data, encoding: gb18030) { return text }
        throw SpreadsheetError(.unknownEncoding)
    }
}
