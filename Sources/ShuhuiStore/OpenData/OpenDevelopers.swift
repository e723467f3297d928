import Crypto
import Foundation
import ShuhuiCore
import SQLKit

/// A registered developer.
public struct OpenDeveloper: Sendable, Codable, Equatable {
    public var id: Int64
    public var kind: DeveloperKind
    public var name: String
    public var email: String
    public var creditCode: String?
    public var createdAt: Date
}

/// An app key as listed (the secret itself is shown once, at creation).
public struct OpenAppKey: Sendable, Codable, Equatable {
    public var id: Int64
    public var name: String
    /// First characters of the key, to tell keys apart.
    public var prefix: String
    /// Calls allowed per day (Asia/Shanghai).
    public var dailyQuota: Int
    public var createdAt: Date
    public var revoked: Bool
}

/// A new key with its secret.
public struct IssuedAppKey: Sendable, Codable, Equatable {
    public var key: OpenAppKey
    /// The secret: sent as `Authorization: <secret>` or `X-App-Key`.
    public var secret: String
}

/// Who an app key belongs to.
public struct OpenKeyOwner: Sendable, Equatable {
    public var keyID: Int64
    public var developerID: Int64
    public var dailyQuota: Int
}

/// A restricted-access application (受限开放申请).
public struct OpenApplication: Sendable, Codable, Equatable {
    public var id: Int64
    public var datasetName: String
    public var datasetTitle: String
    public var providerID: Int64
    public var developerID: Int64
    public var developerName: String
    public var purpose: String
    public var state: OpenReviewState
    public var reason: String
    public var createdAt: Date
    public var decidedAt: Date?
}

/// An application built on open data, for the showcase.
public struct OpenApp: Sendable, Codable, Equatable {
    public var id: Int64
    public var developerID: Int64
    public var developerName: String
    public var name: String
    public var description: String
    public var url: String
    /// Names of the datasets it uses.
    public var datasets: [String]
    public var state: OpenReviewState
    public var reason: String
    public var createdAt: Date
}

/// What is counted per dataset and day.
public enum OpenUsageKind: String, Sendable {
    case view, download, apiCall
}

extension Store {
    /// The default daily quota of a new key.
    public static let defaultOpenQuota = 10_000

    /// Registers a developer and issues the first app key.
    public func registerDeveloper(_ input: DeveloperRegistration) async throws -> (OpenDeveloper, IssuedAppKey) {
        let issues = input.issues()
        if !issues.isEmpty { throw StoreError.invalid(ValidationFailure(issues)) }
        let email = input.email.trimmingCharacters(in: .whitespaces).lowercased()
        var credit: String?
        if input.kind == .company { credit = try? CreditCode(input.creditCode ?? "").value }
        let creditCode = credit
        return try await database.transaction { db in
            if try await db.raw("SELECT id FROM open_developers WHERE email = \(bind: email)").first() != nil {
                throw StoreError.invalid(ValidationFailure(field: "email", code: "duplicate", message: Strings["open.v.emailTaken"]))
            }
            let now = Clock.millis()
            let row = try await db.raw("""
                INSERT INTO open_developers (kind, name, email, credit_code, created_at)
                VALUES (\(bind: input.kind.rawValue), \(bind: input.name.trimmingCharacters(in: .whitespaces)), \(bind: email), \(bind: creditCode), \(bind: now))
                RETURNING id, kind, name, email, credit_code, created_at
                """).first()
            let developer = try Self.developer(row.orThrow(.notFound("developer")))
            let key = try await Self.insertKey(db, developerID: developer.id, name: "default", quota: Self.defaultOpenQuota)
            return (developer, key)
        }
    }

    /// Issues another key to a developer.
    public func issueAppKey(developerID: Int64, name: String, quota: Int) async throws -> IssuedAppKey {
        guard (1...1_000_000).contains(quota) else {
            throw StoreError.invalid(ValidationFailure(field: "dailyQuota", code: "invalid_value", message: Strings["open.v.quota"]))
        }
        return try await database.transaction { db in try await Self.insertKey(db, developerID: developerID, name: String(name.prefix(100)), quota: quota) }
    }

