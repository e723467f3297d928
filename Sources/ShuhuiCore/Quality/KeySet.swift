import CPrefetch

/// A set of 64-bit fingerprints of keys seen in a batch, for batch uniqueness.
///
/// A `Set<String>` of a million 18-character IDs costs around 90 MB (every string longer than
/// 15 bytes is its own heap object); eight bytes per key in an open-addressing table keeps a
/// million-row batch near 16 MB. The price is that two different keys with the same 64-bit
/// fingerprint would count as a duplicate: for n keys that chance is about n²/2⁶⁵, roughly
/// 3 in 100 million for a million rows. It can only ever reject a row, never let a real
/// duplicate through, because equal keys always have equal fingerprints.
struct KeySet: Sendable {
    private var slots: [UInt64]
    private var count = 0
    private var mask: Int

    init() {
        slots = [UInt64](repeating: 0, count: 1024)
        mask = 1023
    }

    /// Inserts the fingerprint of `bytes`; false when it was already present.
    @inline(__always) mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        insert(fingerprint: Self.fingerprint(bytes))
    }

    /// Starts fetching the slot where `fingerprint` goes, so that inserting it a little later
    /// does not wait for memory (a million keys' table is far larger than the CPU caches).
    @inline(__always) func prefetch(fingerprint: UInt64) {
        slots.withUnsafeBufferPointer { shuhui_prefetch($0.baseAddress! + (Int(truncatingIfNeeded: fingerprint) & mask)) }
    }

    /// Inserts a fingerprint from ``fingerprint(_:)`` (never 0, which marks an empty slot);
    /// false when it was already present.
    mutating func insert(fingerprint h: UInt64) -> Bool {
        assert(h != 0, "0 marks an empty slot")
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s == 0 { break }
            if s == h { return false }
            i = (i + 1) & mask
        }
        slots[i] = h
        count += 1
        // Linear probing stays short up to about 80% full.
        if count * 5 > slots.count * 4 { resize(slots.count * 2) }
        return true
    }

    /// Makes room for `keys` keys in all, so that the table does not grow on the way (and,
    /// while growing, hold its old and new slots at once).
    mutating func reserve(_ keys: Int) {
        var size = slots.count
        while keys * 5 > size * 4 { size *= 2 }
        if size > slots.count { resize(size) }
    }

    private mutating func resize(_ size: Int) {
        let old = slots
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        for h in old where h != 0 {
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = h
        }
    }

    /// FNV-1a over the bytes, then the MurmurHash3 finaliser so that the low bits used for
    /// the slot index depend on every input byte.
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
        // Never 0: callers use 0 for "no value", and the table for an empty slot.
        return h == 0 ? 1 : h
    }
}
