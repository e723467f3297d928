import Foundation
import ShuhuiCore
import SQLKit

/// What a client sends to register or change a unit.
public struct OrganizationInput: Sendable, Codable, Equatable {
    public var code: String
    public var name: String
    public var shortName: String?
    public var kind: OrganizationKind
    public var parentID: Int64?
    public var regionCode: String

    /// Creates an input.
    public init(code: String, name: String, shortName: String? = nil, kind: OrganizationKind, parentID: Int64? = nil, regionCode: String) {
        self.code = code
        self.name = name
        self.shortName = shortName
        self.kind = kind
        self.parentID = parentID
        self.regionCode = regionCode
    }

    /// Checks the values on their own; returns the normalised credit code.
    func validated() throws(StoreError) -> String {
        var issues: [FieldIssue] = []
        var normalized = code
        do {
            normalized = try CreditCode(code).value
        } catch {
            issues.append(FieldIssue(field: "code", code: "invalid_credit_code",
                message: Strings.format("v.creditCode", localized: ["reason": Localized(zh: error.message.zh, en: error.message.en)])))
        }
        if name.trimmingCharacters(in: .whitespaces).isEmpty {
            issues.append(FieldIssue(field: "name", code: "required", message: Strings["v.required"]))
        }
        if name.count > 100 { issues.append(FieldIssue(field: "name", code: "too_long", message: Strings.format("v.tooLong", ["max": "100"]))) }
        if regionCode.count != 6 || !regionCode.allSatisfy(\.isASCII) || Int(regionCode) == nil {
            issues.append(FieldIssue(field: "regionCode", code: "invalid_region",
                message: Localized(zh: "行政区划代码应为 6 位数字", en: "region code must be 6 digits")))
        }
        if !issues.isEmpty { throw .invalid(ValidationFailure(issues)) }
        return normalized
    }
}

extension Store {
    static let organizationColumns = "id, code, name, short_name, kind, parent_id, region_code, created_at"

    static func organization(_ row: any SQLRow) throws -> Organization {
        Organization(
            id: try row.decode(column: "id", as: Int64.self),
            code: try row.decode(column: "code", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            shortName: try row.decode(column: "short_name", as: String.self),
            kind: OrganizationKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .department,
            parentID: try row.optional("parent_id", as: Int64.self),
            regionCode: try row.decode(column: "region_code", as: String.self),
            createdAt: Clock.date(try row.decode(column: "created_at", as: Int64.self)))
    }

    /// Every unit, ordered for a tree: kind, then name.
    public func organizations() async throws -> [Organization] {
        try await database.read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.organizationColumns) FROM organizations ORDER BY id").all().map(Self.organization)
        }
    }

    /// One unit by id.
    public func organization(id: Int64) async throws -> Organization {
        let row = try await database.read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.organizationColumns) FROM organizations WHERE id = \(bind: id)").first()
        }
        guard let row else { throw StoreError.notFound("organization \(id)") }
        return try Self.organization(row)
    }

    /// Units matched by name, short name or credit code (spreadsheets name providers either way).
    public func organizationLookup() async throws -> [String: Organization] {
        var map: [String: Organization] = [:]
        for o in try await organizations() {
            map[o.code] = o
            map[o.name] = o
            map[o.shortName] = o
        }
        return map
    }

    /// Registers a unit.
    public func createOrganization(_ input: OrganizationInput) async throws -> Organization {
        let code = try input.validated()
        return try await database.transaction { db in
            try await Self.checkOrganizationUnique(db, code: code, name: input.name, except: nil)
            if let parent = input.parentID {
                guard try await db.raw("SELECT id FROM organizations WHERE id = \(bind: parent)").first() != nil else {
                    throw StoreError.invalid(ValidationFailure(field: "parentID", code: "unknown_parent", message: Strings["v.unknownParent"]))
                }
            }
            let row = try await db.raw("""
                INSERT INTO organizations (code, name, short_name, kind, parent_id, region_code, created_at)
                VALUES (\(bind: code), \(bind: input.name), \(bind: input.shortName ?? input.name), \(bind: input.kind.rawValue),
                        \(bind: input.parentID), \(bind: input.regionCode), \(bind: Clock.millis()))
                RETURNING \(unsafeRaw: Self.organizationColumns)
                """).first()
            guard let row else { throw StoreError.notFound("organization") }
            return try Self.organization(row)
        }
    }

    /// Changes a unit.
    public func updateOrganization(id: Int64, _ input: OrganizationInput) async throws -> Organization {
        let code = try input.validated()
        return try await database.transaction { db in
            try await Self.checkOrganizationUnique(db, code: code, name: input.name, except: id)
            if let parent = input.parentID {
                // A unit cannot sit under itself or its own descendants.
                var cursor: Int64? = parent
                while let c = cursor {
                    if c == id {
                        throw StoreError.invalid(ValidationFailure(field: "parentID", code: "cycle",
                            message: Localized(zh: "上级单位不能是自身或下级单位", en: "a unit cannot be placed under itself or its sub-units")))
                    }
                    guard let row = try await db.raw("SELECT parent_id FROM organizations WHERE id = \(bind: c)").first() else {
                        throw StoreError.invalid(ValidationFailure(field: "parentID", code: "unknown_parent", message: Strings["v.unknownParent"]))
                    }
                    cursor = try row.optional("parent_id", as: Int64.self)
                }
            }
            let row = try await db.raw("""
                UPDATE organizations SET code = \(bind: code), name = \(bind: input.name), short_name = \(bind: input.shortName ?? input.name),
                    kind = \(bind: input.kind.rawValue), parent_id = \(bind: input.parentID), region_code = \(bind: input.regionCode)
                WHERE id = \(bind: id)
                RETURNING \(unsafeRaw: Self.organizationColumns)
                """).first()
            guard let row else { throw StoreError.notFound("organization \(id)") }
            return try Self.organization(row)
        }
    }

    /// Removes a unit that nothing refers to.
    public func deleteOrganization(id: Int64) async throws {
        try await database.transaction { db in
            _ = try await db.raw("SELECT id FROM organizations WHERE id = \(bind: id)").first().orThrow(.notFound("organization \(id)"))
            let n = try await db.raw("""
                SELECT (SELECT COUNT(*) FROM organizations WHERE parent_id = \(bind: id))
                     + (SELECT COUNT(*) FROM information_systems WHERE organization_id = \(bind: id))
                     + (SELECT COUNT(*) FROM resources WHERE provider_id = \(bind: id))
                     + (SELECT COUNT(*) FROM users WHERE organization_id = \(bind: id)) AS n
                """).first()?.decode(column: "n", as: Int.self) ?? 0
            if n > 0 { throw StoreError.inUse("organization \(id)") }
            try await db.raw("DELETE FROM organizations WHERE id = \(bind: id)").run()
        }
    }

    private static func checkOrganizationUnique(_ db: any SQLDatabase, code: String, name: String, except: Int64?) async throws {
        let rows = try await db.raw("SELECT id, code, name FROM organizations WHERE code = \(bind: code) OR name = \(bind: name)").all()
        for row in rows where try row.decode(column: "id", as: Int64.self) != except {
            if try row.decode(column: "code", as: String.self) == code { throw StoreError.duplicate(field: "code", value: code) }
            throw StoreError.duplicate(field: "name", value: name)
        }
    }
}

extension Optional {
    /// Unwraps or throws the store error given.
    func orThrow(_ error: StoreError) throws -> Wrapped {
        guard let self else { throw error }
        return self
    }
}
