/// A `codeList` rule's values, matched on a value's UTF-8 bytes, so that a row's value is
/// looked up without building a `String` and hashing it.
///
/// A value whose bytes equal none of the list's is also looked up as a `String`, so the
/// verdict stays `Set<String>.contains`'s, canonical equivalence included (U+212A KELVIN SIGN
/// equals "K"); only failing values pay for that.
///
/// A class, so that reading a rule's list out of the checker's table retains one object per
/// row rather than each of its arrays.
final class CodeList: Sendable {
    private let values: Set<String>
    /// Every value's UTF-8 bytes, one after another, and where each ends.
    private let bytes: [UInt8]
    private let ends: [Int]
    /// For lists too long to scan: each value's fingerprint (``KeySet/fingerprint(_:)``) to
    /// its position; nil when the list is short, or when two values share a fingerprint.
    private let positions: [UInt64: Int]?

    private static let scanLimit = 16

    init(_ list: [String]) {
        values = Set(list)
        var bytes: [UInt8] = [], ends: [Int] = []
        for value in values {
            bytes.append(contentsOf: value.utf8)
            ends.append(bytes.count)
        }
        self.bytes = bytes
        self.ends = ends
        var positions: [UInt64: Int]? = nil
        if ends.count > Self.scanLimit {
            var map: [UInt64: Int] = [:]
            let unique = bytes.withUnsafeBufferPointer { p in
                ends.indices.allSatisfy { k in
                    map.updateValue(k, forKey: KeySet.fingerprint(UnsafeBufferPointer(rebasing: p[Self.range(k, ends)]))) == nil
                }
            }
            positions = unique ? map : nil
        }
        self.positions = positions
    }

    /// Where value `k` is in the bytes, given where each value ends.
    private static func range(_ k: Int, _ ends: [Int]) -> Range<Int> { (k == 0 ? 0 : ends[k - 1])..<ends[k] }

    /// Whether `value` is one of the list's values.
    func contains(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        let found = bytes.withUnsafeBufferPointer { p -> Bool in
            func equals(_ k: Int) -> Bool {
                let range = Self.range(k, ends)
                guard range.count == value.count else { return false }
                // Codes are a few bytes: a loop beats calling memcmp.
                for j in 0..<value.count where p[range.lowerBound + j] != value[j] { return false }
                return true
            }
            if let positions {
                return positions[KeySet.fingerprint(value)].map(equals) ?? false
            }
            return ends.indices.contains(where: equals)
        }
        return found || values.contains(String(decoding: value, as: UTF8.self))
    }
}