    /// A developer's keys.
    public func appKeys(developerID: Int64) async throws -> [OpenAppKey] {
        try await database.read { db in
            try await db.raw("SELECT id, name, prefix, daily_quota, created_at, revoked_at FROM open_app_keys WHERE developer_id = \(bind: developerID) ORDER BY id").all().map { r in
                OpenAppKey(id: try r.decode(column: "id", as: Int64.self), name: try r.decode(column: "name", as: String.self),
                           prefix: try r.decode(column: "prefix", as: String.self), dailyQuota: try r.decode(column: "daily_quota", as: Int.self),
                           createdAt: Clock.date(try r.decode(column: "created_at", as: Int64.self)),
                           revoked: try r.optional("revoked_at", as: Int64.self) != nil)
            }
        }
    }

    /// A developer by id.
    public func developer(id: Int64) async throws -> OpenDeveloper {
        let row = try await database.read { db in
            try await db.raw("SELECT id, kind, name, email, credit_code, created_at FROM open_developers WHERE id = \(bind: id)").first()
        }
        return try Self.developer(row.orThrow(.notFound("developer \(id)")))
    }

    /// The owner of an active key, or nil.
    public func appKeyOwner(_ secret: String) async throws -> OpenKeyOwner? {
        let hash = Self.keyHash(secret)
        return try await database.read { db in
            guard let r = try await db.raw("SELECT id, developer_id, daily_quota FROM open_app_keys WHERE key_hash = \(bind: hash) AND revoked_at IS NULL").first() else { return nil }
            return OpenKeyOwner(keyID: try r.decode(column: "id", as: Int64.self), developerID: try r.decode(column: "developer_id", as: Int64.self),
                                dailyQuota: try r.decode(column: "daily_quota", as: Int.self))
        }
    }

    /// Counts one call against the key's daily quota; refuses once the quota is spent.
    public func takeQuota(_ owner: OpenKeyOwner, at: Date = Date()) async throws {
        let day = CalendarDate(beijing: at).description
        let used = try await database.transaction { db in
            try await db.raw("""
                INSERT INTO open_key_daily (day, key_id, calls) VALUES (\(bind: day), \(bind: owner.keyID), 1)
                ON CONFLICT (day, key_id) DO UPDATE SET calls = open_key_daily.calls + 1
                RETURNING calls
                """).first()?.decode(column: "calls", as: Int.self) ?? 0
        }
        if used > owner.dailyQuota { throw OpenDenial.quota(owner.dailyQuota) }
    }

    static func insertKey(_ db: any SQLDatabase, developerID: Int64, name: String, quota: Int) async throws -> IssuedAppKey {
        let secret = "odk_" + RandomText.base64url(24)
        let now = Clock.millis()
        let row = try await db.raw("""
            INSERT INTO open_app_keys (developer_id, name, key_hash, prefix, daily_quota, created_at)
            VALUES (\(bind: developerID), \(bind: name), \(bind: keyHash(secret)), \(bind: String(secret.prefix(10))), \(bind: quota), \(bind: now))
            RETURNING id
            """).first()
        let id = try row.orThrow(.notFound("key")).decode(column: "id", as: Int64.self)
        return IssuedAppKey(key: OpenAppKey(id: id, name: name, prefix: String(secret.prefix(10)), dailyQuota: quota, createdAt: Clock.date(now), revoked: false), secret: secret)
    }

    static func keyHash(_ secret: String) -> String {
        Hex.encode(SHA256.hash(data: Data(secret.utf8)))
    }

    static func developer(_ r: any SQLRow) throws -> OpenDeveloper {
        OpenDeveloper(id: try r.decode(column: "id", as: Int64.self), kind: DeveloperKind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .person,
                      name: try r.decode(column: "name", as: String.self), email: try r.decode(column: "email", as: String.self),
                      creditCode: try r.optional("credit_code", as: String.self), createdAt: Clock.date(try r.decode(column: "created_at", as: Int64.self)))
    }

