import Foundation

/// A data service's life: drafted, published (callable by granted systems), retired.
public enum ServiceState: String, Sendable, Codable, CaseIterable {
    case draft
    case published
    case retired
}

/// A query parameter of a data service: a field the caller matches exactly.
public struct ServiceParameter: Sendable, Codable, Equatable {
    /// Field code; the query parameter has the same name.
    public var field: String
    /// Whether every call must give it (an exact key such as a resident ID), or it is an
    /// optional filter.
    public var required: Bool

    public init(field: String, required: Bool) {
        self.field = field
        self.required = required
    }
}

/// What a provider writes to publish a data service (接口) over one of its resources.
public struct DataServiceDraft: Sendable, Codable, Equatable {
    /// Stable code used in the gateway path, `/gateway/{code}`: lower-case letters, digits and `-`.
    public var code: String
    public var name: String
    public var summary: String
    /// 信息资源代码 of the resource served.
    public var resourceCode: String
    /// Codes of the fields returned.
    public var fields: [String]
    /// Query parameters.
    public var parameters: [ServiceParameter]
    /// Rows per page unless the caller asks for fewer (at most ``maxPageSize``).
    public var pageSize: Int
    /// Calls per minute a grant may make unless the grant says otherwise.
    public var ratePerMinute: Int

    public static let maxPageSize = 100

    public init(code: String, name: String, summary: String = "", resourceCode: String, fields: [String],
                parameters: [ServiceParameter], pageSize: Int = 20, ratePerMinute: Int = 600) {
        self.code = code
        self.name = name
        self.summary = summary
        self.resourceCode = resourceCode
        self.fields = fields
        self.parameters = parameters
        self.pageSize = pageSize
        self.ratePerMinute = ratePerMinute
    }

    /// Whether `code` is a valid service code.
    public static func isValidCode(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        guard (3...64).contains(bytes.count), let first = bytes.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else { return false }
        return bytes.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-") }
    }

    /// Every issue with the draft, checked against the resource it serves.
    public func issues(against resource: ResourceDraft) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        func issue(_ field: String, _ code: String, _ values: [String: String] = [:]) {
            issues.append(FieldIssue(field: field, code: code, message: Strings.format("service.\(code)", values)))
        }
        if !Self.isValidCode(code) { issue("code", "bad_code", ["value": code]) }
        if name.trimmingCharacters(in: .whitespaces).isEmpty { issue("name", "name_required") }
        if !resource.sharing.isShareable { issue("resourceCode", "not_shareable", ["resource": resource.name]) }
        if !resource.sharingModes.contains(.api) { issue("resourceCode", "no_api_mode", ["resource": resource.name]) }
        if fields.isEmpty { issue("fields", "no_fields") }
        let byCode = Dictionary(resource.fields.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        for (i, f) in fields.enumerated() {
            guard let field = byCode[f] else { issue("fields[\(i)]", "unknown_field", ["field": f]); continue }
            if resource.effectiveSharing(of: field) == .notShared { issue("fields[\(i)]", "field_not_shared", ["field": field.name]) }
            if fields[..<i].contains(f) { issue("fields[\(i)]", "duplicate_field", ["field": f]) }
        }
        for (i, p) in parameters.enumerated() {
            if byCode[p.field] == nil { issue("parameters[\(i)].field", "unknown_field", ["field": p.field]) }
            if parameters[..<i].contains(where: { $0.field == p.field }) { issue("parameters[\(i)].field", "duplicate_field", ["field": p.field]) }
        }
        if !(1...Self.maxPageSize).contains(pageSize) { issue("pageSize", "bad_page_size", ["max": String(Self.maxPageSize)]) }
        if !(1...1_000_000).contains(ratePerMinute) { issue("ratePerMinute", "bad_rate") }
        return issues
    }
}

/// A data service as stored.
public struct DataService: Sendable, Codable, Equatable, Identifiable {
    public var id: Int64
    public var draft: DataServiceDraft
    /// The providing unit (the resource's provider).
    public var organizationID: Int64
    public var resourceID: Int64
    public var state: ServiceState
    public var createdAt: Date
    public var publishedAt: Date?
    public var retiredAt: Date?

    public init(id: Int64, draft: DataServiceDraft, organizationID: Int64, resourceID: Int64, state: ServiceState,
                createdAt: Date, publishedAt: Date?, retiredAt: Date?) {
        self.id = id
        self.draft = draft
        self.organizationID = organizationID
        self.resourceID = resourceID
        self.state = state
        self.createdAt = createdAt
        self.publishedAt = publishedAt
        self.retiredAt = retiredAt
    }
}

extension DataServiceDraft {
    private enum CodingKeys: String, CodingKey { case code, name, summary, resourceCode, fields, parameters, pageSize, ratePerMinute }

    /// Decodes a draft; summary, parameters, page size and rate may be left out.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            code: try c.decode(String.self, forKey: .code), name: try c.decode(String.self, forKey: .name),
            summary: try c.decodeIfPresent(String.self, forKey: .summary) ?? "",
            resourceCode: try c.decode(String.self, forKey: .resourceCode), fields: try c.decode([String].self, forKey: .fields),
            parameters: try c.decodeIfPresent([ServiceParameter].self, forKey: .parameters) ?? [],
            pageSize: try c.decodeIfPresent(Int.self, forKey: .pageSize) ?? 20,
            ratePerMinute: try c.decodeIfPresent(Int.self, forKey: .ratePerMinute) ?? 600)
    }
}
