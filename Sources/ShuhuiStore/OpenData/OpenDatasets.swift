import Crypto
import Foundation
import ShuhuiCore
import SQLKit

/// The unit that publishes an open dataset.
public struct OpenPublisher: Sendable, Equatable, Codable {
    /// Unit id.
    public var id: Int64
    /// Unified social credit code.
    public var code: String
    /// Full name.
    public var name: String
    /// Short name.
    public var shortName: String

    /// The CKAN organization name (lower-case slug of the credit code).
    public var slug: String { "org-" + code.lowercased() }
}

/// One publication (版本) of a dataset: a snapshot of its rows with its own distributions.
public struct OpenPublication: Sendable, Equatable, Codable {
    /// Database id; the snapshot table is `od_<id>`.
    public var id: Int64
    /// 1, 2, … per dataset.
    public var version: Int
    /// Access at publication time.
    public var access: OpenAccess
    /// When it was published.
    public var publishedAt: Date
    /// Rows in the snapshot.
    public var rowCount: Int
    /// The fields the snapshot holds.
    public var fields: [Field]
}

/// A dataset as the open portal shows it: always one the ``OpenPolicy`` allows right now.
public struct OpenDataset: Sendable {
    /// Database id.
    public var id: Int64
    /// Stable UUID-shaped identifier (the CKAN `id`).
    public var uid: String
    /// URL name (the CKAN `name`): the resource code.
    public var name: String
    /// The catalog entry behind it.
    public var resource: Resource
    /// How it is opened now.
    public var access: OpenAccess
    /// Its unit.
    public var publisher: OpenPublisher
    /// First publication.
    public var createdAt: Date
    /// Last publication or catalog change, whichever is later.
    public var modifiedAt: Date
    /// The latest publication.
    public var latest: OpenPublication
    /// The fields shown now: the latest snapshot's, limited by the policy on today's catalog entry.
    public var fields: [Field]
    /// Masks for restricted data (empty when open).
    public var masks: [String: MaskKind]

    /// The topic code (CKAN group).
    public var topic: String { OpenTopic.code(category: resource.draft.categoryCode) }
}

/// Why open data was not given.
public enum OpenDenial: Error, Sendable, Equatable {
    /// Restricted data asked for without an approved application.
    case restricted
    /// No app key, or a wrong or revoked one.
    case badKey
    /// The key's daily quota is spent.
    case quota(Int)
}

