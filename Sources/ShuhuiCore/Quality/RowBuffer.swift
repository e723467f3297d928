/// Rows that passed their checks, waiting to be written: each row's key, then its fields'
/// values, typed as ``TypedValue/parse(_:as:)`` types them — text (dates and date-times in
/// their canonical form) in one byte buffer, numbers in place. A chunk write binds or copies
/// them without a `String` per value; rows read from CSV bytes never build one.
public struct RowBuffer: Sendable {
    public enum Kind: UInt8, Sendable {
        case null, text, integer, decimal
    }

    /// One value: a range of `bytes` for text, the number itself otherwise (a decimal's bits;
    /// a boolean as the integer 1 or 0).
    public struct Cell: Sendable {
        public var payload: Int64
        public var length: Int32
        public var kind: Kind
    }

    /// Cells a row takes: its key, then one per field.
    public let width: Int
    public private(set) var bytes: [UInt8] = []
    public private(set) var cells: [Cell] = []

    /// A buffer for rows of `fields` values, with room for `rows` of them.
    public init(fields: Int, rows: Int = 0) {
        width = fields + 1
        cells.reserveCapacity(rows * width)
        bytes.reserveCapacity(rows * width * 12)
    }

    public var count: Int { cells.count / width }
    public var isEmpty: Bool { cells.isEmpty }

    public func cell(_ row: Int, _ column: Int) -> Cell { cells[row * width + column] }

    // MARK: - Appending

    mutating func appendNull() {
        cells.append(Cell(payload: 0, length: 0, kind: .null))
    }

    mutating func appendText(_ b: UnsafeBufferPointer<UInt8>) {
        cells.append(Cell(payload: Int64(bytes.count), length: Int32(b.count), kind: .text))
        bytes.append(contentsOf: b)
    }

    mutating func appendText(_ s: String) {
        var s = s
        s.withUTF8 { appendText($0) }
    }

    mutating func appendInteger(_ n: Int64) {
        cells.append(Cell(payload: n, length: 0, kind: .integer))
    }

    mutating func appendDecimal(_ d: Double) {
        cells.append(Cell(payload: Int64(bitPattern: d.bitPattern), length: 0, kind: .decimal))
    }

    mutating func append(_ v: TypedValue?) {
        switch v {
        case nil: appendNull()
        case .text(let s)?, .date(let s)?, .datetime(let s)?: appendText(s)
        case .integer(let n)?: appendInteger(n)
        case .decimal(let d)?: appendDecimal(d)
        case .boolean(let b)?: appendInteger(b ? 1 : 0)
        }
    }

    /// Appends a row checked elsewhere: its key and its typed values in field order.
    public mutating func append(key: String?, values: [TypedValue?]) {
        precondition(values.count == width - 1, "a row of \(values.count) values in a buffer of \(width - 1) fields")
        if let key { appendText(key) } else { appendNull() }
        for v in values { append(v) }
    }

    /// Appends the value the UTF-8 bytes `b` (not empty) parse to as `type`, or null when they
    /// do not: the same value ``ValueParsing/parse(_:_:_:)`` gives, without its `String`.
    mutating func append(parsing b: UnsafeBufferPointer<UInt8>, as type: FieldType) {
        switch type {
        case .string:
            appendText(b)
        case .integer:
            if let n = ValueParsing.integer(b) { appendInteger(n) } else { appendNull() }
        case .decimal:
            if let d = ValueParsing.decimal(b) { appendDecimal(d) } else { appendNull() }
        case .date:
            guard let d = ValueParsing.parsedDate(b) else { return appendNull() }
            if d.canonical { appendText(b) } else { appendText(ValueParsing.dateText(d.day)) }
        case .datetime:
            guard let d = ValueParsing.parsedDatetime(b) else { return appendNull() }
            if d.canonical { appendText(b) } else { appendText(ValueParsing.datetimeText(d.stamp)) }
        case .boolean:
            if let v = ValueParsing.boolean(b) { appendInteger(v ? 1 : 0) } else { appendNull() }
        }
    }

    // MARK: - Reading

    /// Cell `column` of `row` as text, or nil for a null or a number.
    public func text(_ row: Int, _ column: Int) -> String? {
        let c = cell(row, column)
        guard c.kind == .text else { return nil }
        return bytes.withUnsafeBufferPointer { b in
            String(decoding: UnsafeBufferPointer(rebasing: b[Int(c.payload)..<Int(c.payload) + Int(c.length)]), as: UTF8.self)
        }
    }

    /// Every row's key, in row order; rows without one are left out.
    public var keys: [String] {
        (0..<count).compactMap { text($0, 0) }
    }

    /// Field `field`'s value in `row` (field order, without the key) as `type`.
    public func value(_ row: Int, field: Int, as type: FieldType) -> TypedValue? {
        let c = cell(row, field + 1)
        switch c.kind {
        case .null: return nil
        case .integer where type == .boolean: return .boolean(c.payload != 0)
        case .integer: return .integer(c.payload)
        case .decimal: return .decimal(Double(bitPattern: UInt64(bitPattern: c.payload)))
        case .text:
            let s = text(row, field + 1) ?? ""
            switch type {
            case .date: return .date(s)
            case .datetime: return .datetime(s)
            default: return .text(s)
            }
        }
    }
}
