/// One page of a list, with the total so clients can page.
public struct Page<Item: Sendable & Encodable>: Sendable, Encodable {
    /// The items on this page.
    public var items: [Item]
    /// Items matching in all.
    public var total: Int
    /// Page size asked for.
    public var limit: Int
    /// Items skipped.
    public var offset: Int

    /// Creates a page.
    public init(items: [Item], total: Int, limit: Int, offset: Int) {
        self.items = items
        self.total = total
        self.limit = limit
        self.offset = offset
    }
}

/// Limit and offset, clamped to sane bounds.
public struct PageRequest: Sendable, Equatable {
    /// At most this many items (1…500).
    public var limit: Int
    /// Skip this many.
    public var offset: Int

    /// Clamps the numbers given (nil → defaults of 20 and 0).
    public init(limit: Int? = nil, offset: Int? = nil) {
        self.limit = min(max(limit ?? 20, 1), 500)
        self.offset = max(offset ?? 0, 0)
    }
}
