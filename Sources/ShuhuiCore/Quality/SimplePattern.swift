/// A `pattern` rule's regular expression when it has the simple shape most field patterns have
/// (`[0-9]{17}[0-9X]`, `\d{6}`, `[A-Z]{2}-\d{4,8}`): a sequence of ASCII literals, `\d` and
/// ASCII bracket classes, each with an optional `?`, `*`, `+`, `{n}`, `{n,}` or `{n,m}`, anchored
/// at both ends. Such a pattern is matched on the value's bytes, without ICU, which costs more
/// than all the other checks of a row together (ANCHORS.md: regular expressions per row).
///
/// Anything else (alternation, groups, `.`, negated classes, other escapes, lazy quantifiers,
/// non-ASCII literals) does not compile here and stays with `NSRegularExpression`. A value
/// with non-ASCII bytes or longer than 63 bytes is also left to it, so that the verdict always
/// agrees with ICU's: on ASCII text `\d` and `[0-9]` are the same, while ICU's `\d` also takes
/// other scripts' digits.
struct SimplePattern: Sendable {
    struct Atom: Sendable {
        /// ASCII bytes 0–63 and 64–127.
        var low: UInt64 = 0, high: UInt64 = 0
        var min = 1, max = 1

        mutating func insert(_ b: UInt8) {
            if b < 64 { low |= 1 << UInt64(b) } else { high |= 1 << UInt64(b - 64) }
        }

        @inline(__always) func contains(_ b: UInt8) -> Bool {
            b < 64 ? (low >> UInt64(b)) & 1 != 0 : (high >> UInt64(b &- 64)) & 1 != 0
        }
    }

    let atoms: [Atom]
    /// The one length a match has when every atom repeats a fixed number of times (most ID
    /// and code patterns: `[0-9]{17}[0-9X]`, `\d{6}`); nil otherwise.
    let fixedLength: Int?

    /// Compiles `pattern`, or returns nil when it is not of the simple shape.
    init?(_ pattern: String) {
        let p = Array(pattern.utf8)
        var i = 0, end = p.count
        if i < end, p[i] == UInt8(ascii: "^") { i += 1 }
        if end > i, p[end - 1] == UInt8(ascii: "$"), !(end >= 2 && p[end - 2] == UInt8(ascii: "\\")) { end -= 1 }
        var atoms: [Atom] = []
        while i < end {
            var atom = Atom()
            let c = p[i]
            switch c {
            case UInt8(ascii: "\\"):
                guard i + 1 < end, Self.escape(p[i + 1], into: &atom) else { return nil }
                i += 2
            case UInt8(ascii: "["):
                i += 1
                guard i < end, p[i] != UInt8(ascii: "^") else { return nil }
                var first = true
                while true {
                    guard i < end else { return nil }
                    var b = p[i]
                    if b == UInt8(ascii: "]"), !first { i += 1; break }
                    first = false
                    if b == UInt8(ascii: "\\") {
                        guard i + 1 < end, Self.escape(p[i + 1], into: &atom) else { return nil }
                        i += 2
                        continue
                    }
                    guard b < 0x80, b != UInt8(ascii: "["), b != UInt8(ascii: "&") else { return nil }
                    // A range a-z; a '-' first or last is itself.
                    if i + 2 < end, p[i + 1] == UInt8(ascii: "-"), p[i + 2] != UInt8(ascii: "]") {
                        let upper = p[i + 2]
                        guard upper < 0x80, upper != UInt8(ascii: "\\"), upper != UInt8(ascii: "["), upper >= b else { return nil }
                        while true {
                            atom.insert(b)
                            if b == upper { break }
                            b += 1
                        }
                        i += 3
                    } else {
                        atom.insert(b)
                        i += 1
                    }
                }
            default:
                guard c < 0x80, !Self.meta.contains(c) else { return nil }
                atom.insert(c)
                i += 1
            }
            // Quantifier.
            if i < end {
                switch p[i] {
                case UInt8(ascii: "?"): atom.min = 0; atom.max = 1; i += 1
                case UInt8(ascii: "*"): atom.min = 0; atom.max = .max; i += 1
                case UInt8(ascii: "+"): atom.min = 1; atom.max = .max; i += 1
                case UInt8(ascii: "{"):
                    var j = i + 1
                    guard let low = Self.number(p, &j, end) else { return nil }
                    var high = low
                    if j < end, p[j] == UInt8(ascii: ",") {
                        j += 1
                        high = Self.number(p, &j, end) ?? .max
                    }
                    guard j < end, p[j] == UInt8(ascii: "}"), high >= low else { return nil }
                    atom.min = low
                    atom.max = high
                    i = j + 1
                default: break
                }
                // Lazy or possessive suffixes, and stacked quantifiers, are left to ICU.
                if i < end, [UInt8(ascii: "?"), UInt8(ascii: "+"), UInt8(ascii: "*"), UInt8(ascii: "{")].contains(p[i]) { return nil }
            }
            atoms.append(atom)
        }
        guard !atoms.isEmpty else { return nil }
        self.atoms = atoms
        let fixed = atoms.allSatisfy { $0.min == $0.max && $0.max < 64 }
        fixedLength = fixed ? atoms.reduce(0) { $0 + $1.min } : nil
    }

