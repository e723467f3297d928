import Foundation
import ShuhuiCore
import SQLKit

extension Store {
    /// Retires a matter (事项取消/停用) from `input.retiredOn` (today when nil): authorised as
    /// editing the matter is. The row stays, with its cases; it leaves the in-force catalog,
    /// TOP-N, join rates and targets, and takes no new case.
    public func retireMatter(code: String, _ input: MatterRetireInput, by actor: Principal, now: Date = Date()) async throws -> Matter {
        let existing = try await matter(code: code)
        try AccessPolicy.canEditMatter(ownedBy: existing.draft.organizationID, actor)
        let issues = input.issues()
        if !issues.isEmpty { throw StoreError.invalid(ValidationFailure(issues)) }
        if let r = existing.retirement {
            throw StoreError.conflict(Strings.format("ow.matter_already_retired", ["code": code, "on": r.retiredOn]))
        }
        let on = input.retiredOn ?? CalendarDate(beijing: now).description
        let reason = input.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        try await database.transaction { (db: any SQLDatabase) in
            try await db.raw("""
                UPDATE matters SET retired_on = \(bind: on), retired_reason = \(bind: reason), retired_by = \(bind: actor.displayName),
                    updated_at = \(bind: Clock.millis(now))
                WHERE id = \(bind: existing.id) AND retired_on IS NULL
                """).run()
        }
        return try await matter(id: existing.id)
    }

    /// Puts a retired matter back in force (a retirement entered by mistake), authorised as
    /// editing the matter is.
    public func reinstateMatter(code: String, by actor: Principal, now: Date = Date()) async throws -> Matter {
        let existing = try await matter(code: code)
        try AccessPolicy.canEditMatter(ownedBy: existing.draft.organizationID, actor)
        guard existing.retirement != nil else { throw StoreError.conflict(Strings.format("ow.matter_not_retired", ["code": code])) }
        try await database.transaction { (db: any SQLDatabase) in
            try await db.raw("""
                UPDATE matters SET retired_on = NULL, retired_reason = NULL, retired_by = NULL, updated_at = \(bind: Clock.millis(now))
                WHERE id = \(bind: existing.id)
                """).run()
        }
        return try await matter(id: existing.id)
    }

    /// Refuses a new case on a matter not in force on `day`, naming the matter.
    static func requireInForce(_ matter: Matter, on day: CalendarDate, field: String = "matterCode") throws {
        guard !matter.isInForce(on: day), let r = matter.retirement else { return }
        throw StoreError.invalid(ValidationFailure(field: field, code: "matter_retired", message: Strings.format(
            "ow.matter_retired", ["code": matter.draft.code, "name": matter.draft.name, "on": r.retiredOn])))
    }
}
