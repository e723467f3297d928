import Foundation

/// 授权: what an approved (or unconditional) request gives a consuming system.
public struct Grant: Sendable, Codable, Equatable, Identifiable {
    public var id: Int64
    /// The request it came from.
    public var requestID: Int64
    /// The consuming unit.
    public var organizationID: Int64
    /// The consuming system (gateway callers authenticate as a system).
    public var systemID: Int64
    public var resourceID: Int64
    public var resourceCode: String
    /// Field codes granted.
    public var fields: [String]
    public var mode: SharingMode
    /// Mask per granted field; fields absent here are shown as stored.
    public var masks: [String: MaskKind]
    /// Calls per minute; nil means the service's default.
    public var ratePerMinute: Int?
    /// When it became active.
    public var activatedAt: Date
    /// Last day of use, `YYYY-MM-DD` (Beijing).
    public var validUntil: String
    public var revokedAt: Date?
    public var revokeReason: String?
    /// The last gateway call made under it.
    public var lastCalledAt: Date?

    public init(id: Int64, requestID: Int64, organizationID: Int64, systemID: Int64, resourceID: Int64, resourceCode: String,
                fields: [String], mode: SharingMode, masks: [String: MaskKind], ratePerMinute: Int?, activatedAt: Date,
                validUntil: String, revokedAt: Date? = nil, revokeReason: String? = nil, lastCalledAt: Date? = nil) {
        self.id = id
        self.requestID = requestID
        self.organizationID = organizationID
        self.systemID = systemID
        self.resourceID = resourceID
        self.resourceCode = resourceCode
        self.fields = fields
        self.mode = mode
        self.masks = masks
        self.ratePerMinute = ratePerMinute
        self.activatedAt = activatedAt
        self.validUntil = validUntil
        self.revokedAt = revokedAt
        self.revokeReason = revokeReason
        self.lastCalledAt = lastCalledAt
    }

    /// Whether the grant may be used on `today`.
    public func status(on today: CalendarDate) -> GrantStatus {
        if revokedAt != nil { return .revoked }
        if let until = CalendarDate(iso: validUntil), until < today { return .expired }
        return .active
    }
}

/// A grant's standing on a given day.
public enum GrantStatus: String, Sendable, Codable, CaseIterable {
    case active
    case expired
    case revoked
}

/// Why the gateway refuses a call after the caller is authenticated.
public enum GatewayDenial: Error, Sendable, Equatable {
    /// The service is not published (draft) or no longer (retired).
    case serviceUnavailable(ServiceState)
    /// The calling system holds no API grant on the service's resource.
    case noGrant
    /// Its grant ran out.
    case grantExpired
    /// Its grant was revoked.
    case grantRevoked
    /// A field asked for (or filtered on) is not in the grant or not served.
    case fieldNotGranted(String)
    /// A query parameter the service does not offer.
    case unknownParameter(String)
    /// A required parameter is missing.
    case missingParameter(String)
}

/// The gateway's authorisation after authentication, pure: service → grant → fields → expiry.
/// Deny by default: a call passes only when every check does.
public enum GatewayPolicy {
    /// Query parameters with a meaning of their own rather than a field filter.
    public static let reserved: Set<String> = ["fields", "limit", "offset"]

    /// The grant that allows the call and the fields returned, or the denial.
    ///
    /// - Parameters:
    ///   - grants: every grant of the calling system (or, for query pages, the visitor's unit).
    ///   - query: the call's query parameters (reserved ones included).
    ///   - mode: the sharing mode the grant must be for: API calls need an API grant, query
    ///     pages a query grant.
    public static func authorize(service: DataService, grants: [Grant], query: [String: String], today: CalendarDate,
                                 mode: SharingMode = .api) throws(GatewayDenial) -> (grant: Grant, fields: [String]) {
        guard service.state == .published else { throw .serviceUnavailable(service.state) }
        let api = grants.filter { $0.mode == mode && $0.resourceID == service.resourceID }
        guard let grant = api.first(where: { $0.status(on: today) == .active }) else {
            if api.contains(where: { $0.status(on: today) == .revoked }) { throw .grantRevoked }
            if !api.isEmpty { throw .grantExpired }
            throw .noGrant
        }
        let served = service.draft.fields.filter { grant.fields.contains($0) }
        var fields = served
        if let wanted = query["fields"] {
            fields = wanted.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for f in fields where !served.contains(f) { throw .fieldNotGranted(f) }
        }
        if fields.isEmpty { throw .fieldNotGranted(service.draft.fields.first ?? "") }
        for name in query.keys.sorted() where !reserved.contains(name) {
            guard service.draft.parameters.contains(where: { $0.field == name }) else { throw .unknownParameter(name) }
            guard grant.fields.contains(name) else { throw .fieldNotGranted(name) }
        }
        for p in service.draft.parameters where p.required && (query[p.field] ?? "").isEmpty {
            throw .missingParameter(p.field)
        }
        return (grant, fields)
    }
}
