import Foundation

/// A cell's value once parsed as its field's type; what is stored in the resource's table.
///
/// Dates and date-times are kept as canonical text (`YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS`):
/// that text sorts chronologically, reads the same on SQLite and PostgreSQL, and is what
/// departments recognise when they see their data again.
public enum TypedValue: Sendable, Equatable, Hashable, Encodable, CustomStringConvertible {
    /// A string field's value, exactly as submitted.
    case text(String)
    /// A whole number.
    case integer(Int64)
    /// A decimal number (always finite).
    case decimal(Double)
    /// A date, `YYYY-MM-DD`.
    case date(String)
    /// A date and time of day, `YYYY-MM-DD HH:MM:SS`, without time zone (Beijing time by
    /// convention, as departments record it).
    case datetime(String)
    /// A yes/no value.
    case boolean(Bool)

    /// Encodes as the plain JSON value: a string, a number or a boolean.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .text(let s), .date(let s), .datetime(let s): try c.encode(s)
        case .integer(let i): try c.encode(i)
        case .decimal(let d): try c.encode(d)
        case .boolean(let b): try c.encode(b)
        }
    }

    /// The canonical text: what keys are built from and what the value looks like in a CSV
    /// export. Booleans are `true`/`false`.
    public var description: String {
        switch self {
        case .text(let s), .date(let s), .datetime(let s): s
        case .integer(let i): String(i)
        case .decimal(let d): ValueParsing.format(d)
        case .boolean(let b): b ? "true" : "false"
        }
    }

    /// Parses raw text as `type`; nil when the text is empty or is not a value of that type.
    ///
    /// Accepted forms: integers with an optional sign; decimals with `.` and an optional
    /// exponent (never NaN or infinity); dates `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD`
    /// (month and day may have one digit), `YYYYMMDD` and `YYYY年M月D日`, which must be real
    /// days; date-times as such a date, then a space or `T`, then `HH:MM` or `HH:MM:SS`
    /// (fractional seconds are dropped: storage keeps whole seconds), or a date alone
    /// (midnight); booleans 是/否, true/false, 1/0, Y/N (any letter case). Surrounding
    /// spaces and tabs are ignored for every type but string.
    public static func parse(_ raw: String, as type: FieldType) -> TypedValue? {
        guard !raw.isEmpty else { return nil }
        var scratch = ParsedScalars()
        return ValueParsing.parse(raw, type, &scratch)
    }
}

/// Side results of parsing that rule checks need, so that a date is read once per row
/// and compared as a number afterwards.
struct ParsedScalars {
    /// `yyyymmdd` of a date or date-time.
    var day = 0
    /// `yyyymmddhhmmss` of a date or date-time.
    var stamp: Int64 = 0
    /// The number of an integer or decimal.
    var number = 0.0
}