extension Store {
    /// Publishes the current data of a catalog resource as a new version of its open dataset:
    /// copies the exposed columns of `rd_<id>` into a snapshot table inside one transaction.
    /// Admins publish anything; a unit's data officer only its own resources.
    @discardableResult
    public func publishOpenDataset(code: String, by actor: Principal) async throws -> OpenPublication {
        let resource = try await resource(code: code)
        guard actor.role == .admin || actor.role == .officer else { throw AccessDenial.role(actor.role) }
        guard actor.role == .admin || actor.organizationID == resource.draft.providerID else {
            throw AccessDenial.scope(ownUnit: actor.organizationID)
        }
        guard let access = OpenPolicy.access(resource) else {
            throw StoreError.invalid(ValidationFailure(field: "code", code: "not_open", message: Strings.format("open.v.notEligible", ["code": resource.code])))
        }
        let fields = OpenPolicy.exposedFields(resource.draft, access: access)
        let dialect = database.dialect
        return try await database.transaction { db in
            let now = Clock.millis()
            let datasetID: Int64
            if let row = try await db.raw("SELECT id FROM open_datasets WHERE resource_id = \(bind: resource.id)").first() {
                datasetID = try row.decode(column: "id", as: Int64.self)
            } else {
                let row = try await db.raw("""
                    INSERT INTO open_datasets (resource_id, uid, name, created_at, modified_at)
                    VALUES (\(bind: resource.id), \(bind: Self.datasetUID(resource.code)), \(bind: resource.code.lowercased()), \(bind: now), \(bind: now))
                    RETURNING id
                    """).first()
                datasetID = try row.orThrow(.notFound("dataset")).decode(column: "id", as: Int64.self)
            }
            let version = (try await db.raw("SELECT MAX(version) AS v FROM open_publications WHERE dataset_id = \(bind: datasetID)").first()?
                .optional("v", as: Int.self) ?? 0) + 1
            let pubRow = try await db.raw("""
                INSERT INTO open_publications (dataset_id, version, access, published_at, row_count, fields, published_by)
                VALUES (\(bind: datasetID), \(bind: version), \(bind: access.rawValue), \(bind: now), 0, \(bind: try JSONText.encode(fields)), \(bind: actor.displayName))
                RETURNING id
                """).first()
            let pubID = try pubRow.orThrow(.notFound("publication")).decode(column: "id", as: Int64.self)
            let table = Self.snapshotTable(pubID)
            let defs = ["_id BIGINT PRIMARY KEY"] + fields.map { "\(DataTable.column($0.code)) \(DataTable.sqlType($0.type, dialect))" }
            try await db.raw("CREATE TABLE \(unsafeRaw: table) (\(unsafeRaw: defs.joined(separator: ", ")))").run()
            var rows = 0
            if try await DataTable.columns(db, DataTable.name(resource.id), dialect) != nil {
                let cols = (["_id"] + fields.map { DataTable.column($0.code) }).joined(separator: ", ")
                try await db.raw("INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: cols)) SELECT \(unsafeRaw: cols) FROM \(unsafeRaw: DataTable.name(resource.id))").run()
                rows = try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self) ?? 0
            }
            try await db.raw("UPDATE open_publications SET row_count = \(bind: rows) WHERE id = \(bind: pubID)").run()
            try await db.raw("UPDATE open_datasets SET modified_at = \(bind: now) WHERE id = \(bind: datasetID)").run()
            return OpenPublication(id: pubID, version: version, access: access, publishedAt: Clock.date(now), rowCount: rows, fields: fields)
        }
    }

    /// Every dataset the open portal may show now, in id order. Resources that became L4,
    /// 禁止开放 or retired after publication are left out here, so no open endpoint can show them.
    public func openDatasets() async throws -> [OpenDataset] {
        try await database.read { db in
            let rows = try await db.raw("""
                SELECT r.id, r.code, r.status, r.version, r.document, r.created_at, r.updated_at,
                       d.id AS d_id, d.uid AS d_uid, d.name AS d_name, d.created_at AS d_created, d.modified_at AS d_modified,
                       o.id AS o_id, o.code AS o_code, o.name AS o_name, o.short_name AS o_short,
                       p.id AS p_id, p.version AS p_version, p.access AS p_access, p.published_at AS p_at, p.row_count AS p_rows, p.fields AS p_fields
                FROM open_datasets d
                JOIN resources r ON r.id = d.resource_id
                JOIN organizations o ON o.id = r.provider_id
                JOIN open_publications p ON p.dataset_id = d.id
                    AND p.version = (SELECT MAX(p2.version) FROM open_publications p2 WHERE p2.dataset_id = d.id)
                WHERE r.status = 'active' AND r.grade <> 'L4' AND r.open_attribute <> 'notOpen'
                ORDER BY d.id
                """).all()
            return try rows.compactMap(Self.openDatasetRow)
        }
    }

    /// One visible dataset by CKAN id or name, or nil (also for datasets the policy hides).
    public func openDataset(_ idOrName: String) async throws -> OpenDataset? {
        let key = idOrName.lowercased()
        return try await openDatasets().first { $0.uid == key || $0.name == key }
    }

    /// Every publication of a dataset, newest first.
    public func openPublications(_ dataset: OpenDataset) async throws -> [OpenPublication] {
        try await database.read { db in
            try await db.raw("""
                SELECT id AS p_id, version AS p_version, access AS p_access, published_at AS p_at, row_count AS p_rows, fields AS p_fields
                FROM open_publications WHERE dataset_id = \(bind: dataset.id) ORDER BY version DESC
                """).all().map(Self.publication)
        }
    }

    static func openDatasetRow(_ row: any SQLRow) throws -> OpenDataset? {
        let resource = try Self.resource(row)
        guard let access = OpenPolicy.access(resource) else { return nil }
        let latest = try publication(row)
        let allowed = Set(OpenPolicy.exposedFields(resource.draft, access: access).map(\.code))
        let fields = latest.fields.filter { allowed.contains($0.code) }
        let modified = max(Clock.date(try row.decode(column: "d_modified", as: Int64.self)), resource.updatedAt)
        return OpenDataset(
            id: try row.decode(column: "d_id", as: Int64.self), uid: try row.decode(column: "d_uid", as: String.self),
            name: try row.decode(column: "d_name", as: String.self), resource: resource, access: access,
            publisher: OpenPublisher(id: try row.decode(column: "o_id", as: Int64.self), code: try row.decode(column: "o_code", as: String.self),
                                     name: try row.decode(column: "o_name", as: String.self), shortName: try row.decode(column: "o_short", as: String.self)),
            createdAt: Clock.date(try row.decode(column: "d_created", as: Int64.self)), modifiedAt: modified,
            latest: latest, fields: fields, masks: OpenPolicy.masks(resource.draft, fields: fields, access: access))
    }

    static func publication(_ row: any SQLRow) throws -> OpenPublication {
        OpenPublication(
            id: try row.decode(column: "p_id", as: Int64.self), version: try row.decode(column: "p_version", as: Int.self),
            access: OpenAccess(rawValue: try row.decode(column: "p_access", as: String.self)) ?? .restricted,
            publishedAt: Clock.date(try row.decode(column: "p_at", as: Int64.self)), rowCount: try row.decode(column: "p_rows", as: Int.self),
            fields: try JSONText.decode([Field].self, try row.decode(column: "p_fields", as: String.self)))
    }

    static func snapshotTable(_ publicationID: Int64) -> String { "od_\(publicationID)" }

    /// A UUID-shaped identifier derived from the resource code, so the same catalog entry keeps
    /// the same CKAN id across loads (harvesters key on it).
    static func datasetUID(_ code: String) -> String {
        var bytes = Array(SHA256.hash(data: Data("shuhui:open-dataset:\(code)".utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = Hex.encode(bytes)
        let c = Array(hex)
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-" + String(c[16..<20]) + "-" + String(c[20..<32])
    }
}
