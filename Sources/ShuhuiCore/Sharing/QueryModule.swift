import Foundation

/// 查询模块: a query page over a published data service. The search form asks for the
/// service's parameters; the result table shows the service's fields that the visitor's unit
/// holds a query grant for, masked as that grant says.
public struct QueryModule: Sendable, Codable, Equatable, Identifiable {
    public var id: Int64
    /// Stable code in the page address, `/query/{code}` (same rule as service codes).
    public var code: String
    public var name: String
    /// The data service it runs.
    public var serviceCode: String
    public var serviceID: Int64
    public var resourceID: Int64
    /// The providing unit.
    public var providerID: Int64
    public var state: ServiceState
    public var createdAt: Date
    public var publishedAt: Date?

    public init(id: Int64, code: String, name: String, serviceCode: String, serviceID: Int64, resourceID: Int64,
                providerID: Int64, state: ServiceState, createdAt: Date, publishedAt: Date?) {
        self.id = id
        self.code = code
        self.name = name
        self.serviceCode = serviceCode
        self.serviceID = serviceID
        self.resourceID = resourceID
        self.providerID = providerID
        self.state = state
        self.createdAt = createdAt
        self.publishedAt = publishedAt
    }
}

/// What a provider writes to publish a query module.
public struct QueryModuleDraft: Sendable, Codable, Equatable {
    public var code: String
    public var name: String
    public var serviceCode: String

    public init(code: String, name: String, serviceCode: String) {
        self.code = code
        self.name = name
        self.serviceCode = serviceCode
    }

    /// Issues with the draft itself; the service is checked by the store.
    public func issues() -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if !DataServiceDraft.isValidCode(code) {
            issues.append(FieldIssue(field: "code", code: "bad_code", message: Strings.format("service.bad_code", ["value": code])))
        }
        if name.trimmingCharacters(in: .whitespaces).isEmpty {
            issues.append(FieldIssue(field: "name", code: "name_required", message: Strings["service.name_required"]))
        }
        return issues
    }
}

extension AccessPolicy {
    /// Using a query page: query users and data officers of a unit (the grant check follows),
    /// and the bureau's administrators. Approvers and auditors look at records, not people.
    public static func canUseQueryPages(_ p: Principal) throws(AccessDenial) {
        switch p.role {
        case .admin, .queryUser, .officer:
            if p.role != .admin && p.organizationID == nil { throw .scope(ownUnit: nil) }
        case .approver, .auditor: throw .role(p.role)
        }
    }
}
