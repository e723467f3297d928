/// Lower-case hexadecimal text of bytes: digests, keys, pseudonyms. Written by hand because
/// `String(format: "%02x")` per byte costs microseconds on Linux and sits on hot paths (every
/// gateway call hashes its body; every API call hashes its token).
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