    private static let meta: Set<UInt8> = Set(".()|*+?{}[]^$\\".utf8)

    /// Adds `\d` or an escaped ASCII punctuation character; false for every other escape.
    private static func escape(_ b: UInt8, into atom: inout Atom) -> Bool {
        if b == UInt8(ascii: "d") {
            for d in UInt8(ascii: "0")...UInt8(ascii: "9") { atom.insert(d) }
            return true
        }
        let punctuation = b < 0x80 && !(b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
            && !(b | 0x20 >= UInt8(ascii: "a") && b | 0x20 <= UInt8(ascii: "z")) && b > 0x20
        guard punctuation else { return false }
        atom.insert(b)
        return true
    }

    private static func number(_ p: [UInt8], _ j: inout Int, _ end: Int) -> Int? {
        var value = 0, digits = 0
        while j < end, p[j] >= UInt8(ascii: "0"), p[j] <= UInt8(ascii: "9"), digits < 6 {
            value = value * 10 + Int(p[j] - UInt8(ascii: "0"))
            j += 1
            digits += 1
        }
        return digits > 0 ? value : nil
    }

    /// Whether the whole of `b` matches; nil when the value is not plain ASCII of at most 63
    /// bytes and the caller must ask ICU.
    func matches(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        let n = b.count
        guard n < 64 else { return nil }
        if let fixedLength { return matchesFixed(b, fixedLength) }
        for x in b where x >= 0x80 { return nil }
        // Bit p of `reach`: the atoms so far can match exactly b[0..<p].
        var reach: UInt64 = 1
        for atom in atoms {
            var next: UInt64 = 0
            var r = reach
            while r != 0 {
                let start = r.trailingZeroBitCount
                r &= r - 1
                var q = start, k = 0
                while k < atom.min, q < n, atom.contains(b[q]) {
                    q += 1
                    k += 1
                }
                guard k == atom.min else { continue }
                next |= 1 << UInt64(q)
                while k < atom.max, q < n, atom.contains(b[q]) {
                    q += 1
                    k += 1
                    next |= 1 << UInt64(q)
                }
            }
            reach = next
            if reach == 0 { return false }
        }
        return (reach >> UInt64(n)) & 1 != 0
    }

    /// ``matches(_:)`` for a fixed-length pattern: one pass, byte against atom.
    private func matchesFixed(_ b: UnsafeBufferPointer<UInt8>, _ length: Int) -> Bool? {
        func nonASCII() -> Bool { b.contains { $0 >= 0x80 } }
        // ICU counts characters, not bytes: a value of other scripts' digits may still match.
        guard b.count == length else { return nonASCII() ? nil : false }
        var q = 0
        for atom in atoms {
            for _ in 0..<atom.min {
                guard atom.contains(b[q]) else { return nonASCII() ? nil : false }
                q += 1
            }
        }
        return true
    }
}