    // MARK: - Restricted-access applications

    /// A developer applies for a restricted dataset.
    public func applyForDataset(_ dataset: OpenDataset, developerID: Int64, purpose: String) async throws -> OpenApplication {
        guard dataset.access == .restricted else {
            throw StoreError.invalid(ValidationFailure(field: "dataset", code: "not_restricted", message: Strings["open.v.notRestricted"]))
        }
        let purpose = purpose.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !purpose.isEmpty, purpose.count <= 500 else {
            throw StoreError.invalid(ValidationFailure(field: "purpose", code: "required", message: Strings["open.v.purpose"]))
        }
        let id = try await database.transaction { db in
            try await db.raw("""
                INSERT INTO open_applications (dataset_id, developer_id, purpose, state, created_at)
                VALUES (\(bind: dataset.id), \(bind: developerID), \(bind: purpose), 'pending', \(bind: Clock.millis())) RETURNING id
                """).first().orThrow(.notFound("application")).decode(column: "id", as: Int64.self)
        }
        return try await openApplication(id: id)
    }

    /// The provider unit's approver or officer, or an administrator, decides an application.
    public func decideApplication(id: Int64, approve: Bool, reason: String, by actor: Principal) async throws -> OpenApplication {
        let app = try await openApplication(id: id)
        let reviewer = actor.role == .admin || ([.officer, .approver].contains(actor.role) && actor.organizationID == app.providerID)
        guard reviewer else { throw AccessDenial.scope(ownUnit: actor.organizationID) }
        let next: OpenReviewState
        switch app.state.decide(approve: approve, reason: reason) {
        case .success(let s): next = s
        case .failure(.reasonRequired): throw StoreError.invalid(ValidationFailure(field: "reason", code: "required", message: Strings["open.v.reason"]))
        case .failure(.alreadyDecided): throw StoreError.conflict(Strings["open.v.decided"])
        }
        try await database.transaction { db in
            try await db.raw("""
                UPDATE open_applications SET state = \(bind: next.rawValue), reason = \(bind: reason), decided_at = \(bind: Clock.millis()),
                    decided_by = \(bind: actor.displayName) WHERE id = \(bind: id) AND state = 'pending'
                """).run()
        }
        return try await openApplication(id: id)
    }

    /// Applications, optionally of one provider unit or one developer, newest first.
    public func openApplications(providerID: Int64? = nil, developerID: Int64? = nil) async throws -> [OpenApplication] {
        var c: [SQLQueryString] = []
        if let providerID { c.append("r.provider_id = \(bind: providerID)") }
        if let developerID { c.append("a.developer_id = \(bind: developerID)") }
        let filter = SQLQueryString.conjunction(c)
        return try await database.read { db in
            try await db.raw("\(unsafeRaw: Self.applicationSelect) \(filter) ORDER BY a.id DESC").all().map(Self.application)
        }
    }

    /// One application.
    public func openApplication(id: Int64) async throws -> OpenApplication {
        let row = try await database.read { db in try await db.raw("\(unsafeRaw: Self.applicationSelect) WHERE a.id = \(bind: id)").first() }
        return try Self.application(row.orThrow(.notFound("application \(id)")))
    }

    func hasApprovedApplication(datasetID: Int64, developerID: Int64) async throws -> Bool {
        try await database.read { db in
            try await db.raw("SELECT 1 AS one FROM open_applications WHERE dataset_id = \(bind: datasetID) AND developer_id = \(bind: developerID) AND state = 'approved'").first() != nil
        }
    }

    static let applicationSelect = """
        SELECT a.id, a.purpose, a.state, a.reason, a.created_at, a.decided_at, a.developer_id, v.name AS developer_name,
               d.name AS dataset_name, r.name AS dataset_title, r.provider_id
        FROM open_applications a JOIN open_datasets d ON d.id = a.dataset_id JOIN resources r ON r.id = d.resource_id
        JOIN open_developers v ON v.id = a.developer_id
        """

