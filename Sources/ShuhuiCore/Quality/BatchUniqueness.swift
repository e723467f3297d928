/// Batch uniqueness for ``RecordChecker``: which `unique` rules a record breaks, remembering
/// its values (as fingerprints, see ``KeySet``) for the records after it.
struct BatchUniqueness: Sendable {
    /// The unique rules by slot: the field, or nil for the primary key.
    private let slots: [Int?]
    private let keyFields: [Int]
    private let types: [FieldType]
    private var seen: [KeySet]

    init(slots: [Int?], keyFields: [Int], types: [FieldType]) {
        self.slots = slots
        self.keyFields = keyFields
        self.types = types
        seen = [KeySet](repeating: KeySet(), count: slots.count)
    }

    /// Whether there are no batch uniqueness rules.
    var isEmpty: Bool { slots.isEmpty }

    /// The unique rules the record breaks, as bit `slot` (``RecordChecker`` numbers them);
    /// its values are remembered for the records after it.
    ///
    /// - Parameters: as ``RecordChecker/check(bytes:spans:raw:)``.
    mutating func duplicates(bytes: UnsafeBufferPointer<UInt8>, spans: UnsafeBufferPointer<Int>) -> UInt64 {
        var out: UInt64 = 0
        for (slot, field) in slots.enumerated() {
            let fresh: Bool
            if let field {
                guard let value = Self.value(field, bytes, spans) else { continue }
                fresh = types[field] == .string
                    ? seen[slot].insert(value)
                    : ValueParsing.withBytes(Self.canonical(value, types[field])) { seen[slot].insert($0) }
            } else {
                guard !keyFields.isEmpty, keyFields.allSatisfy({ Self.value($0, bytes, spans) != nil }) else { continue }
                if keyFields.count == 1, types[keyFields[0]] == .string, let value = Self.value(keyFields[0], bytes, spans) {
                    // A string key's canonical text is its bytes as submitted.
                    fresh = seen[slot].insert(value)
                } else {
                    fresh = ValueParsing.withBytes(key(bytes, spans)) { seen[slot].insert($0) }
                }
            }
            if !fresh { out |= 1 << UInt64(slot) }
        }
        return out
    }

    /// The primary-key values' canonical text, joined by U+001F.
    func key(_ bytes: UnsafeBufferPointer<UInt8>, _ spans: UnsafeBufferPointer<Int>) -> String {
        keyFields.map { k in Self.value(k, bytes, spans).map { Self.canonical($0, types[k]) } ?? "" }.joined(separator: "\u{1F}")
    }

    /// Field `i`'s bytes, or nil when its value is missing.
    @inline(__always) static func value(_ i: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ spans: UnsafeBufferPointer<Int>) -> UnsafeBufferPointer<UInt8>? {
        let lo = spans[2 * i], hi = spans[2 * i + 1]
        return lo >= 0 && hi > lo ? UnsafeBufferPointer(rebasing: bytes[lo..<hi]) : nil
    }

    /// A value's canonical text: what it parses to as `type` (a date in any accepted form
    /// is one day), or the text as submitted when it does not parse.
    static func canonical(_ value: UnsafeBufferPointer<UInt8>, _ type: FieldType) -> String {
        let text = String(decoding: value, as: UTF8.self)
        var scratch = ParsedScalars()
        return ValueParsing.parse(text, type, &scratch)?.description ?? text
    }
}
