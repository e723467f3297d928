/// Makes tab names acceptable to Excel, which refuses a whole file over one bad name.
enum SheetNames {
    private static let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
    private static let maxLength = 31

    /// Legal, unique (ignoring case) names for `names`, changed as little as possible:
    /// forbidden characters become `_`, names are cut to 31 UTF-16 units, empty names
    /// become `SheetN`, and duplicates get ` (2)`, ` (3)`, ….
    static func legal(_ names: [String]) -> [String] {
        var used = Set<String>()
        var result: [String] = []
        for (index, name) in names.enumerated() {
            var base = String(name.map { forbidden.contains($0) || $0.isNewline ? "_" : $0 })
            // Excel rejects names starting or ending with an apostrophe, and reserves "History".
            while base.hasPrefix("'") { base.removeFirst() }
            while base.hasSuffix("'") { base.removeLast() }
            base = base.trimmingSpaces()
            if base.isEmpty { base = "Sheet\(index + 1)" }
            if base.lowercased() == "history" { base += "_" }
            var candidate = truncated(base, to: maxLength)
            var counter = 2
            while used.contains(candidate.lowercased()) {
                let suffix = " (\(counter))"
                candidate = truncated(base, to: maxLength - suffix.utf16.count) + suffix
                counter += 1
            }
            used.insert(candidate.lowercased())
            result.append(candidate)
        }
        return result
    }

    private static func truncated(_ text: String, to length: Int) -> String {
        var text = text
        while text.utf16.count > length { text.removeLast() }
        return text
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var text = self
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }
}
