import CShuhui

/// A set of key fingerprints seen in a batch, for batch uniqueness.
///
/// A `Set<String>` of a million 18-character IDs costs around 90 MB (every string longer than
/// 15 bytes is its own heap object). Here a key is a 64-bit fingerprint: its high bits choose
/// its home slot in an open-addressing table, and only its low 40 bits (the tag) are kept, five
/// bytes a slot, so that ten million keys take about 62 MB and a million about 6 MB.
///
/// Two different keys count as one only when their fingerprints land in the same probe run
/// with equal tags: over n inserts that chance is about n × (probes per insert) / 2⁴⁰, roughly
/// 4 in a million for a million rows. It can only ever reject a row, never let a real
/// duplicate through, because equal keys always have equal fingerprints.
///
/// A tag does not say where its home was, so a full table cannot be rehashed into a larger
/// one: it stays, and a new table twice the size of all before takes the inserts; a lookup
/// probes each. ``reserve(_:)`` sizes one table for a batch whose size is known ahead.
struct KeySet: Sendable {
    private var tables: [Table] = []

    init() {}

    /// Inserts the fingerprint of `bytes`; false when it was already present.
    @inline(__always) mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        insert(fingerprint: Self.fingerprint(bytes))
    }

    /// Starts fetching the slots where `fingerprint` is looked up, so that inserting it a
    /// little later does not wait for memory (a million keys' table is far larger than the
    /// CPU caches). `mutating` though it changes nothing, so that the tables are read in
    /// place rather than copied (retained and released) on every row.
    @inline(__always) mutating func prefetch(fingerprint: UInt64) {
        for k in tables.indices { tables[k].prefetch(fingerprint) }
    }

    /// Inserts a fingerprint from ``fingerprint(_:)``; false when it was already present.
    mutating func insert(fingerprint h: UInt64) -> Bool {
        if tables.isEmpty || tables[tables.count - 1].isFull {
            for k in tables.indices where tables[k].contains(h) { return false }
            tables.append(Table(capacity: max(1024, 2 * tables.reduce(0) { $0 + $1.capacity })))
        } else {
            for k in 0..<tables.count - 1 where tables[k].contains(h) { return false }
        }
        return tables[tables.count - 1].insert(h)
    }

    /// Makes room for about `keys` keys in all, in one table, so that lookups probe one table.
    /// Only before the first insert: a table holding keys cannot grow.
    mutating func reserve(_ keys: Int) {
        guard tables.allSatisfy({ $0.count == 0 }) else { return }
        tables = [Table(capacity: max(1024, keys + keys / 4))]
    }

    /// FNV-1a over the bytes, then the MurmurHash3 finaliser so that both the high bits (the
    /// home slot) and the low bits (the tag) depend on every input byte.
    @inline(__always) static func fingerprint(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h = h &* 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        // Never 0: callers use 0 for "no value".
        return h == 0 ? 1 : h
    }

    /// One open-addressing table of 40-bit tags with linear probing; tag 0 marks an empty slot.
    struct Table: Sendable {
        static let tagBytes = 5
        static let tagMask: UInt64 = (1 << 40) - 1
        /// The tags, five bytes each, and eight bytes more so that the last slot too can be read
        /// as one unaligned 64-bit word.
        private var bytes: [UInt8]
        let capacity: Int
        private(set) var count = 0

        init(capacity: Int) {
            self.capacity = capacity
            bytes = [UInt8](repeating: 0, count: capacity * Self.tagBytes + 8)
        }

        /// Linear probing stays short up to about 90% full.
        var isFull: Bool { count * 10 >= capacity * 9 }

        /// The home slot: the fingerprint's high bits scaled to the capacity (no power of two needed).
        @inline(__always) private func home(_ h: UInt64) -> Int {
            Int(truncatingIfNeeded: h.multipliedFullWidth(by: UInt64(capacity)).high)
        }

        @inline(__always) private static func tag(_ h: UInt64) -> UInt64 {
            let t = h & tagMask
            return t == 0 ? 1 : t
        }

        @inline(__always) mutating func prefetch(_ h: UInt64) {
            bytes.withUnsafeBufferPointer { shuhui_prefetch($0.baseAddress! + home(h) * Self.tagBytes) }
        }

        func contains(_ h: UInt64) -> Bool {
            let start = home(h), capacity = self.capacity
            return bytes.withUnsafeBytes { p in Self.probe(p, h, from: start, capacity: capacity).found }
        }

        /// Adds a fingerprint; false when it was already present. The caller makes sure the
        /// table is not full, so that a probe always ends at an empty slot.
        mutating func insert(_ h: UInt64) -> Bool {
            let t = Self.tag(h)
            let start = home(h), capacity = self.capacity
            let added = bytes.withUnsafeMutableBytes { p in
                let (found, i) = Self.probe(UnsafeRawBufferPointer(p), h, from: start, capacity: capacity)
                if found { return false }
                let o = i * Self.tagBytes
                let word = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: o, as: UInt64.self))
                p.storeBytes(of: ((word & ~Self.tagMask) | t).littleEndian, toByteOffset: o, as: UInt64.self)
                return true
            }
            if added { count += 1 }
            return added
        }

        /// Walks from the fingerprint's home to its tag (found) or to the first empty slot.
        @inline(__always) private static func probe(_ p: UnsafeRawBufferPointer, _ h: UInt64, from start: Int, capacity: Int) -> (found: Bool, slot: Int) {
            let t = tag(h)
            var i = start
            while true {
                let s = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i * tagBytes, as: UInt64.self)) & tagMask
                if s == 0 { return (false, i) }
                if s == t { return (true, i) }
                i += 1
                if i == capacity { i = 0 }
            }
        }
    }
}
