import Foundation
import ShuhuiCore
import SQLKit

/// A stored bundle with its matters and how its applications went.
public struct BundleSummary: Sendable, Codable, Equatable {
    /// Row id.
    public var id: Int64
    /// Code.
    public var code: String
    /// Name.
    public var name: String
    /// Lead unit.
    public var organizationID: Int64
    /// Lead unit's short name.
    public var organizationName: String
    /// 服务对象.
    public var audience: MatterAudience
    /// The matters merged: 实施编码 and name.
    public var matters: [MatterRef]
    /// Applications made.
    public var applications: Int
    /// Applications whose cases all completed.
    public var completed: Int

    /// A matter in a bundle.
    public struct MatterRef: Sendable, Codable, Equatable {
        /// 实施编码.
        public var code: String
        /// Name.
        public var name: String
        /// The unit's short name.
        public var organizationName: String
    }
}

/// One application to a bundle: its cases and where they stand together.
public struct BundleApplication: Sendable, Codable, Equatable {
    /// Row id.
    public var id: Int64
    /// The bundle's code.
    public var bundleCode: String
    /// 申请人.
    public var applicant: String
    /// Open, completed or closed, from the cases.
    public var progress: BundleProgress
    /// One case per matter.
    public var cases: [CaseRecord]
}

/// 一件事 figures: "282 项单独办事事项合并为 75 项一件事".
public struct BundleStatistics: Sendable, Codable, Equatable {
    /// Bundles defined.
    public var bundles: Int
    /// Distinct matters merged into them.
    public var mattersMerged: Int
    /// Applications.
    public var applications: Int
    /// Applications completed.
    public var completed: Int
}

extension Store {
    /// Defines a bundle over existing matters (the bureau).
    public func createBundle(_ draft: BundleDraft, by actor: Principal, now: Date = Date()) async throws -> BundleSummary {
        try AccessPolicy.canManageOneWindow(actor)
        let drafted = draft.issues()
        let id: Int64 = try await database.transaction { (db: any SQLDatabase) in
            var issues = drafted
            if try await db.raw("SELECT id FROM bundles WHERE code = \(bind: draft.code)").first() != nil { throw StoreError.duplicate(field: "code", value: draft.code) }
            if try await db.raw("SELECT id FROM organizations WHERE id = \(bind: draft.organizationID)").first() == nil {
                issues.append(FieldIssue(field: "organizationID", code: "unknown_unit", message: Strings.format("ow.unknown_unit", ["value": String(draft.organizationID)])))
            }
            var matterIDs: [Int64] = []
            let today = CalendarDate(beijing: now).description
            for (i, code) in draft.matterCodes.enumerated() {
                if let row = try await db.raw("SELECT id, name, retired_on FROM matters WHERE code = \(bind: code)").first() {
                    matterIDs.append(try row.decode(column: "id", as: Int64.self))
                    if let on = try row.optional("retired_on", as: String.self), on <= today {
                        issues.append(FieldIssue(field: "matterCodes[\(i)]", code: "matter_retired", message: Strings.format(
                            "ow.matter_retired", ["code": code, "name": try row.decode(column: "name", as: String.self), "on": on])))
                    }
                } else {
                    issues.append(FieldIssue(field: "matterCodes[\(i)]", code: "unknown_matter", message: Strings.format("ow.unknown_matter", ["value": code])))
                }
            }
            if !issues.isEmpty { throw StoreError.invalid(ValidationFailure(issues)) }
            let row = try await db.raw("""
                INSERT INTO bundles (code, name, organization_id, audience, created_at)
                VALUES (\(bind: draft.code), \(bind: draft.name), \(bind: draft.organizationID), \(bind: draft.audience.rawValue), \(bind: Clock.millis(now)))
                RETURNING id
                """).first()
            let id = try row.orThrow(.notFound("bundle")).decode(column: "id", as: Int64.self)
            for (i, m) in matterIDs.enumerated() {
                try await db.raw("INSERT INTO bundle_matters (bundle_id, matter_id, position) VALUES (\(bind: id), \(bind: m), \(bind: Int64(i)))").run()
            }
            return id
        }
        return try await bundles().first { $0.id == id }.orThrow(.notFound("bundle \(id)"))
    }