/// Byte-level parsers for the field types. They work on UTF-8 bytes because iterating a
/// `String` by `Character` costs far more than the checks themselves on a million rows.
enum ValueParsing {
    static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
    static let zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9")

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- zero <= 9 }

    /// Runs `body` on the string's UTF-8 bytes without copying native strings.
    @inline(__always) static func withBytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
        return Array(s.utf8).withUnsafeBufferPointer(body)
    }

    /// Parses `raw` (non-empty) as `type`, filling `scalars` for numbers and dates.
    static func parse(_ raw: String, _ type: FieldType, _ scalars: inout ParsedScalars) -> TypedValue? {
        switch type {
        case .string:
            return .text(raw)
        case .integer:
            guard let v = withBytes(raw, { integer($0) }) else { return nil }
            scalars.number = Double(v)
            return .integer(v)
        case .decimal:
            guard let d = decimal(raw) else { return nil }
            scalars.number = d
            return .decimal(d)
        case .date:
            guard let parsed = withBytes(raw, parsedDate) else { return nil }
            scalars.day = parsed.day
            scalars.stamp = Int64(parsed.day) * 1_000_000
            // Already canonical: reuse the caller's string instead of building a new one.
            return .date(parsed.canonical ? raw : dateText(parsed.day))
        case .datetime:
            guard let parsed = withBytes(raw, parsedDatetime) else { return nil }
            scalars.stamp = parsed.stamp
            scalars.day = Int(parsed.stamp / 1_000_000)
            return .datetime(parsed.canonical ? raw : datetimeText(parsed.stamp))
        case .boolean:
            return withBytes(raw) { boolean($0) }.map(TypedValue.boolean)
        }
    }

    /// Whether the UTF-8 bytes `b` (not empty) are a value of `type`, filling `scalars` as
    /// ``parse(_:_:_:)`` does but without building the value: what checking a row needs when
    /// the row is not going to be stored.
    static func scan(_ b: UnsafeBufferPointer<UInt8>, _ type: FieldType, _ scalars: inout ParsedScalars) -> Bool {
        switch type {
        case .string:
            return true
        case .integer:
            guard let v = integer(b) else { return false }
            scalars.number = Double(v)
        case .decimal:
            guard let d = decimal(b) else { return false }
            scalars.number = d
        case .date:
            let r = trimmed(b)
            guard let day = date(b, r.lowerBound, r.upperBound) else { return false }
            scalars.day = day
            scalars.stamp = Int64(day) * 1_000_000
        case .datetime:
            let r = trimmed(b)
            guard let stamp = datetime(b, r.lowerBound, r.upperBound) else { return false }
            scalars.stamp = stamp
            scalars.day = Int(stamp / 1_000_000)
        case .boolean:
            return boolean(b) != nil
        }
        return true
    }

    /// The date in `b` as `yyyymmdd`, and whether `b` is its canonical text `YYYY-MM-DD`
    /// already (nothing around it); nil when `b` is not a date.
    static func parsedDate(_ b: UnsafeBufferPointer<UInt8>) -> (day: Int, canonical: Bool)? {
        let r = trimmed(b)
        guard let day = date(b, r.lowerBound, r.upperBound) else { return nil }
        return (day, r.count == b.count && b.count == 10 && b[4] == UInt8(ascii: "-") && b[7] == UInt8(ascii: "-"))
    }

    /// The date-time in `b` as `yyyymmddhhmmss`, and whether `b` is its canonical text
    /// `YYYY-MM-DD hh:mm:ss` already; nil when `b` is not a date-time.
    static func parsedDatetime(_ b: UnsafeBufferPointer<UInt8>) -> (stamp: Int64, canonical: Bool)? {
        let r = trimmed(b)
        guard let stamp = datetime(b, r.lowerBound, r.upperBound) else { return nil }
        return (stamp, r.count == b.count && b.count == 19 && b[4] == UInt8(ascii: "-") && b[7] == UInt8(ascii: "-")
            && b[10] == space && b[13] == UInt8(ascii: ":") && b[16] == UInt8(ascii: ":"))
    }

    /// The range of `b` without surrounding spaces and tabs.
    @inline(__always) static func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var lo = 0, hi = b.count
        while lo < hi, b[lo] == space || b[lo] == tab { lo += 1 }
        while hi > lo, b[hi - 1] == space || b[hi - 1] == tab { hi -= 1 }
        return lo..<hi
    }

    /// `[+-]?[0-9]+` within Int64.
    static func integer(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        let r = trimmed(b)
        var i = r.lowerBound
        guard i < r.upperBound else { return nil }
        var negative = false
        if b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
            negative = b[i] == UInt8(ascii: "-")
            i += 1
        }
        guard i < r.upperBound else { return nil }
        // Accumulate negatively so that Int64.min parses too.
        var value: Int64 = 0
        while i < r.upperBound {
            let d = b[i] &- zero
            guard d <= 9 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.subtractingReportingOverflow(Int64(d))
            guard !o1, !o2 else { return nil }
            value = s
            i += 1
        }
        if negative { return value }
        return value == .min ? nil : -value
    }

    /// Whether `b[r]` is `[+-]?(digits[.digits?]|.digits)([eE][+-]?digits)?`: the shapes
    /// people write, and none of the words (`nan`, `inf`) or hex forms strtod would accept.
    static func isDecimalShape(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        var i = r.lowerBound
        let end = r.upperBound
        if i < end, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
        var digits = 0
        while i < end, isDigit(b[i]) { i += 1; digits += 1 }
        if i < end, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < end, isDigit(b[i]) { i += 1; digits += 1 }
        }
        guard digits > 0 else { return false }
        if i < end, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < end, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
            var exponent = 0
            while i < end, isDigit(b[i]) { i += 1; exponent += 1 }
            guard exponent > 0 else { return false }
        }
        return i == end
    }

    /// Powers of ten a `Double` holds exactly.
    private static let exactPowers: InlineArray<23, Double> = {
        var powers = InlineArray<23, Double>(repeating: 1)
        for k in 1..<23 { powers[k] = powers[k - 1] * 10 }  // every step exact up to 10²²
        return powers
    }()

    /// `[-]digits[.digits]` with at most 15 significant digits, read without strtod: the
    /// digits as an integer (exact below 2⁵³) divided by an exact power of ten, which IEEE
    /// division rounds correctly, so the result is strtod's. Nil for any other shape.
    @inline(__always) static func simpleDecimal(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0
        let n = b.count
        let negative = n > 0 && b[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        var mantissa = 0, digits = 0, scale = 0
        var point = false
        while i < n {
            let c = b[i]
            if isDigit(c) {
                mantissa = mantissa * 10 + Int(c &- zero)
                digits += 1
                if point { scale += 1 }
            } else if c == UInt8(ascii: "."), !point {
                point = true
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0, digits <= 15, !(point && scale == 0) else { return nil }
        let value = Double(mantissa) / exactPowers[scale]
        return negative ? -value : value
    }

    /// A finite decimal, or nil.
    static func decimal(_ raw: String) -> Double? {
        withBytes(raw) { decimal($0) }
    }

    /// A finite decimal written in UTF-8 bytes, or nil.
    static func decimal(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        if let fast = simpleDecimal(b) { return fast }
        let r = trimmed(b)
        guard isDecimalShape(b, r), let value = Double(String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)), value.isFinite
        else { return nil }
        return value
    }

    /// Reads `count` digits at `i`; nil when one is not a digit.
    @inline(__always) static func digits(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ count: Int) -> Int? {
        var v = 0
        for k in i..<(i + count) {
            let d = b[k] &- zero
            guard d <= 9 else { return nil }
            v = v * 10 + Int(d)
        }
        return v
    }

    /// Reads one or two digits at `i`, advancing `i`.
    @inline(__always) static func shortNumber(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ end: Int) -> Int? {
        guard i < end, isDigit(b[i]) else { return nil }
        var v = Int(b[i] - zero)
        i += 1
        if i < end, isDigit(b[i]) {
            v = v * 10 + Int(b[i] - zero)
            i += 1
        }
        return v
    }

    /// `yyyymmdd` when `year`-`month`-`day` is a real Gregorian date.
    @inline(__always) static func dayNumber(_ year: Int, _ month: Int, _ day: Int) -> Int? {
        guard year >= 1, year <= 9999, month >= 1, month <= 12, day >= 1,
              day <= CalendarDate.daysIn(month: month, year: year)
        else { return nil }
        return year * 10000 + month * 100 + day
    }

    private static let nian: [UInt8] = Array("年".utf8), yue: [UInt8] = Array("月".utf8), ri: [UInt8] = Array("日".utf8)

    @inline(__always) private static func matches(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ end: Int, _ word: [UInt8]) -> Bool {
        guard end - i >= word.count else { return false }
        for k in 0..<word.count where b[i + k] != word[k] { return false }
        i += word.count
        return true
    }

    /// Parses a date in `b[start..<end]`, returning `yyyymmdd`; `next` receives the index
    /// after the date so date-times can continue from there.
    static func datePrefix(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, next: inout Int) -> Int? {
        guard end - start >= 8, let year = digits(b, start, 4) else { return nil }
        var i = start + 4
        let sep = b[i]
        if isDigit(sep) {
            // YYYYMMDD
            guard let month = digits(b, i, 2), let day = digits(b, i + 2, 2) else { return nil }
            next = i + 4
            return dayNumber(year, month, day)
        }
        if sep == UInt8(ascii: "-") || sep == UInt8(ascii: "/") || sep == UInt8(ascii: ".") {
            i += 1
            guard let month = shortNumber(b, &i, end), i < end, b[i] == sep else { return nil }
            i += 1
            guard let day = shortNumber(b, &i, end) else { return nil }
            next = i
            return dayNumber(year, month, day)
        }
        guard matches(b, &i, end, nian), let month = shortNumber(b, &i, end), matches(b, &i, end, yue),
              let day = shortNumber(b, &i, end), matches(b, &i, end, ri)
        else { return nil }
        next = i
        return dayNumber(year, month, day)
    }

    /// A whole date in `b[start..<end]` as `yyyymmdd`.
    static func date(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var next = start
        guard let day = datePrefix(b, start, end, next: &next), next == end else { return nil }
        return day
    }

    /// A date-time in `b[start..<end]` as `yyyymmddhhmmss`.
    static func datetime(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int64? {
        var i = start
        guard let day = datePrefix(b, start, end, next: &i) else { return nil }
        if i == end { return Int64(day) * 1_000_000 }
        guard b[i] == space || b[i] == UInt8(ascii: "T") else { return nil }
        i += 1
        while i < end, b[i] == space { i += 1 }
        let colon = UInt8(ascii: ":")
        guard let hour = shortNumber(b, &i, end), i < end, b[i] == colon,
              let minute = digits2(b, i + 1, end)
        else { return nil }
        i += 3
        var second = 0
        if i < end, b[i] == colon {
            guard let s = digits2(b, i + 1, end) else { return nil }
            second = s
            i += 3
            if i < end, b[i] == UInt8(ascii: ".") {
                i += 1
                guard i < end, isDigit(b[i]) else { return nil }
                while i < end, isDigit(b[i]) { i += 1 }
            }
        }
        guard i == end, hour <= 23, minute <= 59, second <= 59 else { return nil }
        return Int64(day) * 1_000_000 + Int64(hour * 10000 + minute * 100 + second)
    }

    @inline(__always) private static func digits2(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int? {
        guard i + 2 <= end else { return nil }
        return digits(b, i, 2)
    }

    private static let shi: [UInt8] = Array("是".utf8), fou: [UInt8] = Array("否".utf8)

    /// 是/否, true/false, 1/0, Y/N in any letter case.
    static func boolean(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        let r = trimmed(b)
        let n = r.count
        var i = r.lowerBound
        if n == 3 {
            if matches(b, &i, r.upperBound, shi) { return true }
            if matches(b, &i, r.upperBound, fou) { return false }
        }
        func lower(_ k: Int) -> UInt8 { b[r.lowerBound + k] | 0x20 }
        switch n {
        case 1:
            switch b[r.lowerBound] {
            case UInt8(ascii: "1"), UInt8(ascii: "Y"), UInt8(ascii: "y"): return true
            case UInt8(ascii: "0"), UInt8(ascii: "N"), UInt8(ascii: "n"): return false
            default: return nil
            }
        case 4:
            return lower(0) == UInt8(ascii: "t") && lower(1) == UInt8(ascii: "r") && lower(2) == UInt8(ascii: "u")
                && lower(3) == UInt8(ascii: "e") ? true : nil
        case 5:
            return lower(0) == UInt8(ascii: "f") && lower(1) == UInt8(ascii: "a") && lower(2) == UInt8(ascii: "l")
                && lower(3) == UInt8(ascii: "s") && lower(4) == UInt8(ascii: "e") ? false : nil
        default:
            return nil
        }
    }

    /// `YYYY-MM-DD` for `yyyymmdd`; at most 15 bytes, so Swift keeps it inline (no heap).
    static func dateText(_ day: Int) -> String {
        String(unsafeUninitializedCapacity: 10) { buffer in
            write(day / 10000, 4, buffer, 0)
            buffer[4] = UInt8(ascii: "-")
            write(day / 100 % 100, 2, buffer, 5)
            buffer[7] = UInt8(ascii: "-")
            write(day % 100, 2, buffer, 8)
            return 10
        }
    }

    /// `YYYY-MM-DD HH:MM:SS` for `yyyymmddhhmmss`.
    static func datetimeText(_ stamp: Int64) -> String {
        let day = Int(stamp / 1_000_000), time = Int(stamp % 1_000_000)
        return String(unsafeUninitializedCapacity: 19) { buffer in
            write(day / 10000, 4, buffer, 0)
            buffer[4] = UInt8(ascii: "-")
            write(day / 100 % 100, 2, buffer, 5)
            buffer[7] = UInt8(ascii: "-")
            write(day % 100, 2, buffer, 8)
            buffer[10] = space
            write(time / 10000, 2, buffer, 11)
            buffer[13] = UInt8(ascii: ":")
            write(time / 100 % 100, 2, buffer, 14)
            buffer[16] = UInt8(ascii: ":")
            write(time % 100, 2, buffer, 17)
            return 19
        }
    }

    @inline(__always) private static func write(_ value: Int, _ width: Int, _ buffer: UnsafeMutableBufferPointer<UInt8>, _ at: Int) {
        var v = value
        for k in stride(from: at + width - 1, through: at, by: -1) {
            buffer[k] = zero + UInt8(v % 10)
            v /= 10
        }
    }

    /// A number for messages: whole numbers without a decimal point.
    static func format(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }
}
