/// Why a write was refused.
public enum AccessDenial: Error, Sendable, Equatable {
    /// The role may not do this at all.
    case role(Role)
    /// The role may, but only for its own unit, and the record belongs to another.
    case scope(ownUnit: Int64?)
}

/// The platform's write rules in one place, pure, so every route asks the same question and
/// every answer — grant and denial — is tested without I/O.
///
/// Deny by default: anything not listed here is refused.
public enum AccessPolicy {
    /// Registering, changing or removing units: the bureau only.
    public static func canManageOrganizations(_ p: Principal) throws(AccessDenial) {
        guard p.role == .admin else { throw .role(p.role) }
    }

    /// Managing accounts: the bureau only.
    public static func canManageUsers(_ p: Principal) throws(AccessDenial) {
        guard p.role == .admin else { throw .role(p.role) }
    }

    /// Writing a system or a catalog resource owned by `unit`: the bureau for any unit, a data
    /// officer for its own unit only.
    public static func canEdit(ownedBy unit: Int64, _ p: Principal) throws(AccessDenial) {
        switch p.role {
        case .admin: return
        case .officer:
            guard p.organizationID == unit else { throw .scope(ownUnit: p.organizationID) }
        case .approver, .queryUser, .auditor: throw .role(p.role)
        }
    }

    /// Importing a catalog spreadsheet touches every unit it names; each is checked with
    /// ``canEdit(ownedBy:_:)``. This asks only whether the role may import at all.
    public static func canImportCatalog(_ p: Principal) throws(AccessDenial) {
        guard p.role == .admin || p.role == .officer else { throw .role(p.role) }
    }
}