    static func application(_ r: any SQLRow) throws -> OpenApplication {
        OpenApplication(
            id: try r.decode(column: "id", as: Int64.self), datasetName: try r.decode(column: "dataset_name", as: String.self),
            datasetTitle: try r.decode(column: "dataset_title", as: String.self), providerID: try r.decode(column: "provider_id", as: Int64.self),
            developerID: try r.decode(column: "developer_id", as: Int64.self), developerName: try r.decode(column: "developer_name", as: String.self),
            purpose: try r.decode(column: "purpose", as: String.self), state: OpenReviewState(rawValue: try r.decode(column: "state", as: String.self)) ?? .pending,
            reason: try r.decode(column: "reason", as: String.self), createdAt: Clock.date(try r.decode(column: "created_at", as: Int64.self)),
            decidedAt: try r.optional("decided_at", as: Int64.self).map(Clock.date))
    }

    // MARK: - Showcase

    /// A developer submits an app for the showcase; it appears once the bureau approves it.
    public func submitApp(developerID: Int64, name: String, description: String, url: String, datasets: [String]) async throws -> OpenApp {
        var issues: [FieldIssue] = []
        let name = name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty || name.count > 100 { issues.append(FieldIssue(field: "name", code: "required", message: Strings["open.v.name"])) }
        if !(url.hasPrefix("http://") || url.hasPrefix("https://")) || url.count > 500 {
            issues.append(FieldIssue(field: "url", code: "invalid_value", message: Strings["open.v.appUrl"]))
        }
        let visible = Set(try await openDatasets().map(\.name))
        if datasets.isEmpty { issues.append(FieldIssue(field: "datasets", code: "required", message: Strings["open.v.datasets"])) }
        for (i, d) in datasets.enumerated() where !visible.contains(d.lowercased()) {
            issues.append(FieldIssue(field: "datasets[\(i)]", code: "unknown_dataset", message: Strings.format("open.v.unknownDataset", ["value": d])))
        }
        if !issues.isEmpty { throw StoreError.invalid(ValidationFailure(issues)) }
        let id = try await database.transaction { db in
            try await db.raw("""
                INSERT INTO open_apps (developer_id, name, description, url, datasets, state, created_at)
                VALUES (\(bind: developerID), \(bind: name), \(bind: String(description.prefix(2000))), \(bind: url),
                        \(bind: try JSONText.encode(datasets.map { $0.lowercased() })), 'pending', \(bind: Clock.millis())) RETURNING id
                """).first().orThrow(.notFound("app")).decode(column: "id", as: Int64.self)
        }
        return try await openApps(id: id).first.orThrow(.notFound("app"))
    }

    /// The bureau reviews a showcased app.
    public func reviewApp(id: Int64, approve: Bool, reason: String, by actor: Principal) async throws -> OpenApp {
        guard actor.role == .admin else { throw AccessDenial.role(actor.role) }
        let app = try await openApps(id: id).first.orThrow(.notFound("app \(id)"))
        switch app.state.decide(approve: approve, reason: reason) {
        case .success(let next):
            try await database.transaction { db in
                try await db.raw("UPDATE open_apps SET state = \(bind: next.rawValue), reason = \(bind: reason), reviewed_at = \(bind: Clock.millis()) WHERE id = \(bind: id)").run()
            }
        case .failure(.reasonRequired): throw StoreError.invalid(ValidationFailure(field: "reason", code: "required", message: Strings["open.v.reason"]))
        case .failure(.alreadyDecided): throw StoreError.conflict(Strings["open.v.decided"])
        }
        return try await openApps(id: id).first.orThrow(.notFound("app \(id)"))
    }

