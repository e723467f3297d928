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

    /// Asking for another unit's data on behalf of `consumer` (the unit owning the consuming
    /// system), or withdrawing that request: its data officer, or the bureau.
    public static func canRequestSharing(for consumer: Int64, _ p: Principal) throws(AccessDenial) {
        switch p.role {
        case .admin: return
        case .officer:
            guard p.organizationID == consumer else { throw .scope(ownUnit: p.organizationID) }
        case .approver, .queryUser, .auditor: throw .role(p.role)
        }
    }

    /// Answering a request at `step`: the provider's approver at the provider step, the
    /// bureau's approver at the bureau step; the bureau's administrator at either. Nobody
    /// answers for another unit, and a data officer never approves.
    public static func canAnswer(_ step: ApprovalStep, provider: Int64, bureau: Int64?, _ p: Principal) throws(AccessDenial) {
        switch p.role {
        case .admin: return
        case .approver:
            let unit = step == .provider ? provider : bureau
            guard let unit, p.organizationID == unit else { throw .scope(ownUnit: p.organizationID) }
        case .officer, .queryUser, .auditor: throw .role(p.role)
        }
    }

    /// Whether `p` sees every request and grant city-wide: the bureau's administrators,
    /// auditors and approvers.
    public static func overseesSharing(bureau: Int64?, _ p: Principal) -> Bool {
        p.role == .admin || p.role == .auditor || (p.role == .approver && p.organizationID != nil && p.organizationID == bureau)
    }

    /// Revoking a grant on `provider`'s resource: that unit's approver or the bureau.
    public static func canRevokeGrant(provider: Int64, _ p: Principal) throws(AccessDenial) {
        switch p.role {
        case .admin: return
        case .approver:
            guard p.organizationID == provider else { throw .scope(ownUnit: p.organizationID) }
        case .officer, .queryUser, .auditor: throw .role(p.role)
        }
    }

    /// Reading a request or grant: the two units it is between, the bureau's approvers, the
    /// bureau's administrators and auditors. Nobody else learns who asked for what.
    public static func canSee(consumer: Int64, provider: Int64, bureau: Int64?, _ p: Principal) throws(AccessDenial) {
        if overseesSharing(bureau: bureau, p) { return }
        switch p.role {
        case .admin, .auditor: return
        case .officer, .approver, .queryUser:
            guard let own = p.organizationID, own == consumer || own == provider else { throw .scope(ownUnit: p.organizationID) }
        }
    }
}