    /// Every bundle with its matters and application counts.
    public func bundles() async throws -> [BundleSummary] {
        try await database.read { db in
            var out: [BundleSummary] = []
            for r in try await db.raw("SELECT b.*, o.short_name AS organization_name FROM bundles b JOIN organizations o ON o.id = b.organization_id ORDER BY b.id").all() {
                let id = try r.decode(column: "id", as: Int64.self)
                let matters = try await db.raw("""
                    SELECT m.code, m.name, o.short_name FROM bundle_matters bm JOIN matters m ON m.id = bm.matter_id JOIN organizations o ON o.id = m.organization_id
                    WHERE bm.bundle_id = \(bind: id) ORDER BY bm.position
                    """).all().map { BundleSummary.MatterRef(code: try $0.decode(column: "code", as: String.self), name: try $0.decode(column: "name", as: String.self),
                                                               organizationName: try $0.decode(column: "short_name", as: String.self)) }
                var applications = 0, completed = 0
                var states: [Int64: [CaseState]] = [:]
                for c in try await db.raw("""
                    SELECT a.id, c.state FROM bundle_applications a LEFT JOIN cases c ON c.application_id = a.id WHERE a.bundle_id = \(bind: id)
                    """).all() {
                    let app = try c.decode(column: "id", as: Int64.self)
                    if let s = try c.optional("state", as: String.self).flatMap(CaseState.init(rawValue:)) { states[app, default: []].append(s) } else { states[app, default: []] += [] }
                }
                applications = states.count
                completed = states.values.filter { BundleProgress.of($0) == .completed }.count
                out.append(BundleSummary(
                    id: id, code: try r.decode(column: "code", as: String.self), name: try r.decode(column: "name", as: String.self),
                    organizationID: try r.decode(column: "organization_id", as: Int64.self), organizationName: try r.decode(column: "organization_name", as: String.self),
                    audience: MatterAudience(rawValue: try r.decode(column: "audience", as: String.self)) ?? .both, matters: matters,
                    applications: applications, completed: completed))
            }
            return out
        }
    }

    /// One application to a bundle opens a case per matter, all received now.
    public func applyForBundle(code: String, applicant: String, by actor: Principal, now: Date = Date()) async throws -> BundleApplication {
        guard let bundle = try await bundles().first(where: { $0.code == code }) else { throw StoreError.notFound("bundle \(code)") }
        try AccessPolicy.canHandleCase(ofUnit: bundle.organizationID, actor)
        let name = try Self.applicant(applicant)
        // One retired matter and the application opens no case at all.
        for ref in bundle.matters { try Self.requireInForce(try await matter(code: ref.code), on: CalendarDate(beijing: now)) }
        let id: Int64 = try await database.transaction { (db: any SQLDatabase) in
            let row = try await db.raw("""
                INSERT INTO bundle_applications (bundle_id, applicant, created_at) VALUES (\(bind: bundle.id), \(bind: name), \(bind: Clock.millis(now))) RETURNING id
                """).first()
            let app = try row.orThrow(.notFound("application")).decode(column: "id", as: Int64.self)
            for m in try await db.raw("""
                SELECT m.id, m.organization_id FROM bundle_matters bm JOIN matters m ON m.id = bm.matter_id WHERE bm.bundle_id = \(bind: bundle.id) ORDER BY bm.position
                """).all() {
                _ = try await Self.insertCase(db, matterID: try m.decode(column: "id", as: Int64.self), organizationID: try m.decode(column: "organization_id", as: Int64.self),
                                              applicationID: app, channel: "bundle", systemID: nil, externalCode: nil, applicant: name, actor: CaseActor(actor), now: now)
            }
            return app
        }
        return try await bundleApplication(id: id, now: now)
    }

    /// One application with its cases.
    public func bundleApplication(id: Int64, now: Date = Date()) async throws -> BundleApplication {
        let head = try await database.read { db in
            try await db.raw("SELECT a.applicant, b.code FROM bundle_applications a JOIN bundles b ON b.id = a.bundle_id WHERE a.id = \(bind: id)").first().map {
                (try $0.decode(column: "applicant", as: String.self), try $0.decode(column: "code", as: String.self))
            }
        }
        guard let (applicant, code) = head else { throw StoreError.notFound("bundle application \(id)") }
        let caseIDs = try await database.read { db in
            try await db.raw("SELECT id FROM cases WHERE application_id = \(bind: id) ORDER BY id").all().map { try $0.decode(column: "id", as: Int64.self) }
        }
        var cases: [CaseRecord] = []
        for c in caseIDs { cases.append(try await caseRecord(id: c, now: now)) }
        return BundleApplication(id: id, bundleCode: code, applicant: applicant, progress: BundleProgress.of(cases.map(\.state)), cases: cases)
    }

    /// How many matters are merged into how many bundles, and how applications went.
    public func bundleStatistics() async throws -> BundleStatistics {
        let list = try await bundles()
        return BundleStatistics(bundles: list.count, mattersMerged: Set(list.flatMap { $0.matters.map(\.code) }).count,
                                applications: list.reduce(0) { $0 + $1.applications }, completed: list.reduce(0) { $0 + $1.completed })
    }
}