    /// Apps, optionally only in one state or one.
    public func openApps(state: OpenReviewState? = nil, id: Int64? = nil) async throws -> [OpenApp] {
        var c: [SQLQueryString] = []
        if let state { c.append("a.state = \(bind: state.rawValue)") }
        if let id { c.append("a.id = \(bind: id)") }
        let filter = SQLQueryString.conjunction(c)
        return try await database.read { db in
            try await db.raw("""
                SELECT a.id, a.developer_id, v.name AS developer_name, a.name, a.description, a.url, a.datasets, a.state, a.reason, a.created_at
                FROM open_apps a JOIN open_developers v ON v.id = a.developer_id \(filter) ORDER BY a.id
                """).all().map { r in
                OpenApp(id: try r.decode(column: "id", as: Int64.self), developerID: try r.decode(column: "developer_id", as: Int64.self),
                        developerName: try r.decode(column: "developer_name", as: String.self), name: try r.decode(column: "name", as: String.self),
                        description: try r.decode(column: "description", as: String.self), url: try r.decode(column: "url", as: String.self),
                        datasets: try JSONText.decode([String].self, try r.decode(column: "datasets", as: String.self)),
                        state: OpenReviewState(rawValue: try r.decode(column: "state", as: String.self)) ?? .pending,
                        reason: try r.decode(column: "reason", as: String.self), createdAt: Clock.date(try r.decode(column: "created_at", as: Int64.self)))
            }
        }
    }

    // MARK: - Usage

    /// Counts a view, download or API call of a dataset for today (Asia/Shanghai), per dataset
    /// and its unit, as the sharing counters are kept.
    public func countOpenUsage(_ dataset: OpenDataset, _ kind: OpenUsageKind, at: Date = Date()) async throws {
        let day = CalendarDate(beijing: at).description
        let (v, d, a) = (kind == .view ? 1 : 0, kind == .download ? 1 : 0, kind == .apiCall ? 1 : 0)
        try await database.transaction { db in
            try await db.raw("""
                INSERT INTO open_usage_daily (day, dataset_id, provider_id, views, downloads, api_calls)
                VALUES (\(bind: day), \(bind: dataset.id), \(bind: dataset.publisher.id), \(bind: v), \(bind: d), \(bind: a))
                ON CONFLICT (day, dataset_id) DO UPDATE SET views = open_usage_daily.views + \(bind: v),
                    downloads = open_usage_daily.downloads + \(bind: d), api_calls = open_usage_daily.api_calls + \(bind: a)
                """).run()
        }
    }

    /// Usage totals (views, downloads, API calls) per dataset id, over all days.
    public func openUsageTotals() async throws -> [Int64: (views: Int, downloads: Int, calls: Int)] {
        try await database.read { db in
            var out: [Int64: (views: Int, downloads: Int, calls: Int)] = [:]
            for r in try await db.raw("""
                SELECT dataset_id, CAST(SUM(views) AS BIGINT) AS v, CAST(SUM(downloads) AS BIGINT) AS d, CAST(SUM(api_calls) AS BIGINT) AS a
                FROM open_usage_daily GROUP BY dataset_id
                """).all() {
                out[try r.decode(column: "dataset_id", as: Int64.self)] = (views: try r.decode(column: "v", as: Int.self), downloads: try r.decode(column: "d", as: Int.self), calls: try r.decode(column: "a", as: Int.self))
            }
            return out
        }
    }

    /// Usage per unit and day: (day, provider id, views, downloads, API calls), newest first.
    public func openUsageByUnit(days: Int = 30) async throws -> [(day: String, providerID: Int64, views: Int, downloads: Int, calls: Int)] {
        let since = CalendarDate.today().adding(days: -days).description
        return try await database.read { db in
            try await db.raw("""
                SELECT day, provider_id, CAST(SUM(views) AS BIGINT) AS v, CAST(SUM(downloads) AS BIGINT) AS d, CAST(SUM(api_calls) AS BIGINT) AS a
                FROM open_usage_daily WHERE day >= \(bind: since) GROUP BY day, provider_id ORDER BY day DESC, provider_id
                """).all().map { r in
                (day: try r.decode(column: "day", as: String.self), providerID: try r.decode(column: "provider_id", as: Int64.self),
                 views: try r.decode(column: "v", as: Int.self), downloads: try r.decode(column: "d", as: Int.self), calls: try r.decode(column: "a", as: Int.self))
            }
        }
    }
}
