import Foundation
import ShuhuiCore
import SQLKit

/// A row of a catalog search result.
public struct ResourceSummary: Sendable, Codable, Equatable {
    public var code: String
    public var name: String
    public var categoryCode: String
    public var providerID: Int64
    public var providerName: String
    public var grade: SecurityGrade
    public var sharing: SharingAttribute
    public var open: OpenAttribute
    public var updateCycle: UpdateCycle
    public var status: ResourceStatus
    public var fieldCount: Int
    public var version: Int
    public var updatedAt: Date
}

/// A catalog search.
public struct CatalogQuery: Sendable {
    /// Words in the name, code, summary or tags.
    public var text: String?
    /// Words in a field's name or code.
    public var fieldName: String?
    public var providerID: Int64?
    public var sharing: SharingAttribute?
    public var open: OpenAttribute?
    public var grade: SecurityGrade?
    public var resourceClass: ResourceClass?
    public var includeRetired: Bool
    public var page: PageRequest

    /// Creates a query; all filters optional.
    public init(text: String? = nil, fieldName: String? = nil, providerID: Int64? = nil, sharing: SharingAttribute? = nil,
                open: OpenAttribute? = nil, grade: SecurityGrade? = nil, resourceClass: ResourceClass? = nil,
                includeRetired: Bool = false, page: PageRequest = .init()) {
        self.text = text
        self.fieldName = fieldName
        self.providerID = providerID
        self.sharing = sharing
        self.open = open
        self.grade = grade
        self.resourceClass = resourceClass
        self.includeRetired = includeRetired
        self.page = page
    }
}

/// One kept version of a catalog entry.
public struct ResourceVersion: Sendable, Codable, Equatable {
    public var version: Int
    public var action: String
    public var actorName: String
    public var at: Date
    public var changes: [CatalogChange]
    /// The full description as it was.
    public var draft: ResourceDraft
}

extension Store {
    static let resourceColumns = "id, code, status, version, document, created_at, updated_at"

    static func resource(_ row: any SQLRow) throws -> Resource {
        Resource(
            id: try row.decode(column: "id", as: Int64.self),
            code: try row.decode(column: "code", as: String.self),
            draft: try JSONText.decode(ResourceDraft.self, try row.decode(column: "document", as: String.self)),
            version: try row.decode(column: "version", as: Int.self),
            status: ResourceStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .active,
            createdAt: Clock.date(try row.decode(column: "created_at", as: Int64.self)),
            updatedAt: Clock.date(try row.decode(column: "updated_at", as: Int64.self)))
    }

