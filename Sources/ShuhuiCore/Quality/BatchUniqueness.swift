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

    /// Makes room for `rows` records' values, so that the tables do not grow on the way.
    mutating func reserve(_ rows: Int) {
        for slot in seen.indices { seen[slot].reserve(rows) }
    }

    /// Frees the values seen so far.
    mutating func forget() {
        seen = [KeySet](repeating: KeySet(), count: slots.count)
    }

    /// The number of unique rules (slots).
    var count: Int { slots.count }

    /// The record's fingerprint for each slot into `out` (0 where the rule does not apply
    /// to it: a value is missing), and the fetch of each one's table slot started, so that
    /// ``insert(_:)`` after the row's other checks finds them in the cache.
    ///
    /// - Parameters: `bytes` and `spans` as ``RecordChecker/check(bytes:spans:raw:)``.
    /// - Note: `mutating` though it changes nothing, so that a caller holding the set `inout`
    ///   passes it in place: a non-mutating call would copy (retain and release) its tables
    ///   on every row.
    mutating func fingerprints(bytes: UnsafeBufferPointer<UInt8>, spans: UnsafeBufferPointer<Int>, into out: UnsafeMutableBufferPointer<UInt64>) {
        Self.fingerprints(slots: slots, keyFields: keyFields, types: types, bytes: bytes, spans: spans, into: out)
        prefetch(row: UnsafeBufferPointer(out))
    }

    /// The record's fingerprint for each unique rule in `slots` (a field, or nil for the
    /// primary key) into `out`, as ``fingerprints(bytes:spans:into:)`` gives them. Reads
    /// nothing of a set, so rows can be fingerprinted on any core before they are inserted in
    /// order.
    static func fingerprints(slots: [Int?], keyFields: [Int], types: [FieldType], bytes: UnsafeBufferPointer<UInt8>,
                             spans: UnsafeBufferPointer<Int>, into out: UnsafeMutableBufferPointer<UInt64>) {
        for (slot, field) in slots.enumerated() {
            out[slot] = fingerprint(field, keyFields: keyFields, types: types, bytes: bytes, spans: spans)
        }
    }

    /// The fingerprint of the record's value for the unique rule on `field` (nil: the primary
    /// key), or 0 when a value it needs is missing.
    private static func fingerprint(_ field: Int?, keyFields: [Int], types: [FieldType],
                                    bytes: UnsafeBufferPointer<UInt8>, spans: UnsafeBufferPointer<Int>) -> UInt64 {
        if let field {
            guard let value = RecordChecker.value(field, bytes, spans) else { return 0 }
            return types[field] == .string
                ? KeySet.fingerprint(value)
                : ValueParsing.withBytes(canonical(value, types[field])) { KeySet.fingerprint($0) }
        }
        guard !keyFields.isEmpty, keyFields.allSatisfy({ RecordChecker.value($0, bytes, spans) != nil }) else { return 0 }
        if keyFields.count == 1, types[keyFields[0]] == .string, let value = RecordChecker.value(keyFields[0], bytes, spans) {
            // A string key's canonical text is its bytes as submitted.
            return KeySet.fingerprint(value)
        }
        return ValueParsing.withBytes(key(keyFields: keyFields, types: types, bytes, spans)) { KeySet.fingerprint($0) }
    }

    /// Remembers the fingerprints of consecutive records, `count` a record (as
    /// ``fingerprints(bytes:spans:into:)`` gives them), in order; `duplicates` gets each
    /// record's result as ``insert(_:)`` returns it. Each record's table slots are fetched
    /// a few records ahead, so the inserts do not wait for memory one after another.
    mutating func insert(records fingerprints: UnsafeBufferPointer<UInt64>, into duplicates: UnsafeMutableBufferPointer<UInt64>) {
        let n = slots.count
        guard n > 0 else {
            for r in duplicates.indices { duplicates[r] = 0 }
            return
        }
        func row(_ r: Int) -> UnsafeBufferPointer<UInt64> { UnsafeBufferPointer(rebasing: fingerprints[r * n..<(r + 1) * n]) }
        let ahead = 16
        for r in 0..<min(ahead, duplicates.count) { prefetch(row: row(r)) }
        for r in duplicates.indices {
            if r + ahead < duplicates.count { prefetch(row: row(r + ahead)) }
            duplicates[r] = insert(row: row(r))
        }
    }

    /// Remembers the fingerprints from ``fingerprints(bytes:spans:into:)``; returns the slots
    /// whose value was seen before, as bit `slot` (``RecordChecker`` numbers the rules so).
    mutating func insert(_ fingerprints: UnsafeMutableBufferPointer<UInt64>) -> UInt64 {
        insert(row: UnsafeBufferPointer(fingerprints))
    }

    private mutating func insert(row fingerprints: UnsafeBufferPointer<UInt64>) -> UInt64 {
        var out: UInt64 = 0
        for slot in 0..<slots.count where fingerprints[slot] != 0 && !seen[slot].insert(fingerprint: fingerprints[slot]) {
            out |= 1 << UInt64(slot)
        }
        return out
    }

    /// Starts fetching the table slots of one record's fingerprints (0: none for that rule).
    private mutating func prefetch(row fingerprints: UnsafeBufferPointer<UInt64>) {
        for slot in 0..<slots.count where fingerprints[slot] != 0 { seen[slot].prefetch(fingerprint: fingerprints[slot]) }
    }

    /// The primary-key values' canonical text, joined by U+001F.
    func key(_ bytes: UnsafeBufferPointer<UInt8>, _ spans: UnsafeBufferPointer<Int>) -> String {
        Self.key(keyFields: keyFields, types: types, bytes, spans)
    }

    static func key(keyFields: [Int], types: [FieldType], _ bytes: UnsafeBufferPointer<UInt8>, _ spans: UnsafeBufferPointer<Int>) -> String {
        keyFields.map { k in RecordChecker.value(k, bytes, spans).map { Self.canonical($0, types[k]) } ?? "" }.joined(separator: "\u{1F}")
    }

    /// A value's canonical text: what it parses to as `type` (a date in any accepted form
    /// is one day), or the text as submitted when it does not parse.
    static func canonical(_ value: UnsafeBufferPointer<UInt8>, _ type: FieldType) -> String {
        let text = String(decoding: value, as: UTF8.self)
        var scratch = ParsedScalars()
        return ValueParsing.parse(text, type, &scratch)?.description ?? text
    }
}
