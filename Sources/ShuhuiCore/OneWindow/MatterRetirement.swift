import Foundation

/// 事项取消/停用: a matter taken out of force from a day on. A retired matter stays in the
/// store for its cases' history and for exports (flagged), but it leaves the in-force
/// catalog, the TOP-N lists, the join rates and the targets, and no new case may be opened
/// on it.
public struct MatterRetirement: Sendable, Codable, Equatable {
    /// The first day the matter is no longer in force, `YYYY-MM-DD`.
    public var retiredOn: String
    /// Why (e.g. the document that cancelled it).
    public var reason: String
    /// Who retired it (display name).
    public var retiredBy: String

    /// Creates a retirement record.
    public init(retiredOn: String, reason: String, retiredBy: String) {
        self.retiredOn = retiredOn
        self.reason = reason
        self.retiredBy = retiredBy
    }
}

/// What is sent to retire a matter.
public struct MatterRetireInput: Sendable, Codable, Equatable {
    /// The first day out of force, `YYYY-MM-DD`; nil for today.
    public var retiredOn: String?
    /// Why; required.
    public var reason: String

    /// Creates the input.
    public init(retiredOn: String? = nil, reason: String) {
        self.retiredOn = retiredOn
        self.reason = reason
    }

    /// Every rule broken, by JSON field name.
    public func issues() -> [FieldIssue] {
        var out: [FieldIssue] = []
        if let on = retiredOn, CalendarDate(iso: on) == nil {
            out.append(FieldIssue(field: "retiredOn", code: "bad_date", message: Strings.format("ow.bad_date", ["value": on])))
        }
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.count > 500 {
            out.append(FieldIssue(field: "reason", code: "reason_required", message: Strings["ow.retire_reason_required"]))
        }
        return out
    }
}

extension Matter {
    /// Whether the matter is in force on `day`: never retired, or retired on a later day.
    public func isInForce(on day: CalendarDate) -> Bool {
        guard let r = retirement else { return true }
        return day.description < r.retiredOn
    }
}
