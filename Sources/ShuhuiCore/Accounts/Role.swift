/// What a person does on the platform. Consuming systems authenticate separately (sharing).
public enum Role: String, Sendable, Codable, CaseIterable {
    /// 局管理员: registers units and systems, publishes the catalog, approves, issues bulletins.
    case admin
    /// 部门数据专员: describes and maintains its own unit's systems and resources.
    case officer
    /// 审批人: answers sharing requests for its unit.
    case approver
    /// 共享查询用户: looks records up through query pages; read only.
    case queryUser
    /// 审计员 / 安全员: reads the audit trail; read only.
    case auditor

    /// Roles that must belong to a unit.
    public var needsOrganization: Bool { self != .admin && self != .auditor }
}

/// The authenticated actor of a request.
public struct Principal: Sendable, Equatable {
    /// User id.
    public var userID: Int64
    /// Login name.
    public var username: String
    /// Display name.
    public var displayName: String
    /// Role.
    public var role: Role
    /// The user's unit, if any.
    public var organizationID: Int64?

    /// Creates a principal.
    public init(userID: Int64, username: String, displayName: String, role: Role, organizationID: Int64?) {
        self.userID = userID
        self.username = username
        self.displayName = displayName
        self.role = role
        self.organizationID = organizationID
    }
}