    /// One catalog entry by code (either separator accepted).
    public func resource(code: String) async throws -> Resource {
        let canonical = ResourceCode.normalize(code) ?? code
        let row = try await database.read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.resourceColumns) FROM resources WHERE code = \(bind: canonical)").first()
        }
        return try Self.resource(row.orThrow(.notFound("resource \(code)")))
    }

    /// Every active entry, optionally of one provider, in code order (for export).
    public func resources(providerID: Int64? = nil) async throws -> [Resource] {
        try await database.read { db in
            let filter: SQLQueryString = providerID.map { "AND provider_id = \(bind: $0)" } ?? ""
            return try await db.raw("SELECT \(unsafeRaw: Self.resourceColumns) FROM resources WHERE status = 'active' \(filter) ORDER BY code").all().map(Self.resource)
        }
    }

    /// Searches the catalog.
    public func searchResources(_ q: CatalogQuery) async throws -> Page<ResourceSummary> {
        var c: [SQLQueryString] = []
        if !q.includeRetired { c.append("r.status = 'active'") }
        if let t = q.text?.trimmingCharacters(in: .whitespaces), !t.isEmpty {
            for word in t.split(separator: " ") {
                c.append("r.search_text LIKE \(bind: SearchPattern.contains(String(word))) ESCAPE '\\'")
            }
        }
        if let f = q.fieldName?.trimmingCharacters(in: .whitespaces), !f.isEmpty {
            let like = SearchPattern.contains(f)
            c.append("EXISTS (SELECT 1 FROM resource_fields f WHERE f.resource_id = r.id AND (LOWER(f.name) LIKE \(bind: like) ESCAPE '\\' OR f.code LIKE \(bind: like) ESCAPE '\\'))")
        }
        if let p = q.providerID { c.append("r.provider_id = \(bind: p)") }
        if let s = q.sharing { c.append("r.sharing = \(bind: s.rawValue)") }
        if let o = q.open { c.append("r.open_attribute = \(bind: o.rawValue)") }
        if let g = q.grade { c.append("r.grade = \(bind: g.rawValue)") }
        if let k = q.resourceClass { c.append("r.category_code LIKE \(bind: String(k.digit) + "%")") }
        let whereClause = SQLQueryString.conjunction(c)
        return try await database.read { db in
            let total = try await db.raw("SELECT COUNT(*) AS n FROM resources r \(whereClause)").first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await db.raw("""
                SELECT r.code, r.name, r.category_code, r.provider_id, o.short_name, r.grade, r.sharing, r.open_attribute,
                       r.update_cycle, r.status, r.version, r.updated_at,
                       (SELECT COUNT(*) FROM resource_fields f WHERE f.resource_id = r.id) AS field_count
                FROM resources r JOIN organizations o ON o.id = r.provider_id
                \(whereClause)
                ORDER BY r.code LIMIT \(bind: q.page.limit) OFFSET \(bind: q.page.offset)
                """).all()
            let items = try rows.map { row in
                ResourceSummary(
                    code: try row.decode(column: "code", as: String.self),
                    name: try row.decode(column: "name", as: String.self),
                    categoryCode: try row.decode(column: "category_code", as: String.self),
                    providerID: try row.decode(column: "provider_id", as: Int64.self),
                    providerName: try row.decode(column: "short_name", as: String.self),
                    grade: SecurityGrade(rawValue: try row.decode(column: "grade", as: String.self)) ?? .l4,
                    sharing: SharingAttribute(rawValue: try row.decode(column: "sharing", as: String.self)) ?? .notShared,
                    open: OpenAttribute(rawValue: try row.decode(column: "open_attribute", as: String.self)) ?? .notOpen,
                    updateCycle: UpdateCycle(rawValue: try row.decode(column: "update_cycle", as: String.self)) ?? .irregular,
                    status: ResourceStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .active,
                    fieldCount: try row.decode(column: "field_count", as: Int.self),
                    version: try row.decode(column: "version", as: Int.self),
                    updatedAt: Clock.date(try row.decode(column: "updated_at", as: Int64.self)))
            }
            return Page(items: items, total: total, limit: q.page.limit, offset: q.page.offset)
        }
    }

    /// Registers a new catalog entry; its code is generated from the category.
    public func createResource(_ draft: ResourceDraft, by actor: Principal) async throws -> Resource {
        try await database.transaction { db in
            try await Self.checkReferences(db, draft, path: "")
            return try await Self.insertResource(db, draft, actor: actor)
        }
    }

    /// Changes a catalog entry; a new version is kept when anything changed. When
    /// `expectedVersion` is given and the entry moved on meanwhile, nothing is written.
    public func updateResource(code: String, _ draft: ResourceDraft, expectedVersion: Int? = nil, by actor: Principal) async throws -> Resource {
        let existing = try await resource(code: code)
        return try await database.transaction { db in
            try await Self.checkReferences(db, draft, path: "")
            return try await Self.updateResource(db, existing: existing, draft, expectedVersion: expectedVersion, actor: actor, action: "update", dialect: database.dialect)
        }
    }

    /// Retires an entry: it leaves searches and statistics but keeps its history.
    public func retireResource(code: String, by actor: Principal) async throws -> Resource {
        let existing = try await resource(code: code)
        return try await database.transaction { db in
            try await Self.updateResource(db, existing: existing, existing.draft, expectedVersion: nil, actor: actor, action: "retire", dialect: database.dialect, status: .retired)
        }
    }

    /// Every kept version of an entry, newest first.
    public func versions(code: String) async throws -> [ResourceVersion] {
        let r = try await resource(code: code)
        return try await database.read { db in
            try await db.raw("SELECT version, action, actor_name, at, document, changes FROM resource_versions WHERE resource_id = \(bind: r.id) ORDER BY version DESC")
                .all().map(Self.version)
        }
    }

    /// One kept version.
    public func version(code: String, _ number: Int) async throws -> ResourceVersion {
        let r = try await resource(code: code)
        let row = try await database.read { db in
            try await db.raw("SELECT version, action, actor_name, at, document, changes FROM resource_versions WHERE resource_id = \(bind: r.id) AND version = \(bind: number)").first()
        }
        return try Self.version(row.orThrow(.notFound("version \(number) of \(code)")))
    }

    static func version(_ row: any SQLRow) throws -> ResourceVersion {
        ResourceVersion(
            version: try row.decode(column: "version", as: Int.self),
            action: try row.decode(column: "action", as: String.self),
            actorName: try row.decode(column: "actor_name", as: String.self),
            at: Clock.date(try row.decode(column: "at", as: Int64.self)),
            changes: try JSONText.decode([CatalogChange].self, try row.decode(column: "changes", as: String.self)),
            draft: try JSONText.decode(ResourceDraft.self, try row.decode(column: "document", as: String.self)))
    }

    /// Catalog figures, computed in SQL so they stay fast on a city-sized catalog.
    public func catalogStatistics() async throws -> CatalogStatistics {
        try await database.read { db in
            var byGrade: [SecurityGrade: Int] = [:], byOpen: [OpenAttribute: Int] = [:], byClass: [ResourceClass: Int] = [:]
            var units: [Int64: CatalogStatistics.UnitRow] = [:]
            for row in try await db.raw("""
                SELECT r.provider_id, o.short_name, r.grade, r.open_attribute, SUBSTR(r.category_code, 1, 1) AS class_digit, COUNT(*) AS n
                FROM resources r JOIN organizations o ON o.id = r.provider_id WHERE r.status = 'active'
                GROUP BY r.provider_id, o.short_name, r.grade, r.open_attribute, SUBSTR(r.category_code, 1, 1)
                """).all() {
                let n = try row.decode(column: "n", as: Int.self)
                let org = try row.decode(column: "provider_id", as: Int64.self)
                if let g = SecurityGrade(rawValue: try row.decode(column: "grade", as: String.self)) { byGrade[g, default: 0] += n }
                if let o = OpenAttribute(rawValue: try row.decode(column: "open_attribute", as: String.self)) { byOpen[o, default: 0] += n }
                if let c = ResourceClass(categoryCode: try row.decode(column: "class_digit", as: String.self)) { byClass[c, default: 0] += n }
                let name = try row.decode(column: "short_name", as: String.self)
                var u = units[org] ?? .init(organizationID: org, organizationName: name, resources: 0, fields: 0, shareableFields: 0)
                u.resources += n
                units[org] = u
            }
            var bySharing: [SharingAttribute: Int] = [:]
            for row in try await db.raw("""
                SELECT r.provider_id, f.sharing, COUNT(*) AS n FROM resource_fields f JOIN resources r ON r.id = f.resource_id
                WHERE r.status = 'active' GROUP BY r.provider_id, f.sharing
                """).all() {
                let n = try row.decode(column: "n", as: Int.self)
                let org = try row.decode(column: "provider_id", as: Int64.self)
                guard let s = SharingAttribute(rawValue: try row.decode(column: "sharing", as: String.self)) else { continue }
                bySharing[s, default: 0] += n
                units[org]?.fields += n
                if s.isShareable { units[org]?.shareableFields += n }
            }
            return CatalogStatistics(
                resources: byGrade.values.reduce(0, +), fields: bySharing.values.reduce(0, +),
                shareableFields: bySharing.filter { $0.key.isShareable }.values.reduce(0, +),
                providers: units.count, fieldsBySharing: bySharing, resourcesByGrade: byGrade,
                resourcesByOpen: byOpen, resourcesByClass: byClass,
                byUnit: units.values.sorted { ($0.resources, $0.fields, $1.organizationName) > ($1.resources, $1.fields, $0.organizationName) })
        }
    }

    // MARK: - Writing, inside a transaction

    /// Checks what the draft alone can't: that its provider, source system and related
    /// resources exist. `path` prefixes field names (for imports).
    static func checkReferences(_ db: any SQLDatabase, _ draft: ResourceDraft, path: String) async throws {
        var issues = draft.issues()
        if try await db.raw("SELECT id FROM organizations WHERE id = \(bind: draft.providerID)").first() == nil {
            issues.append(FieldIssue(field: path + "providerID", code: "unknown_provider", message: Strings.format("v.unknownProvider", ["value": String(draft.providerID)])))
        }
        if let system = draft.sourceSystemID,
            try await db.raw("SELECT id FROM information_systems WHERE id = \(bind: system) AND organization_id = \(bind: draft.providerID)").first() == nil
        {
            issues.append(FieldIssue(field: path + "sourceSystemID", code: "unknown_system", message: Strings.format("v.unknownSystem", ["value": String(system)])))
        }
        for (i, code) in draft.relatedCodes.enumerated() {
            guard let canonical = ResourceCode.normalize(code) else { continue }
            if try await db.raw("SELECT id FROM resources WHERE code = \(bind: canonical)").first() == nil {
                issues.append(FieldIssue(field: path + "relatedCodes[\(i)]", code: "unknown_resource", message: Strings.format("v.unknownResource", ["value": code])))
            }
        }
        if !issues.isEmpty { throw StoreError.invalid(ValidationFailure(issues)) }
    }

    static func insertResource(_ db: any SQLDatabase, _ draft: ResourceDraft, actor: Principal, code: String? = nil) async throws -> Resource {
        let code = if let code { code } else { try await nextCode(db, category: draft.categoryCode) }
        if try await db.raw("SELECT id FROM resources WHERE code = \(bind: code)").first() != nil {
            throw StoreError.duplicate(field: "code", value: code)
        }
        let now = Clock.millis()
        let row = try await db.raw("""
            INSERT INTO resources (code, category_code, name, provider_id, source_system_id, sharing, open_attribute, grade, update_cycle,
                                   status, version, search_text, document, created_at, updated_at)
            VALUES (\(bind: code), \(bind: draft.categoryCode), \(bind: draft.name), \(bind: draft.providerID), \(bind: draft.sourceSystemID),
                    \(bind: draft.sharing.rawValue), \(bind: draft.open.rawValue), \(bind: draft.grade.rawValue), \(bind: draft.updateCycle.rawValue),
                    'active', 1, \(bind: searchText(code, draft)), \(bind: try JSONText.encode(draft)), \(bind: now), \(bind: now))
            RETURNING \(unsafeRaw: resourceColumns)
            """).first()
        let resource = try Self.resource(row.orThrow(.notFound("resource")))
        try await writeFields(db, resource)
        try await writeVersion(db, resource, changes: CatalogDiff.between(nil, draft), actor: actor, action: "create")
        return resource
    }

    static func updateResource(
        _ db: any SQLDatabase, existing: Resource, _ draft: ResourceDraft, expectedVersion: Int?, actor: Principal,
        action: String, dialect: SQLDialectKind, status: ResourceStatus = .active
    ) async throws -> Resource {
        if let expectedVersion, expectedVersion != existing.version {
            throw StoreError.duplicate(field: "version", value: "\(expectedVersion) ≠ \(existing.version)")
        }
        if draft.categoryCode != existing.draft.categoryCode {
            throw StoreError.invalid(ValidationFailure(field: "categoryCode", code: "immutable",
                message: Localized(zh: "资源分类代码是资源代码的一部分，不能修改；请新建资源", en: "the category is part of the resource code and cannot change; create a new entry")))
        }
        let changes = CatalogDiff.between(existing.draft, draft)
        if changes.isEmpty && status == existing.status { return existing }
        try await DataTable.checkChange(db, from: existing, to: draft, dialect)
        let version = existing.version + 1
        let row = try await db.raw("""
            UPDATE resources SET name = \(bind: draft.name), provider_id = \(bind: draft.providerID), source_system_id = \(bind: draft.sourceSystemID),
                sharing = \(bind: draft.sharing.rawValue), open_attribute = \(bind: draft.open.rawValue), grade = \(bind: draft.grade.rawValue),
                update_cycle = \(bind: draft.updateCycle.rawValue), status = \(bind: status.rawValue), version = \(bind: version),
                search_text = \(bind: searchText(existing.code, draft)), document = \(bind: try JSONText.encode(draft)), updated_at = \(bind: Clock.millis())
            WHERE id = \(bind: existing.id) AND version = \(bind: existing.version)
            RETURNING \(unsafeRaw: resourceColumns)
            """).first()
        guard let row else { throw StoreError.duplicate(field: "version", value: "\(existing.version)") }
        let resource = try Self.resource(row)
        try await db.raw("DELETE FROM resource_fields WHERE resource_id = \(bind: resource.id)").run()
        try await writeFields(db, resource)
        try await writeVersion(db, resource, changes: changes, actor: actor, action: action)
        if try await DataTable.columns(db, DataTable.name(resource.id), dialect) != nil {
            try await DataTable.ensure(db, resource, dialect)
        }
        return resource
    }

    private static func nextCode(_ db: any SQLDatabase, category: String) async throws -> String {
        let row = try await db.raw("""
            INSERT INTO resource_sequences (category_code, last_sequence) VALUES (\(bind: category), 1)
            ON CONFLICT (category_code) DO UPDATE SET last_sequence = resource_sequences.last_sequence + 1
            RETURNING last_sequence
            """).first()
        return ResourceCode.make(category: category, sequence: try row.orThrow(.notFound("sequence")).decode(column: "last_sequence", as: Int.self))
    }

    /// Keeps the sequence ahead of codes given explicitly (imports of existing catalogs).
    static func reserveCode(_ db: any SQLDatabase, _ code: String) async throws {
        guard let (category, seq) = ResourceCode.parse(code) else { return }
        try await db.raw("""
            INSERT INTO resource_sequences (category_code, last_sequence) VALUES (\(bind: category), \(bind: seq))
            ON CONFLICT (category_code) DO UPDATE SET last_sequence =
                CASE WHEN resource_sequences.last_sequence < \(bind: seq) THEN \(bind: seq) ELSE resource_sequences.last_sequence END
            """).run()
    }

    private static func writeFields(_ db: any SQLDatabase, _ r: Resource) async throws {
        guard !r.draft.fields.isEmpty else { return }
        var values: [SQLQueryString] = []
        for (i, f) in r.draft.fields.enumerated() {
            values.append("(\(bind: r.id), \(bind: i), \(bind: f.code), \(bind: f.name), \(bind: f.type.rawValue), \(bind: f.sensitivity.rawValue), \(bind: r.draft.effectiveSharing(of: f).rawValue))")
        }
        try await db.raw("INSERT INTO resource_fields (resource_id, position, code, name, type, sensitivity, sharing) VALUES \(values.joined(separator: ", "))").run()
    }

    private static func writeVersion(_ db: any SQLDatabase, _ r: Resource, changes: [CatalogChange], actor: Principal, action: String) async throws {
        try await db.raw("""
            INSERT INTO resource_versions (resource_id, version, actor_id, actor_name, action, at, document, changes)
            VALUES (\(bind: r.id), \(bind: r.version), \(bind: actor.userID), \(bind: actor.displayName), \(bind: action), \(bind: Clock.millis(r.updatedAt)),
                    \(bind: try JSONText.encode(r.draft)), \(bind: try JSONText.encode(changes)))
            """).run()
    }

    private static func searchText(_ code: String, _ d: ResourceDraft) -> String {
        ([code, d.name, d.summary, d.categoryCode] + d.tags).joined(separator: " ").lowercased()
    }
}
